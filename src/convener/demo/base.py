"""What every part of the demo shares: its name and dates, the sign-in addresses, the progress steps."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import NamedTuple
from zoneinfo import ZoneInfo

from convener.program.models import Meeting

MEETING_NAME = "Global Nodes Meeting 2027 (demo)"
MEETING_SLUG = "gnm-demo"
MEETING_ZONE = "Europe/Copenhagen"
START_DATE = date(2027, 3, 25)
END_DATE = date(2027, 3, 31)
EMAIL_DOMAIN = "nodes.example.org"
JOIN_LINK_PREFIX = "https://meet.jit.si/gnm-demo-"
RECORDING_URL = "https://vimeo.com/565518171/1f3018b8de"

ORGANISER_EMAIL = "organiser@example.org"
PARTICIPANT_EMAIL = "participant@example.org"
GUEST_EMAIL = "guest@example.org"

ICEBREAKER_TITLE = "Icebreaker virtual networking activity"
THEME3_TITLE = "Theme 3: Product development and tools — live Q&A"

# A step reports (what it is doing, steps done, steps in all).
Progress = Callable[[str, int, int], None]


class Login(NamedTuple):
    email: str
    password: str


@dataclass
class DemoResult:
    meeting: Meeting
    counts: dict[str, int]
    logins: list[Login]
    roles: dict[str, int] = field(default_factory=dict)


def at(day: int, hour: int, minute: int = 0, zone: str = MEETING_ZONE) -> datetime:
    """A wall-clock time on a day of March 2027 in ``zone``."""
    return datetime(2027, 3, day, hour, minute, tzinfo=ZoneInfo(zone))


class Steps:
    def __init__(self, total: int, progress: Progress | None):
        self.done = 0
        self.total = total
        self.progress = progress

    def __call__(self, label: str) -> None:
        self.done += 1
        if self.progress is not None:
            self.progress(label, self.done, self.total)
