"""The program as a Markdown page: writing it (``render``), in the shape ``markdown_page.parse`` reads back.

Titles and names escaped, preparation as a block quote (so its own lists are not taken for
presentations), times as ISO 8601 with their offset (exact across DST). See ``markdown_page``
for the page's shape.
"""

from __future__ import annotations

import yaml

from convener.programio.document import (
    FACILITATOR,
    MODERATOR,
    ProgramDoc,
    SessionDoc,
)
from convener.programio.markdown_page import KINDS, escape


def _when_text(session: SessionDoc) -> str:
    assert session.starts_at and session.ends_at
    return f"{session.starts_at.isoformat(timespec='minutes')} to {session.ends_at.isoformat(timespec='minutes')}"


def _session_lines(session: SessionDoc, level: int) -> list[str]:
    out = [f"{'#' * level} {escape(session.title)}", ""]
    out += [f"Kind: {KINDS.get(session.kind, session.kind)}", ""]
    if session.starts_at:
        out += [f"When: {_when_text(session)}", ""]
    if session.region:
        out += [f"Region: {escape(session.region)}", ""]
    if session.goal.strip():
        out += [f"Goal: {session.goal.strip()}", ""]
    if session.format.strip():
        out += [f"Format: {session.format.strip()}", ""]
    for role, label in ((FACILITATOR, "Facilitators"), (MODERATOR, "Moderators")):
        names = [escape(p.name) for p in session.people if p.role == role]
        if names:
            out += [f"{label}: {', '.join(names)}", ""]
    if session.recording_url:
        out += [f"Recording: {session.recording_url}", ""]
    if session.preparation.strip():
        out += [f"> {line}".rstrip() for line in session.preparation.strip().split("\n")]
        out.append("")
    for item in session.presentations:
        title = escape(item.title)
        line = f"+ [{title}](<{item.url}>)" if item.url else f"+ {title}"
        if item.release_on:
            line += f" (from {item.release_on.day} {item.release_on:%B %Y})"
        out.append(line)
    if session.presentations:
        out.append("")
    return out


class _FrontMatterDumper(yaml.SafeDumper):
    """Multi-line text as a ``|`` block, as people write front matter by hand."""


def _text_representer(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_FrontMatterDumper.add_representer(str, _text_representer)


def render(doc: ProgramDoc) -> str:
    """The program as a page ``parse`` reads back to the same program."""
    front = {"title": doc.title, "description": doc.description}
    if doc.time_zone:
        front["time_zone"] = doc.time_zone
    dumped = yaml.dump(front, Dumper=_FrontMatterDumper, allow_unicode=True, sort_keys=False, width=10_000)
    out = ["---", dumped.rstrip("\n"), "---", ""]
    by_theme: dict[str, list[SessionDoc]] = {theme.name: [] for theme in doc.themes}
    for session in doc.sessions:
        if session.theme is not None:
            by_theme.setdefault(session.theme, []).append(session)
    descriptions = {theme.name: theme.description for theme in doc.themes}
    written: set[str] = set()
    for session in doc.sessions:
        if session.theme is None:
            out += _session_lines(session, 2)
            continue
        if session.theme in written:
            continue
        written.add(session.theme)
        out += [f"## {escape(session.theme)}", ""]
        if descriptions.get(session.theme, "").strip():
            out += [descriptions[session.theme].strip(), ""]
        for child in by_theme[session.theme]:
            out += _session_lines(child, 3)
    for theme in doc.themes:
        if theme.name not in written:
            out += [f"## {escape(theme.name)}", "", "Kind: Theme", ""]
            if theme.description.strip():
                out += [theme.description.strip(), ""]
    return "\n".join(out).rstrip("\n") + "\n"
