"""What the thread, live Q&A and live poll pages share: finding things by URL, who may read, the page context
and how a refused write is answered.

A form posted by htmx gets a fragment back (or, on refusal, a message for the page's feedback area);
the same form posted without JavaScript redirects back with a message, or shows the form again with
what was typed and what is wrong.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from convener.discussion import selectors
from convener.people.models import Participant
from convener.people.selectors import is_organiser, participant_for
from convener.program.models import Meeting, Session

MAX_ID = 2**63


def get_meeting(slug: str) -> Meeting:
    return get_object_or_404(Meeting, slug=slug)


def checked_pk(pk: int) -> int:
    if not 0 < pk < MAX_ID:
        raise Http404("No such thing.")
    return pk


def get_session(slug: str, pk: int) -> Session:
    return get_object_or_404(
        Session.objects.select_related("meeting", "theme"), meeting__slug=slug, pk=checked_pk(pk), is_draft=False
    )


def reader(request: HttpRequest, meeting: Meeting) -> Participant:
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    if not selectors.can_read(participant):
        raise PermissionDenied("Register for this meeting to follow its discussions and Q&A.")
    assert participant is not None
    return participant


def base_context(meeting: Meeting, participant: Participant | None, **extra: object) -> dict[str, object]:
    return {
        "meeting": meeting,
        "participant": participant,
        "is_organiser": is_organiser(participant),
        "meeting_zone": meeting.zone,
        **extra,
    }


def refusal(request: HttpRequest, exc: ValidationError | PermissionDenied, back: str) -> HttpResponse:
    """A refused write: a message for htmx's feedback area, else back to the page with the message."""
    text = " ".join(exc.messages) if isinstance(exc, ValidationError) else (str(exc) or "Not allowed.")
    status = (
        403
        if isinstance(exc, PermissionDenied)
        else (429 if isinstance(exc, ValidationError) and exc.code == "rate_limited" else 400)
    )
    if request.htmx:
        response = render(request, "discussion/_feedback.html", {"text": text, "error": True}, status=status)
        response["HX-Retarget"] = "#qa-feedback"
        response["HX-Reswap"] = "innerHTML"
        return response
    if isinstance(exc, PermissionDenied):
        raise exc
    messages.error(request, text)
    return redirect(back)
