"""Networking pages: the organiser's plan grid and controls, each participant's live card."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from convener.networking import icebreaker, selectors, services
from convener.networking.forms import PlanForm
from convener.networking.models import NetworkingPlan, Prompt, Round
from convener.people.models import Participant
from convener.people.selectors import is_member, is_organiser, participant_for
from convener.program.models import Meeting, Session

NETWORKING_KINDS = {Session.Kind.NETWORKING, Session.Kind.ICEBREAKER}


def _session(slug: str, pk: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("meeting"), meeting__slug=slug, pk=pk, is_draft=False)
    if session.kind not in NETWORKING_KINDS:
        raise PermissionDenied("Breakout rooms belong to networking and icebreaker sessions.")
    return session


def _organiser(request: HttpRequest, session: Session) -> Participant:
    participant = participant_for(user=request.user, meeting_id=session.meeting_id)
    if not is_organiser(participant):
        raise PermissionDenied("Only the meeting's organisers run networking sessions.")
    assert participant is not None
    return participant


def _context(session: Session, **extra: object) -> dict[str, object]:
    meeting: Meeting = session.meeting
    return {"meeting": meeting, "session": session, "meeting_zone": meeting.zone, **extra}


@login_required
@require_safe
def manage(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(slug, pk)
    organiser = _organiser(request, session)
    plan = NetworkingPlan.objects.filter(session=session).first()
    form = PlanForm(
        initial={
            "rounds": plan.rounds,
            "minutes_per_round": plan.minutes_per_round,
            "room_min": plan.room_min,
            "room_max": plan.room_max,
        }
        if plan
        else None
    )
    return render(
        request,
        "networking/manage.html",
        _context(
            session,
            plan=plan,
            form=form,
            rounds=selectors.plan_rounds(plan) if plan else [],
            regions=selectors.region_classes(session.meeting_id),
            is_organiser=True,
            participant=organiser,
            attendee_count=len(services.attendees(plan)) if plan else None,
            prompts=list(Prompt.objects.filter(meeting_id=session.meeting_id)),
            region_names=selectors.region_legend(session.meeting_id),
        ),
    )


@login_required
@require_POST
def configure(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(slug, pk)
    organiser = _organiser(request, session)
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            services.plan_configure(session=session, by=organiser, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Set-up saved. Plan the rounds when the people are known.")
    else:
        for name, errors in form.errors.items():
            label = form.fields[name].label or name if name in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return redirect("networking:manage", slug=slug, pk=pk)


@login_required
@require_POST
def generate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(slug, pk)
    organiser = _organiser(request, session)
    plan = get_object_or_404(NetworkingPlan, session=session)
    try:
        plan = services.plan_generate(plan=plan, by=organiser)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        q = plan.quality
        messages.success(
            request,
            f"Planned for {q['people']} people: {q['repeat_pairs']} repeat meetings, "
            f"{q['same_node_pairs']} pairs from the same node.",
        )
    return redirect("networking:manage", slug=slug, pk=pk)


@login_required
@require_POST
def start_next(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(slug, pk)
    organiser = _organiser(request, session)
    plan = get_object_or_404(NetworkingPlan, session=session)
    try:
        plan = services.round_start_next(plan=plan, by=organiser)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            "The session has finished."
            if plan.status == plan.Status.FINISHED
            else f"Round {plan.current_round} has started on every screen.",
        )
    return redirect("networking:manage", slug=slug, pk=pk)


@login_required
@require_safe
def zoom_csv(request: HttpRequest, slug: str, pk: int, number: int) -> HttpResponse:
    session = _session(slug, pk)
    _organiser(request, session)
    round_ = get_object_or_404(Round, plan__session=session, number=number)
    try:
        body = services.zoom_csv(round_)
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-session-{pk}-round-{number}-zoom.csv"'
    return response


@login_required
@require_safe
def live(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A participant's card: their room, companions, prompt, join link and countdown; live over a websocket."""
    session = _session(slug, pk)
    participant = participant_for(user=request.user, meeting_id=session.meeting_id)
    if participant is None:
        return redirect("program:register", slug=slug)
    if not is_member(participant):
        raise PermissionDenied("Breakout rooms are for the meeting's registered participants.")
    plan = NetworkingPlan.objects.filter(session=session).first()
    card = selectors.card_for(plan, participant) if plan else None
    template = "networking/_card.html" if request.htmx else "networking/live.html"
    return render(
        request,
        template,
        _context(session, plan=plan, card=card, participant=participant, is_organiser=is_organiser(participant)),
    )


