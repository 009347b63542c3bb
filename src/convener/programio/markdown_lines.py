"""Reading a Markdown program page's lines: front matter, heading sections, blocks (paragraphs, bullets, quotes).

The structure only; what the words mean (themes, sessions, fields, roles) is ``markdown_page``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from convener.programio.document import (
    ProgramInputError,
)

_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?[ \t]*$")
_CLOSING_HASHES = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")
_BULLET = re.compile(r"^[ \t]{0,3}[+*-][ \t]+(.*)$")
_QUOTE = re.compile(r"^[ \t]{0,3}>[ ]?(.*)$")
_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape(text: str) -> str:
    return _ESCAPED.sub(r"\1", text)


def _line(n: int) -> str:
    return f"line {n}"


def _parse_date(text: str) -> date | None:
    for pattern in ("%d %B %Y", "%d %b %Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _zone(name: str, where: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ProgramInputError(
            where, f"unknown time zone {name!r}: expected an IANA name such as Europe/Copenhagen or UTC"
        ) from None


# --------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------


@dataclass
class _Block:
    kind: str  # "para", "quote", "bullets"
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.lines)


@dataclass
class _Section:
    level: int
    title: str
    line: int
    body: list[tuple[int, str]] = field(default_factory=list)
    children: list[_Section] = field(default_factory=list)


def _check_is_markdown(text: str) -> None:
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        raise ProgramInputError(_line(line), "binary data (a NUL byte): expected a Markdown text page")
    start = text.lstrip()
    if start[:1] in "{[":
        raise ProgramInputError(_line(1), "this looks like JSON, not a Markdown page: use --format frab-json")
    if start[:5] == "<?xml" or start[:9] == "<schedule":
        raise ProgramInputError(_line(1), "this looks like XML, not a Markdown page: use --format frab-xml")


def _front_matter(lines: list[str]) -> tuple[dict[str, object], int]:
    """The front matter's keys, and the index of the first line after it."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            break
    else:
        raise ProgramInputError(
            _line(1), "the front matter opened here is never closed: expected a line '---' after it"
        )
    source = "\n".join(lines[1:index])
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = 2 + mark.line if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise ProgramInputError(_line(line), f"the front matter is not valid YAML ({problem})") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ProgramInputError(_line(2), "the front matter must be 'key: value' lines (YAML mapping)")

    def key_line(key: str) -> int:
        for offset, text in enumerate(lines[1:index], start=2):
            if text.startswith(f"{key}:"):
                return offset
        return 2

    for key in ("title", "description", "time_zone"):
        value = data.get(key)
        if value is not None and not isinstance(value, str | int | float | date):
            raise ProgramInputError(_line(key_line(key)), f"front matter {key}: expected text")
    data["_time_zone_line"] = key_line("time_zone")
    return data, index + 1


def _sections(lines: list[str], first: int) -> tuple[list[_Section], list[str]]:
    sections: list[_Section] = []
    before: list[str] = []
    fence = False
    for index in range(first, len(lines)):
        text = lines[index]
        number = index + 1
        if text.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else _HEADING.match(text)
        if match and not text.startswith(" " * 4):
            title = unescape(_CLOSING_HASHES.sub("", match.group(2) or "")).strip()
            if not title:
                raise ProgramInputError(
                    _line(number), "an empty heading: expected a theme or session title after the #"
                )
            sections.append(_Section(level=len(match.group(1)), title=title, line=number))
        elif sections:
            sections[-1].body.append((number, text))
        elif text.strip():
            before.append(text.strip())
    if not sections:
        raise ProgramInputError(
            _line(first + 1), "no headings found: expected a '## Title' heading for each theme or session"
        )
    top = min(s.level for s in sections)
    tree: list[_Section] = []
    for section in sections:
        if section.level == top:
            tree.append(section)
        elif section.level == top + 1:
            if not tree:
                raise ProgramInputError(
                    _line(section.line),
                    f"a level-{section.level} heading before any level-{top} heading: "
                    "expected a theme heading above the sessions it groups",
                )
            tree[-1].children.append(section)
        else:
            raise ProgramInputError(
                _line(section.line),
                f"a level-{section.level} heading: expected level {top} (themes and sessions) or {top + 1} "
                "(the sessions of a theme); deeper headings cannot be read",
            )
    return tree, before


def _blocks(body: list[tuple[int, str]]) -> list[_Block]:
    blocks: list[_Block] = []
    current: _Block | None = None
    for number, text in body:
        if not text.strip():
            current = None
            continue
        quote = _QUOTE.match(text)
        bullet = _BULLET.match(text)
        if quote:
            if current is None or current.kind != "quote":
                current = _Block("quote", number)
                blocks.append(current)
            current.lines.append((number, quote.group(1)))
        elif bullet:
            if current is None or current.kind != "bullets":
                current = _Block("bullets", number)
                blocks.append(current)
            current.lines.append((number, bullet.group(1).strip()))
        elif current is not None and current.kind == "bullets" and text[:1] in " \t":
            last_number, last = current.lines[-1]
            current.lines[-1] = (last_number, f"{last} {text.strip()}")
        else:
            if current is None or current.kind != "para":
                current = _Block("para", number)
                blocks.append(current)
            current.lines.append((number, text.rstrip()))
    return blocks
