"""People from a CSV: a preview of what will be made or changed, then all of it or nothing.

Columns (header names are case-insensitive; ``_`` reads as a space):
``name, email`` (required), ``node, country, region, languages, time zone, role, working hours``.

- ``node`` names an existing node; an unknown node can be created with the import when its
  row gives ``region`` (a region's name or slug) and, for a national node, ``country``.
- ``languages``: codes such as ``en; es`` (``;``, ``,`` or spaces between them).
- ``working hours``: ``09:00-17:00`` in the person's own zone, what the slot planner reads.
- ``role``: participant (the default), presenter, facilitator, guest or organiser.

The preview and the import run the same checks, so the import never does what the preview did
not show. Errors name the file's line and the column. One bad row and nothing is written.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import time

from django.conf.locale import LANG_INFO
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django_countries import countries

from convener.core.text import LINE_BREAKS
from convener.core.timezones import is_known
from convener.people.access import organiser_access_sync
from convener.people.models import Node, Participant, Region
from convener.program.models import Meeting

COLUMNS = ("name", "email", "node", "country", "region", "languages", "time zone", "role", "working hours")
REQUIRED = ("name", "email")
MAX_ROWS = 20_000
MAX_BYTES = 2 * 1024 * 1024  # the preview posts the text back; Django takes 2.5 MB of form data
ROLES = {value: value for value in Participant.Role.values} | {
    label.lower(): value for value, label in Participant.Role.choices
}
_HOURS = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")


ACTIONS = ("new account", "add", "update", "unchanged")


class ImportRefused(ValidationError):
    """The file as a whole cannot be read (encoding, size, header)."""


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str


@dataclass
class NewNode:
    name: str
    region: Region
    country: str
    lines: list[int] = field(default_factory=list)


@dataclass
class Row:
    line: int
    email: str
    name: str
    action: str  # "new account", "add", "update", "unchanged"
    fields: dict[str, object]
    node_name: str = ""
    changes: list[str] = field(default_factory=list)


@dataclass
class Plan:
    rows: list[Row]
    errors: list[RowError]
    new_nodes: dict[str, NewNode]

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def summary(self) -> dict[str, int]:
        """How many rows make a new account, add an existing one, update, or change nothing."""
        return {action: self.count(action) for action in ACTIONS}


def decode(data: bytes) -> str:
    if len(data) > MAX_BYTES:
        raise ImportRefused(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; split it.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            f"The file is not UTF-8 text (byte {exc.start + 1}); save it from your spreadsheet as “CSV UTF-8”."
        ) from None


def _header(names: Iterable[str] | None) -> list[str]:
    if not names:
        raise ImportRefused("The file is empty: the first line must name the columns, such as name,email.")
    header = [" ".join(name.strip().lower().replace("_", " ").split()) for name in names]
    unknown = [name for name in header if name and name not in COLUMNS]
    if unknown:
        raise ImportRefused(f"Unknown column {unknown[0]!r} on line 1; the columns are: {', '.join(COLUMNS)}.")
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise ImportRefused(f"Line 1 has no {missing[0]!r} column; name and email are required.")
    return header


def parse_languages(value: str) -> list[str]:
    codes = [code for code in re.split(r"[;,\s]+", value.strip().lower()) if code]
    unknown = [code for code in codes if code not in LANG_INFO]
    if unknown:
        raise ValueError(f"unknown language code {unknown[0]!r}; use codes such as en, es, fr")
    return list(dict.fromkeys(codes))


def _hours(value: str) -> tuple[time, time]:
    match = _HOURS.match(value)
    if not match:
        raise ValueError(f"{value!r} is not a span such as 09:00-17:00")
    h1, m1, h2, m2 = (int(part) for part in match.groups())
    if h1 > 23 or h2 > 23 or m1 > 59 or m2 > 59:
        raise ValueError(f"{value!r} is not a span of times of day")
    start, end = time(h1, m1), time(h2, m2)
    if end <= start:
        raise ValueError("working hours must end after they start")
    return start, end


def _country(value: str) -> str:
    code = value.strip()
    if not code:
        return ""
    if code.upper() in dict(countries):
        return code.upper()
    by_name = countries.by_name(code)
    if by_name:
        return by_name
    raise ValueError(f"unknown country {value!r}; use a code such as CO or a name such as Colombia")


class _Lookups:
    """What the rows refer to, read once for the whole file."""

    def __init__(self, meeting: Meeting, emails: set[str]) -> None:
        users = get_user_model().objects.annotate(address=Lower("email")).filter(address__in=emails)
        self.users = {user.address: user for user in users.order_by("-pk")}  # the oldest account wins
        self.participants = {
            participant.user_id: participant
            for participant in Participant.objects.filter(meeting=meeting, user__in=list(self.users.values()))
        }
        self.nodes = {node.name.lower(): node for node in Node.objects.all()}
        self.regions: dict[str, Region] = {}
        for region in Region.objects.all():
            self.regions[region.name.lower()] = region
            self.regions[region.slug.lower()] = region


def plan(meeting: Meeting, text: str) -> Plan:
    """Read the file and say, row by row, what the import would do, or why it cannot."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = _header(next(reader, None))
        raw = []
        for values in reader:
            if len(raw) >= MAX_ROWS:
                raise ImportRefused(f"The file has more than {MAX_ROWS:,} people; split it.")
            if any(value.strip() for value in values):
                raw.append((reader.line_num, values))
    except csv.Error as exc:
        raise ImportRefused(f"Line {reader.line_num} cannot be read as CSV: {exc}.") from None
    emails = {dict(zip(header, values, strict=False)).get("email", "").strip().lower() for _, values in raw}
    lookups = _Lookups(meeting, emails)
    result = Plan(rows=[], errors=[], new_nodes={})
    seen: dict[str, int] = {}
    for line, values in raw:
        row = _row(meeting, line, header, values, lookups, result, seen)
        if row is not None:
            result.rows.append(row)
    return result


