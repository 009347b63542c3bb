"""Feeds people subscribe to: ICS calendars and the Atom log of program changes."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from convener.core.text import multi_line, one_line
from convener.people.models import Participant
from convener.people.selectors import participant_for
from convener.program import selectors
from convener.program.ics import build_calendar
from convener.program.models import Meeting, ProgramChange, Session

FEED_LENGTH = 100


def _ics_response(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300"
    return response


def _calendar(
    request: HttpRequest, meeting: Meeting, sessions: list[Session], name: str, viewer: Participant | None
) -> bytes:
    return build_calendar(
        meeting=meeting,
        sessions=sessions,
        name=name,
        host=request.get_host().split(":")[0],
        absolute_url=lambda s: request.build_absolute_uri(
            reverse("program:session", kwargs={"slug": meeting.slug, "pk": s.pk})
        ),
        show_join_link=lambda s: selectors.can_see_join_link(participant=viewer, session=s),
    )


@require_safe
def meeting_ics(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = get_object_or_404(Meeting, slug=slug)
    viewer = participant_for(user=request.user, meeting_id=meeting.pk)
    sessions = list(selectors.session_list(meeting=meeting))
    body = _calendar(request, meeting, sessions, meeting.name, viewer)
    return _ics_response(body, f"{meeting.slug}.ics")


@require_safe
def session_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_object_or_404(Meeting, slug=slug)
    session = selectors.session_list(meeting=meeting).filter(pk=pk).first()
    if session is None:
        raise Http404("No such session in this meeting.")
    viewer = participant_for(user=request.user, meeting_id=meeting.pk)
    body = _calendar(request, meeting, [session], f"{session.title} · {meeting.name}", viewer)
    return _ics_response(body, f"{meeting.slug}-session-{session.pk}.ics")


@require_safe
def agenda_ics(request: HttpRequest, slug: str, token: str) -> HttpResponse:
    """A participant's starred sessions, at a private address calendar apps can poll."""
    participant = get_object_or_404(
        Participant.objects.select_related("meeting"), meeting__slug=slug, calendar_token=token
    )
    sessions = list(selectors.agenda_sessions(participant=participant))
    body = _calendar(request, participant.meeting, sessions, f"My agenda · {participant.meeting.name}", participant)
    return _ics_response(body, f"{slug}-my-agenda.ics")


@require_safe
def changes_atom(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = get_object_or_404(Meeting, slug=slug)
    program_url = request.build_absolute_uri(reverse("program:program", kwargs={"slug": slug}))
    feed = Atom1Feed(
        title=f"{one_line(meeting.name)}: program changes",
        link=program_url,
        description=f"Sessions added, moved, cancelled or given a recording in {one_line(meeting.name)}.",
        feed_url=request.build_absolute_uri(),
        language="en",
    )
    changes = ProgramChange.objects.filter(meeting=meeting).select_related("session")[:FEED_LENGTH]
    for change in changes:
        link = (
            request.build_absolute_uri(reverse("program:session", kwargs={"slug": slug, "pk": change.session_id}))
            if change.session_id
            else program_url
        )
        feed.add_item(
            title=one_line(change.title),  # stored text may predate the one-line rule; XML refuses control characters
            link=link,
            description=multi_line(change.summary),
            unique_id=f"tag:{request.get_host().split(':')[0]},{change.created_at:%Y-%m-%d}:change-{change.pk}",
            pubdate=change.created_at,
            updateddate=change.created_at,
            categories=[change.get_kind_display()],
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    return response
