"""Program pages: thin views over program.selectors and program.services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from convener.core.http import safe_next
from convener.people.selectors import is_organiser, participant_for
from convener.program import selectors, services
from convener.program.models import Meeting, ProgramChange, Session


def _meeting(slug: str) -> Meeting:
    return get_object_or_404(Meeting, slug=slug)


def _session(meeting: Meeting, pk: int) -> Session:
    session = selectors.session_list(meeting=meeting).filter(pk=pk).first()
    if session is None:
        raise Http404("No such session in this meeting.")
    return session


def _context(request: HttpRequest, meeting: Meeting) -> dict[str, object]:
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    return {
        "meeting": meeting,
        "participant": participant,
        "is_organiser": is_organiser(participant),
        "zone": selectors.viewer_zone(request_zone=getattr(request, "viewer_zone", None), meeting=meeting),
        "meeting_zone": meeting.zone,
    }


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    meeting = selectors.meeting_default()
    if meeting is None:
        return render(request, "program/no_meeting.html")
    return redirect("program:program", slug=meeting.slug)


@require_safe
def program(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting(slug)
    context = _context(request, meeting)
    sessions = list(selectors.session_list(meeting=meeting))
    context.update(
        days=selectors.program_days(sessions, context["zone"]),
        starred=selectors.starred_session_ids(participant=context["participant"]),
        latest_change=ProgramChange.objects.filter(meeting=meeting).first(),
    )
    return render(request, "program/program.html", context)


@require_safe
def session_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = _meeting(slug)
    context = _context(request, meeting)
    session = _session(meeting, pk)
    participant = context["participant"]
    context.update(
        session=session,
        starred=selectors.starred_session_ids(participant=participant),
        show_join_link=selectors.can_see_join_link(participant=participant, session=session),
    )
    return render(request, "program/session_detail.html", context)


@login_required
@require_safe
def agenda(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting(slug)
    context = _context(request, meeting)
    participant = context["participant"]
    if participant is None:
        return redirect(f"{reverse('program:register', kwargs={'slug': slug})}?next={request.path}")
    sessions = list(selectors.agenda_sessions(participant=participant))
    context.update(
        days=selectors.program_days(sessions, context["zone"]),
        starred=selectors.starred_session_ids(participant=participant),
    )
    return render(request, "program/agenda.html", context)


@login_required
@require_POST
def star(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Star or unstar a session; htmx swaps the button, a plain form post goes back."""
    meeting = _meeting(slug)
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    if participant is None:
        return redirect("program:register", slug=slug)
    session = get_object_or_404(Session, meeting=meeting, pk=pk, is_draft=False)
    wanted = request.POST.get("starred")
    if wanted not in {"0", "1"}:
        return HttpResponse("Say starred=1 to star or starred=0 to unstar.", status=400)
    try:
        services.star_set(participant=participant, session=session, starred=wanted == "1")
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400)
    starred = {session.pk} if wanted == "1" else set()
    if request.htmx:
        return render(
            request,
            "program/_star.html",
            {"meeting": meeting, "session": session, "starred": starred, "participant": participant},
        )
    back = request.POST.get("next") or reverse("program:session", kwargs={"slug": slug, "pk": pk})
    return redirect(safe_next(request, back))
