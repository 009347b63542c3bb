"""Who may read and write a meeting through the API.

Read: a signed-in user with a Participant row in the meeting, any role.
Write: that meeting's organisers. Anonymous callers never get this far (401).
"""

from __future__ import annotations

import re

from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest
from ninja.errors import HttpError

from convener.api.selectors import can_manage_network
from convener.people.models import Participant
from convener.people.selectors import is_organiser, participant_for
from convener.program.models import Meeting

SLUG = re.compile(r"[-a-zA-Z0-9_]{1,100}")


def user_of(request: HttpRequest) -> AbstractBaseUser:
    """The signed-in user, whether by session or by API token."""
    return request.auth  # type: ignore[attr-defined,no-any-return]


def meeting_or_404(slug: str) -> Meeting:
    meeting = Meeting.objects.filter(slug=slug).first() if SLUG.fullmatch(slug) else None
    if meeting is None:
        raise HttpError(404, f"No meeting with slug {slug[:100]!r}.")
    return meeting


def viewer(request: HttpRequest) -> Participant | None:
    """The caller's participation in the meeting being read (set by meeting_for_reader)."""
    return getattr(request, "api_participant", None)


def meeting_for_reader(request: HttpRequest, slug: str) -> tuple[Meeting, Participant]:
    meeting = meeting_or_404(slug)
    participant = participant_for(user=user_of(request), meeting_id=meeting.pk)
    if participant is None:
        raise HttpError(403, "Only participants of this meeting may read it.")
    request.api_participant = participant  # type: ignore[attr-defined]
    return meeting, participant


def meeting_for_organiser(request: HttpRequest, slug: str) -> tuple[Meeting, Participant]:
    meeting, participant = meeting_for_reader(request, slug)
    if not is_organiser(participant):
        raise HttpError(403, "Only organisers of this meeting may change it.")
    return meeting, participant


def require_staff(request: HttpRequest) -> None:
    if not user_of(request).is_staff:
        raise HttpError(403, "Only staff may create meetings.")


def require_network_manager(request: HttpRequest) -> None:
    if not can_manage_network(user=user_of(request)):
        raise HttpError(403, "Only staff and meeting organisers may change nodes.")
