"""The program as a Markdown page of a static site: YAML front matter, a heading per theme or session.

Reading (``parse``), in the words of the page:

- front matter: ``title``, ``description`` and optionally ``time_zone`` (an IANA name);
- the highest heading level used (``##`` on most pages) holds themes and sessions; a heading
  with headings one level below it (or a ``Kind: Theme`` line) is a *theme*, and those
  headings are its *sessions*; any other heading at the top level is a session;
- ``Goal:``, ``Format:``, ``Kind:``, ``When:``, ``Region:``, ``Recording:`` paragraphs are fields;
  a one-line paragraph ending in ``Facilitator(s): names`` or ``(Panel) moderator: names``
  (bold or not, with words before it) gives roles; "tbc" names nobody;
- a theme's Goal and Format are its sessions' where they state none of their own;
- bullet items (``+``, ``-``, ``*``) are presentations, a link in one is its video;
  "from 23 June 2021" in a paragraph dates the section's presentations, "(from …)"
  after an item dates that one;
- other paragraphs, and block quotes, are the session's preparation text;
- a session without ``When:`` is unscheduled.

Writing is ``markdown_render.render``: a page of that shape that ``parse`` reads back to the
same program.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from convener.programio.document import (
    FACILITATOR,
    MODERATOR,
    PersonDoc,
    PresentationDoc,
    ProgramDoc,
    ProgramInputError,
    SessionDoc,
    ThemeDoc,
)
from convener.programio.markdown_lines import (
    _blocks,
    _check_is_markdown,
    _front_matter,
    _line,
    _parse_date,
    _Section,
    _sections,
    _zone,
    unescape,
)

KINDS = {
    "icebreaker": "Icebreaker",
    "panel": "Panel",
    "live_qa": "Live Q&A",
    "networking": "Networking",
    "demo": "Demo",
    "regional": "Regional",
    "thematic": "Thematic",
    "game_show": "Game show",
    "evaluation": "Evaluation",
    "plenary": "Plenary",
}
# Words in a heading that say what kind of session it is, first match wins.
KIND_WORDS = [
    ("icebreaker", "icebreaker"),
    ("panel", "panel"),
    ("q&a", "live_qa"),
    ("q & a", "live_qa"),
    ("speed dating", "networking"),
    ("networking", "networking"),
    ("demo", "demo"),
    ("regional", "regional"),
    ("game show", "game_show"),
    ("evaluation", "evaluation"),
]
NOBODY = {"tbc", "tba", "tbd", "to be confirmed", "to be announced", ""}

_FIELD = re.compile(r"^\**(Goal|Format|Kind|When|Region|Recording)\s*:\**\s*(.*)$", re.IGNORECASE | re.DOTALL)
_ROLE = re.compile(
    r"^(?P<prefix>.{0,80}?)(?P<label>\bpanel moderators?|\bmoderators?|\bfacilitators?)\s*:\s*(?P<names>.+)$",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*[,;&]\s*|\s+and\s+")
_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\(\s*<?([^)\s>]+)>?\s*\)")
_FROM_DATE = re.compile(r"\bfrom\s+(\d{1,2}\s+[A-Za-z]+\s+\d{4}|\d{4}-\d{2}-\d{2})")
_ITEM_DATE = re.compile(r"\s*\(from\s+(\d{1,2}\s+[A-Za-z]+\s+\d{4}|\d{4}-\d{2}-\d{2})\)\s*$")
_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~])")
_WHEN_ISO = re.compile(r"^(\S+)\s+(?:to|–|—|-)\s+(\S+)$")
_WHEN_LOCAL = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})\s*(?:–|—|-|to)\s*(\d{1,2}:\d{2})$")
WHEN_EXPECTED = "expected 'When: 2021-06-24T14:00+02:00 to 2021-06-24T15:30+02:00' or 'When: 2021-06-24 14:00–15:30'"


def escape(text: str) -> str:
    """One-line text (a title, a name) safe in a heading, a list item or a link label."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    if escaped[:1] in "+-=":
        escaped = "\\" + escaped  # not read as a list item (nor a setext underline)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", escaped)  # "1." is not an ordered list


def _kind_from_words(*titles: str) -> str | None:
    for title in titles:
        lowered = title.casefold()
        for word, kind in KIND_WORDS:
            if word in lowered:
                return kind
    return None


def _kind(value: str, where: str) -> str:
    wanted = value.strip().casefold()
    for code, label in KINDS.items():
        if wanted in (code, label.casefold()):
            return code
    raise ProgramInputError(where, f"unknown kind {value.strip()!r}: expected one of {', '.join(KINDS.values())}")


def _when(value: str, where: str, zone: ZoneInfo) -> tuple[datetime, datetime]:
    text = " ".join(value.split())
    local = _WHEN_LOCAL.match(text)
    try:
        if local:
            day, start, end = local.groups()
            starts_at = datetime.fromisoformat(f"{day}T{start.zfill(5)}").replace(tzinfo=zone)
            ends_at = datetime.fromisoformat(f"{day}T{end.zfill(5)}").replace(tzinfo=zone)
        else:
            iso = _WHEN_ISO.match(text)
            if not iso:
                raise ValueError
            starts_at, ends_at = (datetime.fromisoformat(part) for part in iso.groups())
            starts_at = starts_at if starts_at.tzinfo else starts_at.replace(tzinfo=zone)
            ends_at = ends_at if ends_at.tzinfo else ends_at.replace(tzinfo=zone)
    except ValueError:
        raise ProgramInputError(where, f"cannot read the time {value.strip()!r}: {WHEN_EXPECTED}") from None
    if ends_at.astimezone(UTC) <= starts_at.astimezone(UTC):
        raise ProgramInputError(where, f"the session ends before it starts ({value.strip()!r})")
    return starts_at, ends_at


