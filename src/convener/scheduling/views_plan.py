"""Planning pages for organisers: regional slots, heat maps, moving a session to a better hour."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from convener.people.models import Region
from convener.people.selectors import is_organiser, participant_for
from convener.program.models import Meeting, Session
from convener.scheduling import planning, services

TOP = 10


def _organiser_meeting(request: HttpRequest, slug: str) -> tuple[Meeting, ZoneInfo]:
    meeting = get_object_or_404(Meeting, slug=slug)
    if not is_organiser(participant_for(user=request.user, meeting_id=meeting.pk)):
        raise PermissionDenied("Only the meeting's organisers plan its sessions.")
    return meeting, getattr(request, "viewer_zone", None) or meeting.zone


def _posted_start(request: HttpRequest) -> datetime:
    return _parse_start(request.POST.get("start", ""))


def _parse_start(raw: str) -> datetime:
    try:
        start = datetime.fromisoformat(raw)
    except ValueError:
        raise ValidationError(f"{raw!r} is not a start time; pick one of the proposed slots.") from None
    if start.tzinfo is None:
        raise ValidationError("The start time must carry its time zone.")
    return start


def _context(meeting: Meeting, zone: ZoneInfo, **extra: object) -> dict[str, object]:
    return {"meeting": meeting, "zone": zone, "meeting_zone": meeting.zone, "is_organiser": True, **extra}


@login_required
@require_safe
def plan_index(request: HttpRequest, slug: str) -> HttpResponse:
    meeting, zone = _organiser_meeting(request, slug)
    sessions = Session.objects.filter(meeting=meeting).exclude(kind=Session.Kind.REGIONAL).order_by("starts_at")
    return render(
        request,
        "scheduling/plan_index.html",
        _context(
            meeting,
            zone,
            plans=planning.region_plans(meeting),
            sessions=sessions,
        ),
    )


@login_required
@require_safe
def plan_region(request: HttpRequest, slug: str, region: str) -> HttpResponse:
    meeting, zone = _organiser_meeting(request, slug)
    region_obj = get_object_or_404(Region, slug=region)
    members = planning.participants_of(meeting, region_obj)
    plan = planning.region_plan(meeting, region_obj, participants=members, top=TOP)
    scores = planning.rank_for(meeting, members, planning.REGIONAL_DURATION)
    return render(
        request,
        "scheduling/plan_region.html",
        _context(
            meeting,
            zone,
            plan=plan,
            maps=planning.heat_maps(meeting, scores, zone, marks=[plan.best.start] if plan.best else []),
            rows=[(score, planning.local_times(score.start, plan.representatives, meeting)) for score in plan.slots],
        ),
    )


@login_required
@require_POST
def accept_region_slot(request: HttpRequest, slug: str, region: str) -> HttpResponse:
    meeting, _ = _organiser_meeting(request, slug)
    region_obj = get_object_or_404(Region, slug=region)
    try:
        start = _posted_start(request)
        session = services.regional_session_place(
            meeting=meeting, region=region_obj, starts_at=start, duration=planning.REGIONAL_DURATION
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("scheduling:plan_region", slug=slug, region=region)
    messages.success(request, f"“{session.title}” is now in the program at the accepted time.")
    return redirect("scheduling:plan", slug=slug)


@login_required
@require_safe
def plan_session(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting, zone = _organiser_meeting(request, slug)
    session = get_object_or_404(Session, meeting=meeting, pk=pk)
    participants = (
        planning.participants_of(meeting, session.region)
        if session.region_id
        else planning.meeting_participants(meeting)
    )
    scores = planning.rank_for(meeting, participants, session.ends_at - session.starts_at)
    current = next((score for score in scores if score.start == session.starts_at), None)
    rule = services.move_rule(session)  # propose only what "Move here" and "Use these runs" accept
    repeats = request.GET.get("repeats", "")
    plan, problem = (None, "")
    if repeats:
        if repeats not in {"2", "3", "4"}:
            problem = "Choose 2, 3 or 4 runs."
        else:
            plan, problem = planning.repeats_for(
                meeting, participants, session.ends_at - session.starts_at, int(repeats), rule=rule
            )
    return render(
        request,
        "scheduling/plan_session.html",
        _context(
            meeting,
            zone,
            session=session,
            current=current,
            repeats=repeats,
            repeat_plan=plan,
            repeat_problem=problem,
            best=planning.diverse(scores, top=TOP, current=session.starts_at, rule=rule),
            maps=planning.heat_maps(meeting, scores, zone, planning.region_labels(scores), marks=[session.starts_at]),
        ),
    )


@login_required
@require_POST
def move_session(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting, _ = _organiser_meeting(request, slug)
    session = get_object_or_404(Session, meeting=meeting, pk=pk)
    try:
        services.session_move(session=session, starts_at=_posted_start(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"“{session.title}” moved; participants see it in the change feed.")
    return redirect("scheduling:plan_session", slug=slug, pk=pk)


@login_required
@require_POST
def apply_repeats(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Run the session at each posted start: it keeps the earliest, copies take the others ("(run 2)", ...)."""
    meeting, _ = _organiser_meeting(request, slug)
    session = get_object_or_404(Session, meeting=meeting, pk=pk)
    try:
        starts = [_parse_start(raw) for raw in request.POST.getlist("start")]
        runs = services.session_repeat(session=session, starts=starts)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"“{session.title}” now runs {len(runs)} times; participants see the runs in the change feed."
        )
    return redirect("scheduling:plan_session", slug=slug, pk=pk)
