"""What every organiser page puts in its template context."""

from __future__ import annotations

from django.http import HttpRequest

from convener.people.models import Participant
from convener.program.context import meeting_page
from convener.program.models import Meeting


def page(request: HttpRequest, meeting: Meeting, organiser: Participant, section: str) -> dict[str, object]:
    """The meeting page's context, and which part of the organiser area is open (for its menu)."""
    return {**meeting_page(request, meeting, organiser), "section": section}