def _icebreaker_session(slug: str, pk: int) -> Session:
    session = get_object_or_404(Session.objects.select_related("meeting"), meeting__slug=slug, pk=pk, is_draft=False)
    if session.kind != Session.Kind.ICEBREAKER:
        raise PermissionDenied("Shuffling into groups belongs to icebreaker sessions.")
    return session


def _icebreaker_member(request: HttpRequest, session: Session) -> Participant | None:
    participant = participant_for(user=request.user, meeting_id=session.meeting_id)
    if participant is not None and not is_member(participant):
        raise PermissionDenied("The icebreaker is for the meeting's registered participants.")
    return participant


def _icebreaker_render(
    request: HttpRequest, session: Session, participant: Participant, error: str = ""
) -> HttpResponse:
    card = icebreaker.card_for(session, participant)
    template = "networking/_icebreaker_card.html" if request.htmx else "networking/icebreaker.html"
    return render(request, template, _context(session, card=card, participant=participant, error=error))


@login_required
@require_safe
def icebreaker_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The drop-in icebreaker: a "shuffle me" button, then the group, its prompt and its room link."""
    session = _icebreaker_session(slug, pk)
    participant = _icebreaker_member(request, session)
    if participant is None:
        return redirect("program:register", slug=slug)
    return _icebreaker_render(request, session, participant)


@login_required
@require_POST
def icebreaker_shuffle(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _icebreaker_session(slug, pk)
    participant = _icebreaker_member(request, session)
    if participant is None:
        return redirect("program:register", slug=slug)
    error = ""
    try:
        if request.POST.get("action") == "stop":
            icebreaker.stop_waiting(session=session, participant=participant)
        else:
            icebreaker.shuffle_me(session=session, participant=participant)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    if request.htmx:
        return _icebreaker_render(request, session, participant, error)
    if error:
        messages.error(request, error)
    return redirect("networking:icebreaker", slug=slug, pk=pk)


@login_required
@require_POST
def prompts(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The meeting's prompt bank, edited from a networking session's page: add, change or remove a prompt."""
    session = _session(slug, pk)
    organiser = _organiser(request, session)
    action = request.POST.get("action", "")
    try:
        if action == "add":
            services.prompt_add(meeting_id=session.meeting_id, by=organiser, text=request.POST.get("text", ""))
            messages.success(request, "Prompt added to the bank.")
        elif action in {"update", "delete"}:
            prompt = Prompt.objects.filter(meeting_id=session.meeting_id, pk=_int(request.POST.get("prompt"))).first()
            if prompt is None:
                raise ValidationError("That prompt is not in this meeting's bank (anymore).")
            if action == "update":
                services.prompt_update(prompt=prompt, by=organiser, text=request.POST.get("text", ""))
                messages.success(request, "Prompt saved.")
            else:
                services.prompt_delete(prompt=prompt, by=organiser)
                messages.success(request, "Prompt removed from the bank.")
        else:
            raise ValidationError("Choose to add, save or remove a prompt.")
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(f"{reverse('networking:manage', args=[slug, pk])}#prompts")


@login_required
@require_POST
def round_prompt(request: HttpRequest, slug: str, pk: int, number: int) -> HttpResponse:
    session = _session(slug, pk)
    organiser = _organiser(request, session)
    round_ = get_object_or_404(
        Round.objects.select_related("plan", "plan__session"), plan__session=session, number=number
    )
    choice = request.POST.get("prompt", "")
    try:
        prompt = None
        if choice:
            prompt = Prompt.objects.filter(meeting_id=session.meeting_id, pk=_int(choice)).first()
            if prompt is None:
                raise ValidationError("That prompt is not in this meeting's bank.")
        services.round_set_prompt(round_=round_, by=organiser, prompt=prompt)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Round {number}: {'prompt chosen' if prompt else 'no prompt'}.")
    return redirect(f"{reverse('networking:manage', args=[slug, pk])}#grid")


def _int(value: str | None) -> int:
    try:
        return int(value or "")
    except ValueError:
        return -1
