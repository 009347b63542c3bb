"""The files of presentations and recordings (video, captions, slides), served with ranges to those who may
watch; anyone else gets a 404, as if there were no file.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from convener.people.selectors import participant_for
from convener.videos import selectors
from convener.videos.views.common import file_response, get_meeting, get_presentation, get_recording


def _presentation_file(request: HttpRequest, slug: str, pk: int, which: str) -> HttpResponse:
    meeting = get_meeting(slug)
    presentation = get_presentation(meeting, pk)
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    if selectors.presentation_state(presentation, participant, timezone.now()) != selectors.FULL:
        raise Http404("No such file.")
    field = getattr(presentation, which)
    stamp = int(presentation.updated_at.timestamp())
    if which == "video_file":
        return file_response(
            request,
            field,
            content_type=presentation.content_type or "video/mp4",
            etag_key=f"p{pk}-{stamp}-{field.name[-12:] if field else ''}",
            filename=f"presentation-{pk}{field.name[field.name.rfind('.') :] if field else ''}",
        )
    if which == "captions":
        return file_response(
            request,
            field,
            content_type="text/vtt; charset=utf-8",
            etag_key=f"pc{pk}-{stamp}",
            filename=f"presentation-{pk}.vtt",
        )
    return file_response(
        request,
        field,
        content_type="application/pdf",
        etag_key=f"ps{pk}-{stamp}",
        filename=f"presentation-{pk}-slides.pdf",
        attachment=True,
    )


@require_safe
def presentation_video(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _presentation_file(request, slug, pk, "video_file")


@require_safe
def presentation_captions(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _presentation_file(request, slug, pk, "captions")


@require_safe
def presentation_slides(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _presentation_file(request, slug, pk, "slides")


def _recording_file(request: HttpRequest, slug: str, pk: int, which: str) -> HttpResponse:
    meeting = get_meeting(slug)
    recording = get_recording(meeting, pk)
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    if not selectors.can_see_recording(recording, participant, timezone.now()):
        raise Http404("No such file.")
    field = getattr(recording, which)
    stamp = int(recording.updated_at.timestamp())
    if which == "video_file":
        return file_response(
            request,
            field,
            content_type=recording.content_type or "video/mp4",
            etag_key=f"r{pk}-{stamp}-{field.name[-12:] if field else ''}",
            filename=f"recording-{pk}{field.name[field.name.rfind('.') :] if field else ''}",
        )
    return file_response(
        request,
        field,
        content_type="text/vtt; charset=utf-8",
        etag_key=f"rc{pk}-{stamp}",
        filename=f"recording-{pk}.vtt",
    )


@require_safe
def recording_video(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _recording_file(request, slug, pk, "video_file")


@require_safe
def recording_captions(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _recording_file(request, slug, pk, "captions")
