"""Availability poll pages: thin views over selectors and services.

Who may do what: anonymous visitors are sent to sign in; a signed-in user who
has not registered for the meeting is sent to register; a guest (awaiting an
organiser's approval) gets 403; members see open and closed polls and answer
open ones; organisers also create polls, see drafts, open and close them and
see the results at any time (others see results once a poll is closed).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from convener.availability import selectors, services
from convener.availability.forms import AnswerForm, PollCreateForm
from convener.availability.models import AvailabilityPoll
from convener.core.http import forbidden
from convener.people.models import Participant
from convener.people.selectors import is_organiser, participant_for
from convener.program.context import meeting_page
from convener.program.models import Meeting


def _meeting(slug: str) -> Meeting:
    return get_object_or_404(Meeting, slug=slug)


def _refuse(request: HttpRequest, meeting: Meeting, participant: Participant | None) -> HttpResponse | None:
    """The response for a viewer who may not use polls at all (None when they may)."""
    if participant is None:
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('program:register', kwargs={'slug': meeting.slug})}?{query}")
    if not selectors.can_answer(participant, meeting):
        reason = "Polls are for the meeting's participants. An organiser has not approved your registration yet."
        return forbidden(request, meeting=meeting, reason=reason)
    return None


def _context(request: HttpRequest, meeting: Meeting, participant: Participant) -> dict[str, object]:
    return meeting_page(request, meeting, participant)


def _poll(meeting: Meeting, participant: Participant, pk: int) -> AvailabilityPoll:
    poll = selectors.poll_for_viewer(meeting=meeting, participant=participant, pk=pk)
    if poll is None:
        raise Http404("No such poll in this meeting.")
    return poll


@login_required
@require_safe
def poll_list(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting(slug)
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    refused = _refuse(request, meeting, participant)
    if refused:
        return refused
    context = _context(request, meeting, participant)
    context["polls"] = list(selectors.poll_list_for_viewer(meeting=meeting, participant=participant))
    return render(request, "availability/poll_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def poll_create(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting(slug)
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    refused = _refuse(request, meeting, participant)
    if refused:
        return refused
    if not is_organiser(participant):
        return forbidden(request, meeting=meeting, reason="Only the meeting's organisers propose polls.")
    context = _context(request, meeting, participant)
    if request.method == "POST":
        form = PollCreateForm(request.POST, meeting=meeting)
        if form.is_valid():
            data = form.cleaned_data
            try:
                poll = services.poll_create(
                    meeting=meeting,
                    created_by=participant,
                    title=data["title"],
                    description=data["description"],
                    duration_minutes=data["duration_minutes"],
                    session=data["session"],
                    starts=data["start_times"],
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, "The poll is saved as a draft. Open it when you want answers.")
                return redirect("availability:poll_detail", slug=slug, pk=poll.pk)
    else:
        form = PollCreateForm(meeting=meeting, initial={"time_zone": str(context["zone"])})
    context["form"] = form
    status = 400 if request.method == "POST" else 200
    return render(request, "availability/poll_create.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def poll_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The options in the viewer's zone with the answer form; the results for those who may see them."""
    meeting = _meeting(slug)
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    refused = _refuse(request, meeting, participant)
    if refused:
        return refused
    poll = _poll(meeting, participant, pk)
    context = _context(request, meeting, participant)
    options = selectors.poll_options(poll=poll)
    mine = selectors.answers_of(poll=poll, participant=participant)
    status = 200
    if request.method == "POST":
        form = AnswerForm(request.POST, options=options, zone=context["zone"])
        if form.is_valid():
            try:
                services.poll_answer(poll=poll, participant=participant, answers=form.answers())
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Your answers are saved. You can change them while the poll is open.")
                return redirect("availability:poll_detail", slug=slug, pk=poll.pk)
        status = 400
    else:
        form = AnswerForm(options=options, zone=context["zone"], initial=AnswerForm.initial_from(mine))
    context.update(
        poll=poll,
        form=form,
        answered=bool(mine),
        can_answer=poll.status == AvailabilityPoll.Status.OPEN,
        results=selectors.poll_results(poll=poll, options=options)
        if selectors.can_see_results(participant, poll)
        else None,
        yes_points=selectors.YES_POINTS,
        maybe_points=selectors.MAYBE_POINTS,
        no_points=-selectors.NO_POINTS,
        night_points=-selectors.NIGHT_POINTS,
    )
    return render(request, "availability/poll_detail.html", context, status=status)


@login_required
@require_POST
def poll_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Open, close or reopen a poll (organisers)."""
    meeting = _meeting(slug)
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    refused = _refuse(request, meeting, participant)
    if refused:
        return refused
    if not is_organiser(participant):
        return forbidden(request, meeting=meeting, reason="Only the meeting's organisers open and close polls.")
    poll = _poll(meeting, participant, pk)
    try:
        poll = services.poll_set_status(poll=poll, by=participant, status=request.POST.get("status", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"The poll is now {poll.get_status_display().lower()}.")
    return redirect("availability:poll_detail", slug=slug, pk=poll.pk)
