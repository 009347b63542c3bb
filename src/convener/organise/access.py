"""Who reaches the organiser area: the organisers of *this* meeting, and nobody else.

Anonymous visitors are sent to sign in; everyone else who is not an organiser of the
meeting (a guest, a participant, a facilitator, an organiser of another meeting) gets the
one 403 page with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from convener.core.http import forbidden
from convener.people.models import Participant
from convener.people.selectors import is_organiser, participant_for
from convener.program.models import Meeting

View = Callable[..., HttpResponse]
CREATE_MEETING_PERMISSION = "program.add_meeting"


def may_create_meetings(user: AbstractBaseUser | AnonymousUser) -> bool:
    """Staff grant this (the admin's user permissions, or `convener manage allow_meeting_creation`)."""
    return user.is_authenticated and user.has_perm(CREATE_MEETING_PERMISSION)


def organiser_view(view: View) -> View:
    """Call ``view(request, meeting, organiser, **kwargs)`` for an organiser of the meeting in the URL."""

    @login_required
    @wraps(view)
    def wrapped(request: HttpRequest, slug: str, **kwargs: object) -> HttpResponse:
        meeting = get_object_or_404(Meeting, slug=slug)
        participant = participant_for(user=request.user, meeting_id=meeting.pk)
        if not is_organiser(participant):
            return forbidden(
                request,
                meeting=meeting,
                reason="Only the organisers of this meeting reach its organiser area.",
            )
        assert isinstance(participant, Participant)
        return view(request, meeting, participant, **kwargs)

    return wrapped
