"""frab-style schedule JSON, as pretalx exports it and venueless and the c3voc tools read it.

Written to validate against the c3voc schema (voc/schedule, ``validator/json/schema.json``):
``schedule.conference`` with its days, each day's ``rooms`` mapping a room name to its events.

convener → frab: a session is an event; its theme is the event's track *and* its room
(a virtual meeting has no rooms; one room per theme keeps parallel sessions apart);
kind → ``type``, goal → ``abstract``, format → ``description``, facilitators and
moderators → ``persons`` (with a ``role``), listed presentations with a video → ``links``.
Unscheduled sessions, preparation text, regions and theme descriptions have no place in
frab and are left out.

frab → convener: tracks become themes; a schedule with no tracks at all gives its rooms
as themes instead (a pretalx event whose rooms are its streams). Persons (``name`` or
``public_name``) become people; ``links`` with a URL become listed presentations.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import jsonschema

from convener.programio.document import (
    FACILITATOR,
    ROLES,
    PersonDoc,
    PresentationDoc,
    ProgramDoc,
    ProgramInputError,
    SessionDoc,
    ThemeDoc,
    name_key,
)
from convener.programio.markdown_page import KINDS

GENERATOR = "convener"
NO_THEME_ROOM = "Plenary"
# frab/pretalx event types that say something about a convener kind; the rest are plenaries.
FRAB_TYPES = {
    "workshop": "demo",
    "hands-on": "demo",
    "discussion": "thematic",
    "meeting": "thematic",
    "game": "game_show",
    "panel": "panel",
}
_ZONE_PATTERN = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")  # the schema's own, as it is written
_DURATION = re.compile(r"^(\d+):([0-5]\d)(?::([0-5]\d))?$")


@dataclass
class Conference:
    """What frab needs about the meeting that a ``ProgramDoc`` does not hold."""

    acronym: str
    start: date
    end: date
    zone: str
    base_url: str = ""


def acronym(slug: str) -> str:
    """A meeting slug as the schema's acronym (lower case letters, digits, underscores; at least four)."""
    text = re.sub(r"[^a-z0-9_]", "_", slug.lower())
    return text.ljust(4, "_")


def _slug(text: str) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:60].strip("-")


def guid(*parts: object) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "convener:" + ":".join(str(p) for p in parts)))