def _row(
    meeting: Meeting,
    line: int,
    header: list[str],
    values: list[str],
    lookups: _Lookups,
    result: Plan,
    seen: dict[str, int],
) -> Row | None:
    errors: list[RowError] = []

    def fail(column: str, message: str) -> None:
        errors.append(RowError(line, column, message))

    if len(values) > len(header):
        fail("", f"{len(values)} values for {len(header)} columns (a comma too many, or text needing quotes)")
    cells = {name: value.strip() for name, value in zip(header, values, strict=False) if name}
    for name, value in cells.items():
        if any(char in value for char in LINE_BREAKS):
            fail(name, "a line break inside a value")
    name = cells.get("name", "")
    if not name:
        fail("name", "the name is empty")
    elif len(name) > 150:
        fail("name", "the name is longer than 150 characters")
    email = cells.get("email", "").lower()
    try:
        validate_email(email)
    except ValidationError:
        fail("email", f"{cells.get('email', '')!r} is not an email address")
    else:
        if email in seen:
            fail("email", f"{email} is already on line {seen[email]}")
        seen.setdefault(email, line)
    fields: dict[str, object] = {"name": name}
    if cells.get("languages"):
        try:
            fields["languages"] = parse_languages(cells["languages"])
        except ValueError as exc:
            fail("languages", str(exc))
    if cells.get("time zone"):
        if is_known(cells["time zone"]):
            fields["time_zone"] = cells["time zone"]
        else:
            fail("time zone", f"{cells['time zone']!r} is not a known time zone; use a name such as America/Bogota")
    if cells.get("role"):
        role = ROLES.get(cells["role"].lower())
        if role is None:
            fail("role", f"unknown role {cells['role']!r}; use {', '.join(Participant.Role.values)}")
        else:
            fields["role"] = role
    if cells.get("working hours"):
        try:
            fields["work_start"], fields["work_end"] = _hours(cells["working hours"])
        except ValueError as exc:
            fail("working hours", str(exc))
    node_name = cells.get("node", "")
    if node_name:
        node = lookups.nodes.get(node_name.lower())
        if node is not None:
            fields["node"] = node
        else:
            _unknown_node(node_name, cells, line, lookups, result, fail)
    result.errors.extend(errors)
    if errors:
        return None
    return _action(meeting, line, email, fields, node_name, lookups, result)


