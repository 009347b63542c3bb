"""Who may use a survey page: the decorator every survey view goes through.

Anonymous visitors are sent to sign in; a signed-in user who has not
registered for the meeting is sent to register; guests (awaiting an
organiser's approval) get 403; members answer open surveys; organisers of the
meeting also build surveys, see results, export them and send reminders.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from convener.core.http import forbidden
from convener.people.models import Participant
from convener.people.selectors import is_member, is_organiser, participant_for
from convener.program.context import meeting_page
from convener.program.models import Meeting
from convener.surveys import selectors

View = Callable[..., HttpResponse]


def _context(request: HttpRequest, meeting: Meeting, participant: Participant) -> dict[str, object]:
    return {**meeting_page(request, meeting, participant), "now": timezone.now()}


def member_view(organiser: bool = False) -> Callable[[View], View]:
    """Resolve the meeting and the viewer; refuse those who may not use this page."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, **kwargs: object) -> HttpResponse:
            meeting = get_object_or_404(Meeting, slug=slug)
            participant = participant_for(user=request.user, meeting_id=meeting.pk)
            if participant is None:
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('program:register', kwargs={'slug': meeting.slug})}?{query}")
            if not is_member(participant):
                return forbidden(
                    request,
                    meeting=meeting,
                    reason="Surveys are for the meeting's participants. "
                    "An organiser has not approved your registration yet.",
                )
            if organiser and not is_organiser(participant):
                return forbidden(
                    request, meeting=meeting, reason="Only the meeting's organisers build surveys and see results."
                )
            context = _context(request, meeting, participant)
            if "pk" in kwargs:
                survey = selectors.survey_for(meeting=meeting, pk=kwargs.pop("pk"))
                if survey is None:
                    raise Http404("No such survey in this meeting.")
                context["survey"] = survey
            try:
                return view(request, context, **kwargs)
            except PermissionDenied as exc:
                return forbidden(request, meeting=meeting, reason=str(exc))

        return wrapped

    return decorate