def _names(text: str) -> list[str]:
    names = [unescape(part).strip(" .*") for part in _NAME_SPLIT.split(text.replace("**", ""))]
    return [name for name in names if name.casefold() not in NOBODY]


def _presentation(number: int, item: str, section_date: date | None) -> PresentationDoc:
    release_on = section_date
    dated = _ITEM_DATE.search(item)
    if dated:
        release_on = _parse_date(dated.group(1)) or release_on
        item = item[: dated.start()]
    url = ""
    link = _LINK.search(item)
    if link:
        url = link.group(2)
        item = item[: link.start()] + link.group(1) + item[link.end() :]
    title = " ".join(unescape(item).split())
    if not title:
        raise ProgramInputError(_line(number), "an empty list item: expected a presentation title")
    return PresentationDoc(title=title, url=url, release_on=release_on, where=_line(number))


@dataclass
class _Fields:
    kind: str | None = None
    goal: str = ""
    format: str = ""
    when: tuple[datetime, datetime] | None = None
    region: str | None = None
    recording: str = ""
    is_theme: bool = False
    people: list[PersonDoc] = field(default_factory=list)
    role_words: list[str] = field(default_factory=list)
    preparation: list[str] = field(default_factory=list)
    release_on: date | None = None
    items: list[tuple[int, str]] = field(default_factory=list)


def _read_body(body: list[tuple[int, str]], zone: ZoneInfo) -> _Fields:
    fields = _Fields()
    for block in _blocks(body):
        where = _line(block.line)
        if block.kind == "bullets":
            fields.items.extend(block.lines)
            continue
        if block.kind == "quote":
            fields.preparation.append(block.text)
            continue
        text = block.text
        labelled = _FIELD.match(text)
        if labelled:
            label, value = labelled.group(1).casefold(), labelled.group(2).strip()
            if label == "goal":
                fields.goal = value
            elif label == "format":
                fields.format = value
            elif label == "kind":
                if value.casefold() == "theme":
                    fields.is_theme = True
                else:
                    fields.kind = _kind(value, where)
            elif label == "when":
                fields.when = _when(value, where, zone)
            elif label == "region":
                fields.region = unescape(value)
            else:
                fields.recording = value
            continue
        role = _ROLE.match(text.replace("**", "")) if len(block.lines) == 1 else None
        if role:
            label = role.group("label").casefold()
            kind = MODERATOR if "moderator" in label else FACILITATOR
            fields.role_words.append(role.group("prefix"))
            fields.people.extend(PersonDoc(name=name, role=kind) for name in _names(role.group("names")))
            continue
        dated = _FROM_DATE.search(text)
        if dated and fields.release_on is None:
            fields.release_on = _parse_date(dated.group(1))
        fields.preparation.append(text)
    return fields


def _people(people: list[PersonDoc]) -> list[PersonDoc]:
    """One role per person and session: the first line naming them decides."""
    seen: set[str] = set()
    unique = []
    for person in people:
        if person.name.casefold() not in seen:
            seen.add(person.name.casefold())
            unique.append(person)
    return unique


def _session(
    section: _Section, zone: ZoneInfo, *, theme: str | None = None, inherited: _Fields | None = None
) -> SessionDoc:
    fields = _read_body(section.body, zone)
    parent_title = theme or ""
    kind = fields.kind or _kind_from_words(section.title, parent_title, *fields.role_words) or "plenary"
    goal = fields.goal or (inherited.goal if inherited else "")
    format_ = fields.format or (inherited.format if inherited else "")
    session = SessionDoc(
        title=section.title,
        kind=kind,
        goal=goal,
        format=format_,
        preparation="\n\n".join(fields.preparation),
        theme=theme,
        region=fields.region,
        recording_url=fields.recording,
        people=_people(fields.people),
        presentations=[_presentation(n, item, fields.release_on) for n, item in fields.items],
        where=_line(section.line),
    )
    if fields.when:
        session.starts_at, session.ends_at = fields.when
    return session


def _theme_description(body: list[tuple[int, str]]) -> str:
    lines = [text for _, text in body]
    text = "\n".join(lines).strip("\n")
    return re.sub(r"(?im)^Kind:\s*Theme\s*$\n?", "", text).strip()


def parse(text: str, *, default_zone: str = "UTC") -> ProgramDoc:
    """Read a program page; raises ``ProgramInputError`` naming the line of the first problem."""
    _check_is_markdown(text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, first = _front_matter(lines)
    zone_name = str(meta["time_zone"]) if meta.get("time_zone") is not None else None
    zone = _zone(zone_name, _line(int(str(meta["_time_zone_line"])))) if zone_name else _zone(default_zone, "")
    tree, before = _sections(lines, first)
    doc = ProgramDoc(
        title=str(meta.get("title") or ""),
        description=str(meta.get("description") or ""),
        time_zone=zone_name,
    )
    if before:
        doc.notes.append(f"Text before the first heading was not imported: {' '.join(before)[:120]}")
    for section in tree:
        fields = _read_body(section.body, zone) if section.children else None
        if section.children or _read_body(section.body, zone).is_theme:
            doc.themes.append(
                ThemeDoc(name=section.title, description=_theme_description(section.body), where=_line(section.line))
            )
            for child in section.children:
                doc.sessions.append(_session(child, zone, theme=section.title, inherited=fields))
        else:
            doc.sessions.append(_session(section, zone))
    return doc


# --------------------------------------------------------------------------
# writing
# --------------------------------------------------------------------------