def _unknown_node(name: str, cells: dict[str, str], line: int, lookups: _Lookups, result: Plan, fail) -> None:  # type: ignore[no-untyped-def]
    key = name.lower()
    if key in result.new_nodes:
        result.new_nodes[key].lines.append(line)
        return
    region = lookups.regions.get(cells.get("region", "").lower())
    if region is None:
        known = ", ".join(sorted({r.name for r in lookups.regions.values()}))
        fail("region", f"node {name!r} is new, so the row must name its region (one of: {known})")
        return
    if len(name) > 200:
        fail("node", "a node's name is at most 200 characters")
        return
    try:
        country = _country(cells.get("country", ""))
    except ValueError as exc:
        fail("country", str(exc))
        return
    result.new_nodes[key] = NewNode(name=name, region=region, country=country, lines=[line])


def _action(
    meeting: Meeting,
    line: int,
    email: str,
    fields: dict[str, object],
    node_name: str,
    lookups: _Lookups,
    result: Plan,
) -> Row | None:
    user = lookups.users.get(email)
    participant = lookups.participants.get(user.pk) if user is not None else None
    if participant is None:
        action = "new account" if user is None else "add"
        return Row(line, email, str(fields["name"]), action, fields, node_name)
    if participant.role == Participant.Role.ORGANISER and fields.get("role", participant.role) != participant.role:
        result.errors.append(
            RowError(line, "role", f"{email} organises this meeting; change organisers on the Organisers page")
        )
        return None
    changes = [key.replace("_", " ") for key, value in fields.items() if getattr(participant, key) != value]
    if node_name and node_name.lower() in result.new_nodes:
        changes.append("node")
    action = "update" if changes else "unchanged"
    return Row(line, email, str(fields["name"]), action, fields, node_name, changes)


@dataclass(frozen=True)
class Outcome:
    created_accounts: int
    added: int
    updated: int
    nodes_created: int
    new_users: list[int]


@transaction.atomic
def apply(meeting: Meeting, text: str, *, create_nodes: bool) -> Outcome:
    """Do what ``plan`` shows, all of it or nothing; raise ValidationError with the reasons otherwise."""
    result = plan(meeting, text)
    if result.new_nodes and not create_nodes:
        first = next(iter(result.new_nodes.values()))
        result.errors.append(
            RowError(first.lines[0], "node", f"{first.name!r} is not a node yet; tick “create the new nodes”")
        )
    if not result.ok:
        raise ValidationError([f"Line {e.line}, {e.column or 'row'}: {e.message}." for e in result.errors[:50]])
    nodes = {}
    for key, new in result.new_nodes.items():
        node = Node(name=new.name, region=new.region, country=new.country, kind=Node.Kind.NATIONAL)
        if not new.country:
            node.kind = Node.Kind.ORGANISATIONAL
        node.full_clean()
        node.save()
        nodes[key] = node
    User = get_user_model()
    fresh = [row for row in result.rows if row.action == "new account"]
    new_users = []
    for row in fresh:
        user = User(username=row.email[:150], email=row.email)
        user.set_unusable_password()
        new_users.append(user)
    User.objects.bulk_create(new_users, batch_size=500)
    users = {
        user.address: user
        for user in User.objects.annotate(address=Lower("email")).filter(address__in=[row.email for row in result.rows])
    }
    added, updated, organisers = [], [], []
    existing = {p.user_id: p for p in Participant.objects.filter(meeting=meeting, user__in=list(users.values()))}
    for row in result.rows:
        fields = dict(row.fields)
        if row.node_name and row.node_name.lower() in nodes:
            fields["node"] = nodes[row.node_name.lower()]
        if row.action in {"new account", "add"}:
            values = {"time_zone": meeting.time_zone, "languages": ["en"], **fields}
            person = Participant(meeting=meeting, user=users[row.email], **values)
            person.clean_fields(exclude=["user", "meeting", "node", "represents", "calendar_token"])
            person.clean()
            added.append(person)
        elif row.action == "update":
            person = existing[users[row.email].pk]
            for key, value in fields.items():
                setattr(person, key, value)
            person.clean()
            updated.append(person)
        else:
            continue
        if person.role == Participant.Role.ORGANISER:
            organisers.append(person.user)
    Participant.objects.bulk_create(added, batch_size=500)
    if updated:
        keys = sorted({key for row in result.rows if row.action == "update" for key in row.fields})
        Participant.objects.bulk_update(updated, keys, batch_size=500)
    for user in organisers:
        organiser_access_sync(user)
    return Outcome(
        created_accounts=len(fresh),
        added=len(added) - len(fresh),
        updated=len(updated),
        nodes_created=len(nodes),
        new_users=[users[row.email].pk for row in fresh],
    )