def duration(starts_at: datetime, ends_at: datetime) -> str:
    """Elapsed time as HH:MM. In UTC: two times of one zone subtract as wall clocks, wrong across a DST change."""
    minutes = int((ends_at.astimezone(UTC) - starts_at.astimezone(UTC)).total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def scheduled_events(doc: ProgramDoc, conference: Conference) -> list[tuple[int, SessionDoc, str]]:
    """The scheduled sessions in time order, numbered from 1, with their event slug."""
    sessions = sorted((s for s in doc.sessions if s.starts_at), key=lambda s: (s.starts_at, s.title))
    out = []
    for number, session in enumerate(sessions, start=1):
        words = _slug(session.title)
        out.append((number, session, f"{conference.acronym}-{number}" + (f"-{words}" if words else "")))
    return out


def days(doc: ProgramDoc, conference: Conference) -> list[date]:
    zone = ZoneInfo(conference.zone)
    wanted = {conference.start + timedelta(days=n) for n in range((conference.end - conference.start).days + 1)}
    wanted |= {s.starts_at.astimezone(zone).date() for s in doc.sessions if s.starts_at}
    return sorted(wanted)


def day_bounds(day: date, zone: str) -> tuple[datetime, datetime]:
    start = datetime(day.year, day.month, day.day, tzinfo=ZoneInfo(zone))
    following = day + timedelta(days=1)
    return start, datetime(following.year, following.month, following.day, tzinfo=ZoneInfo(zone))


def room(session: SessionDoc) -> str:
    return session.theme or NO_THEME_ROOM


def _event(number: int, session: SessionDoc, slug: str, conference: Conference) -> dict[str, Any]:
    assert session.starts_at and session.ends_at
    local = session.starts_at.astimezone(ZoneInfo(conference.zone))
    return {
        "id": number,
        "guid": guid(conference.acronym, "session", number, session.starts_at.isoformat(), session.title),
        "date": local.isoformat(),
        "start": f"{local:%H:%M}",
        "duration": duration(session.starts_at, session.ends_at),
        "room": room(session),
        "slug": slug,
        "url": session.url or f"{conference.base_url.rstrip('/')}/#{slug}",
        "title": session.title,
        "subtitle": "",
        "track": session.theme,
        "type": session.kind,
        "language": "en",
        "abstract": session.goal,
        "description": session.format,
        "persons": [
            {"guid": guid(conference.acronym, "person", name_key(p.name)), "name": p.name, "role": p.role}
            for p in session.people
        ],
        "links": [{"title": p.title, "url": p.url} for p in session.presentations if p.url],
    }


def build(doc: ProgramDoc, conference: Conference) -> dict[str, Any]:
    events = scheduled_events(doc, conference)
    rooms = list(dict.fromkeys([*(t.name for t in doc.themes), *(room(s) for _, s, _ in events)]))
    schedule_days = []
    for index, day in enumerate(days(doc, conference), start=1):
        day_start, day_end = day_bounds(day, conference.zone)
        by_room: dict[str, list[dict[str, Any]]] = {}
        for number, session, slug in events:
            assert session.starts_at
            if day_start <= session.starts_at < day_end:
                by_room.setdefault(room(session), []).append(_event(number, session, slug, conference))
        schedule_days.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": day_start.isoformat(),
                "day_end": day_end.isoformat(),
                "rooms": by_room,
            }
        )
    data: dict[str, Any] = {
        "acronym": conference.acronym,
        "title": doc.title,
        "description": doc.description,
        "start": conference.start.isoformat(),
        "end": conference.end.isoformat(),
        "daysCount": len(schedule_days),
        "timeslot_duration": "00:05",
        "rooms": [{"name": name, "guid": guid(conference.acronym, "room", name)} for name in rooms],
        "tracks": [{"name": theme.name} for theme in doc.themes],
        "days": schedule_days,
    }
    if _ZONE_PATTERN.search(conference.zone):
        data["time_zone_name"] = conference.zone
    return {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": GENERATOR, "version": "1"},
        "schedule": {"version": "1", "conference": data},
    }


