"""A program as plain data, between a file and the database.

Every reader (Markdown page, frab JSON, frab XML) gives a ``ProgramDoc``; every
writer takes one. ``services.program_import`` writes a ``ProgramDoc`` into a
meeting, ``services.program_document`` reads one out of it, so each format is
only a parser and a renderer.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from convener.core.cli import InputError

FACILITATOR = "facilitator"
MODERATOR = "moderator"
ROLES = (FACILITATOR, MODERATOR)


class ProgramInputError(InputError):
    """A file convener cannot read: ``where`` names the line or JSON/XML path, the message what was expected."""

    def __init__(self, where: str, message: str) -> None:
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}" if where else message)


@dataclass
class PersonDoc:
    name: str
    role: str = FACILITATOR


@dataclass
class PresentationDoc:
    title: str
    url: str = ""
    release_on: date | None = None
    where: str = ""


@dataclass
class SessionDoc:
    title: str
    kind: str
    goal: str = ""
    format: str = ""
    preparation: str = ""
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    theme: str | None = None
    region: str | None = None
    recording_url: str = ""
    people: list[PersonDoc] = field(default_factory=list)
    presentations: list[PresentationDoc] = field(default_factory=list)
    where: str = ""
    url: str = ""  # the session's page, when exported from a meeting

    @property
    def scheduled(self) -> bool:
        return self.starts_at is not None


@dataclass
class ThemeDoc:
    name: str
    description: str = ""
    where: str = ""


@dataclass
class ProgramDoc:
    title: str = ""
    description: str = ""
    time_zone: str | None = None
    themes: list[ThemeDoc] = field(default_factory=list)
    sessions: list[SessionDoc] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what the reader skipped, for the preview

    def comparable(self) -> dict[str, object]:
        """The program without file positions, in a stable order: what a round trip must keep."""
        return {
            "themes": sorted((t.name, t.description.strip()) for t in self.themes),
            "sessions": sorted(
                (
                    s.title,
                    s.kind,
                    s.goal.strip(),
                    s.format.strip(),
                    s.preparation.strip(),
                    s.starts_at.astimezone(UTC).isoformat() if s.starts_at else "",
                    s.ends_at.astimezone(UTC).isoformat() if s.ends_at else "",
                    s.theme or "",
                    s.region or "",
                    s.recording_url,
                    tuple(sorted((p.name, p.role) for p in s.people)),
                    tuple((p.title, p.url, p.release_on.isoformat() if p.release_on else "") for p in s.presentations),
                )
                for s in self.sessions
            ),
        }


def name_key(name: str) -> str:
    """How names are matched: accents, case and runs of spaces ignored ("Mélanie  RAYMOND" = "melanie raymond")."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())
