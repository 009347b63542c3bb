"""Live polls of a session: created, opened and closed from the moderation page, answered from the Q&A page.
Thin views over discussion.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from convener.discussion import selectors, services
from convener.discussion.models import LivePoll
from convener.discussion.views.common import checked_pk, get_session, refusal
from convener.people.selectors import participant_for


@login_required
@require_POST
def poll_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = get_session(slug, pk)
    participant = participant_for(user=request.user, meeting_id=session.meeting_id)
    back = reverse("discussion:moderate", kwargs={"slug": slug, "pk": session.pk}) + "#polls-heading"
    choices = request.POST.get("choices", "")
    try:
        services.poll_create(
            session=session,
            by=participant,
            question=request.POST.get("question", ""),
            kind=request.POST.get("kind"),
            choices=choices.splitlines() if isinstance(choices, str) else [],
        )
    except (ValidationError, PermissionDenied) as exc:
        return refusal(request, exc, back)
    messages.success(request, "Poll saved as a draft: open it when the time comes.")
    return redirect(back)


def _poll(slug: str, pk: int) -> LivePoll:
    return get_object_or_404(
        LivePoll.objects.select_related("session", "session__meeting"), session__meeting__slug=slug, pk=checked_pk(pk)
    )


@login_required
@require_POST
def poll_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    poll = _poll(slug, pk)
    participant = participant_for(user=request.user, meeting_id=poll.session.meeting_id)
    back = reverse("discussion:moderate", kwargs={"slug": slug, "pk": poll.session_id}) + "#polls-heading"
    try:
        poll = services.poll_set_status(poll=poll, by=participant, status=request.POST.get("status"))
    except (ValidationError, PermissionDenied) as exc:
        return refusal(request, exc, back)
    if request.htmx:
        poll = LivePoll.objects.prefetch_related("choices").select_related("session").get(pk=poll.pk)
        return render(
            request,
            "discussion/_poll_mod.html",
            {
                "poll": poll,
                "result": selectors.poll_results([poll])[poll.pk],
                "session": poll.session,
                "meeting": poll.session.meeting,
            },
        )
    messages.success(request, f"The poll is {poll.get_status_display().lower()}.")
    return redirect(back)


@login_required
@require_POST
def poll_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    poll = _poll(slug, pk)
    participant = participant_for(user=request.user, meeting_id=poll.session.meeting_id)
    back = reverse("discussion:moderate", kwargs={"slug": slug, "pk": poll.session_id}) + "#polls-heading"
    try:
        services.poll_delete(poll=poll, by=participant)
    except (ValidationError, PermissionDenied) as exc:
        return refusal(request, exc, back)
    messages.success(request, "The draft poll is deleted.")
    return redirect(back)


@login_required
@require_POST
def poll_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    poll = _poll(slug, pk)
    participant = participant_for(user=request.user, meeting_id=poll.session.meeting_id)
    back = reverse("discussion:qa", kwargs={"slug": slug, "pk": poll.session_id})
    try:
        services.poll_answer(poll=poll, by=participant, choice_ids=request.POST.getlist("choice"))
    except (ValidationError, PermissionDenied) as exc:
        return refusal(request, exc, back)
    if request.htmx:
        poll = LivePoll.objects.prefetch_related("choices").select_related("session").get(pk=poll.pk)
        return render(
            request,
            "discussion/_poll_form.html",
            {
                "poll": poll,
                "mine": selectors.my_poll_choices(session=poll.session, participant=participant).get(poll.pk, set()),
                "session": poll.session,
                "meeting": poll.session.meeting,
            },
        )
    messages.success(request, "Thank you: your answer is counted.")
    return redirect(back)