def render(doc: ProgramDoc, conference: Conference) -> str:
    return json.dumps(build(doc, conference), ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------

_TEXT = {"type": ["string", "null"]}
_EVENT = {
    "type": "object",
    "required": ["title", "date", "duration"],
    "properties": {
        "title": {"type": "string", "minLength": 1},
        "date": {"type": "string"},
        "duration": {"type": "string", "pattern": _DURATION.pattern},
        "room": _TEXT,
        "track": _TEXT,
        "type": _TEXT,
        "abstract": _TEXT,
        "description": _TEXT,
        "persons": {
            "type": "array",
            "items": {
                "type": "object",
                "anyOf": [{"required": ["name"]}, {"required": ["public_name"]}],
                "properties": {"name": {"type": "string"}, "public_name": {"type": "string"}},
            },
        },
        "links": {"type": "array"},
    },
}
# What convener needs of a schedule: lenient where pretalx and frab differ, strict where it reads.
READ_SCHEMA = {
    "type": "object",
    "required": ["schedule"],
    "properties": {
        "schedule": {
            "type": "object",
            "required": ["conference"],
            "properties": {
                "conference": {
                    "type": "object",
                    "required": ["title", "days"],
                    "properties": {
                        "title": {"type": "string"},
                        "description": _TEXT,
                        "time_zone_name": {"type": "string"},
                        "tracks": {"type": "array", "items": {"type": "object", "required": ["name"]}},
                        "days": {
                            "type": "array",
                            "items": {
                                "type": "object",
                                "required": ["rooms"],
                                "properties": {
                                    "rooms": {
                                        "type": "object",
                                        "additionalProperties": {"type": "array", "items": _EVENT},
                                    }
                                },
                            },
                        },
                    },
                }
            },
        }
    },
}


def json_path(parts: list[object] | Any) -> str:
    path = "$"
    for part in parts:
        path += (
            f"[{part}]"
            if isinstance(part, int)
            else (f".{part}" if re.fullmatch(r"\w+", str(part)) else f"[{json.dumps(part)}]")
        )
    return path


def _zone(name: str, where: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ProgramInputError(
            where, f"unknown time zone {name!r}: expected an IANA name such as Europe/Copenhagen or UTC"
        ) from None


def parse_start(text: str, zone: ZoneInfo, where: str) -> datetime:
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise ProgramInputError(
            where, f"cannot read {text!r}: expected a date and time such as 2021-06-24T14:00:00+02:00"
        ) from None
    return value if value.tzinfo else value.replace(tzinfo=zone)


def parse_duration(text: str, where: str) -> timedelta:
    match = _DURATION.match(text.strip())
    if not match or (int(match.group(1)) == 0 and int(match.group(2)) == 0):
        raise ProgramInputError(where, f"cannot read the duration {text!r}: expected hours and minutes such as 01:30")
    return timedelta(hours=int(match.group(1)), minutes=int(match.group(2)), seconds=int(match.group(3) or 0))


def kind_of(value: str | None) -> str:
    wanted = (value or "").strip().casefold()
    if wanted in KINDS:
        return wanted
    return FRAB_TYPES.get(wanted, "plenary")


def person(data: dict[str, Any]) -> PersonDoc:
    role = data.get("role") if data.get("role") in ROLES else FACILITATOR
    return PersonDoc(name=" ".join(str(data.get("name") or data.get("public_name")).split()), role=str(role))


def links(items: list[Any]) -> list[PresentationDoc]:
    out = []
    for item in items:
        if isinstance(item, str) and item:
            out.append(PresentationDoc(title=item, url=item))
        elif isinstance(item, dict) and item.get("url"):
            out.append(PresentationDoc(title=str(item.get("title") or item["url"]), url=str(item["url"])))
    return out


def themes_from(tracks: list[str], rooms: list[str], track_names: list[str], theme_rooms: bool) -> list[ThemeDoc]:
    names = track_names + tracks if not theme_rooms else rooms
    return [ThemeDoc(name=name) for name in dict.fromkeys(n for n in names if n)]


def parse(text: str, *, default_zone: str = "UTC") -> ProgramDoc:
    stripped = text.lstrip()
    if stripped.startswith(("---", "#")):
        raise ProgramInputError("line 1", "this looks like a Markdown page, not JSON: use --format markdown")
    if stripped.startswith("<"):
        raise ProgramInputError("line 1", "this looks like XML, not JSON: use --format frab-xml")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ProgramInputError(f"line {exc.lineno}, column {exc.colno}", f"not valid JSON ({exc.msg})") from None
    errors = sorted(jsonschema.Draft7Validator(READ_SCHEMA).iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        error = errors[0]
        message = error.message if len(error.message) <= 200 else error.message[:100] + " … " + error.message[-80:]
        raise ProgramInputError(json_path(error.absolute_path), f"{message} (expected a frab schedule)")
    conference = data["schedule"]["conference"]
    zone_name = conference.get("time_zone_name")
    zone = _zone(zone_name, "$.schedule.conference.time_zone_name") if zone_name else _zone(default_zone, "")
    doc = ProgramDoc(title=conference["title"], description=conference.get("description") or "", time_zone=zone_name)
    generated_here = (data.get("generator") or {}).get("name") == GENERATOR
    events: list[tuple[str, str, dict[str, Any]]] = []
    for d, day in enumerate(conference["days"]):
        for room_name, room_events in day["rooms"].items():
            for e, event in enumerate(room_events):
                events.append(
                    (json_path(["schedule", "conference", "days", d, "rooms", room_name, e]), room_name, event)
                )
    any_track = generated_here or any(event.get("track") for _, _, event in events)
    track_names = [str(t["name"]) for t in conference.get("tracks") or []]
    doc.themes = themes_from(
        [str(event.get("track") or "") for _, _, event in events],
        [room_name for _, room_name, _ in events],
        track_names,
        theme_rooms=not any_track,
    )
    for where, room_name, event in events:
        starts_at = parse_start(event["date"], zone, f"{where}.date")
        length = parse_duration(event["duration"], f"{where}.duration")
        theme = (event.get("track") or None) if any_track else room_name
        doc.sessions.append(
            SessionDoc(
                title=" ".join(event["title"].split()),
                kind=kind_of(event.get("type")),
                goal=event.get("abstract") or "",
                format=event.get("description") or "",
                starts_at=starts_at,
                ends_at=starts_at + length,
                theme=theme,
                people=[person(p) for p in event.get("persons") or []],
                presentations=links(event.get("links") or []),
                where=where,
            )
        )
    return doc
