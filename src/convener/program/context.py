"""What every page of a meeting needs in its template context, whichever app renders it."""

from __future__ import annotations

from django.http import HttpRequest

from convener.people.models import Participant
from convener.people.selectors import is_organiser
from convener.program.models import Meeting
from convener.program.selectors import viewer_zone


def meeting_page(request: HttpRequest, meeting: Meeting, participant: Participant | None) -> dict[str, object]:
    """The meeting, who is looking (and whether they organise it), the viewer's zone and the meeting's zone."""
    return {
        "meeting": meeting,
        "participant": participant,
        "is_organiser": is_organiser(participant),
        "zone": viewer_zone(request_zone=getattr(request, "viewer_zone", None), meeting=meeting),
        "meeting_zone": meeting.zone,
    }
