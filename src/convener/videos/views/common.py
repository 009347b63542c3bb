"""What the video pages share: the meeting and its page context, the organisers' check, finding a
presentation or a recording of the meeting, and serving a stored file with ranges.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import urlencode

from convener.core.http import forbidden
from convener.people.models import Participant
from convener.people.selectors import is_organiser, participant_for
from convener.program.context import meeting_page
from convener.program.models import Meeting
from convener.videos import ranges, selectors
from convener.videos.models import Presentation, Recording


def get_meeting(slug: str) -> Meeting:
    return get_object_or_404(Meeting, slug=slug)


def page_context(request: HttpRequest, meeting: Meeting) -> dict[str, object]:
    return meeting_page(request, meeting, participant_for(user=request.user, meeting_id=meeting.pk))


def organiser_or_refusal(request: HttpRequest, meeting: Meeting) -> tuple[Participant | None, HttpResponse | None]:
    """The organiser, or the answer for anyone else: register first, or the 403 page."""
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    if participant is None:
        query = urlencode({"next": request.get_full_path()})
        return None, redirect(f"{reverse('program:register', kwargs={'slug': meeting.slug})}?{query}")
    if not is_organiser(participant):
        return None, forbidden(request, meeting=meeting, reason="Only the meeting's organisers manage its videos.")
    return participant, None


def get_presentation(meeting: Meeting, pk: int) -> Presentation:
    presentation = selectors.presentations_qs().filter(meeting=meeting, pk=pk).first()
    if presentation is None:
        raise Http404("No such presentation in this meeting.")
    return presentation


def get_recording(meeting: Meeting, pk: int) -> Recording:
    recording = (
        Recording.objects.filter(session__meeting=meeting, pk=pk)
        .select_related("session", "session__meeting", "session__theme")
        .prefetch_related("chapters", "session__roles__participant")
        .first()
    )
    if recording is None:
        raise Http404("No such recording in this meeting.")
    return recording


def file_response(
    request: HttpRequest, field: object, *, content_type: str, etag_key: str, filename: str, attachment: bool = False
) -> HttpResponse:
    if not field:
        raise Http404("There is no such file.")
    try:
        return ranges.serve(
            request,
            storage=field.storage,
            name=field.name,
            content_type=content_type,
            etag=f'"{etag_key}"',
            filename=filename,
            attachment=attachment,
        )
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None
