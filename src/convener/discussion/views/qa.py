"""The live Q&A of a session: asking, voting, moderation and the presenter's big screen. Thin views over
discussion.services; the page also shows the session's live polls (their own views are in polls.py).
"""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST, require_safe

from convener.discussion import fragments, selectors, services, targets
from convener.discussion.models import QUESTION_MAX_LENGTH, LivePoll, Question
from convener.discussion.views.common import base_context, checked_pk, get_meeting, get_session, reader, refusal
from convener.people.models import Participant
from convener.people.selectors import participant_for
from convener.program.models import Session


def _order(request: HttpRequest) -> str:
    order = request.GET.get("order")
    return order if order in selectors.ORDERS else "votes"


def _qa_context(request: HttpRequest, session: Session, participant: Participant, **extra: object) -> dict:
    order = _order(request)
    moderator = selectors.can_moderate(participant, session)
    polls = list(selectors.polls_for(session=session, moderator=False))
    return base_context(
        session.meeting,
        participant,
        session=session,
        order=order,
        moderator=moderator,
        can_take_part=selectors.can_take_part(participant),
        qa_open=selectors.qa_is_open(session),
        questions=selectors.questions_for_participant(session=session, participant=participant, order=order),
        my_votes=selectors.my_vote_ids(session=session, participant=participant),
        polls=polls,
        results=selectors.poll_results(polls),
        my_choices=selectors.my_poll_choices(session=session, participant=participant),
        max_length=QUESTION_MAX_LENGTH,
        **extra,
    )


@login_required
@require_safe
def qa(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The participant's view; htmx asks for the live part alone when its socket reconnects."""
    session = get_session(slug, pk)
    participant = reader(request, session.meeting)
    context = _qa_context(request, session, participant)
    if request.htmx:
        return render(request, "discussion/_qa_live.html", context)
    return render(request, "discussion/qa.html", context)


@login_required
@require_POST
def ask(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = get_session(slug, pk)
    participant = participant_for(user=request.user, meeting_id=session.meeting_id)
    back = reverse("discussion:qa", kwargs={"slug": slug, "pk": session.pk})
    try:
        question = services.question_ask(
            session=session,
            by=participant,
            text=request.POST.get("text", ""),
            anonymous=request.POST.get("anonymous") == "1",
        )
    except (ValidationError, PermissionDenied) as exc:
        if request.htmx or isinstance(exc, PermissionDenied):
            return refusal(request, exc, back)
        assert participant is not None
        context = _qa_context(
            request, session, participant, ask_error=" ".join(exc.messages), ask_text=request.POST.get("text", "")
        )
        return render(request, "discussion/qa.html", context, status=400)
    if request.htmx:
        return render(
            request,
            "discussion/_asked.html",
            {"q": question, "session": session, "meeting": session.meeting, "my_votes": ()},
        )
    # No "waits for a moderator" here: a flash message cannot change when it stops being true; the question's
    # own badge in the list says it, and the live fragments change it.
    messages.success(request, "Thank you for your question.")
    return redirect(back)


@login_required
@require_POST
def vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_meeting(slug)
    question = get_object_or_404(
        Question.objects.select_related("session", "session__meeting", "author"),
        session__meeting=meeting,
        pk=checked_pk(pk),
    )
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    back = reverse("discussion:qa", kwargs={"slug": slug, "pk": question.session_id})
    try:
        question = services.question_vote(question=question, by=participant)
    except (ValidationError, PermissionDenied) as exc:
        return refusal(request, exc, back)
    if request.htmx:
        return render(
            request,
            "discussion/_question.html",
            {
                "q": question,
                "session": question.session,
                "meeting": meeting,
                "my_votes": {question.pk},
            },
        )
    messages.success(request, "Your vote is counted.")
    return redirect(back)


def _moderator(request: HttpRequest, session: Session) -> Participant:
    participant = participant_for(user=request.user, meeting_id=session.meeting_id)
    if not selectors.can_moderate(participant, session):
        raise PermissionDenied("Only the meeting's organisers and the session's moderators moderate its Q&A.")
    assert participant is not None
    return participant


@login_required
@require_safe
def moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = get_session(slug, pk)
    participant = _moderator(request, session)
    order = _order(request)
    polls = list(selectors.polls_for(session=session, moderator=True))
    context = base_context(
        session.meeting,
        participant,
        session=session,
        order=order,
        moderator=True,
        qa_open=selectors.qa_is_open(session),
        counts=selectors.question_counts(session),
        questions=selectors.questions_for_moderators(session=session, order=order),
        polls=polls,
        results=selectors.poll_results(polls),
        forum_topics=targets.promotable_topics(session),
        kinds=LivePoll.Kind.choices,
    )
    if request.htmx:
        return render(request, "discussion/_moderate_live.html", context)
    return render(request, "discussion/moderate.html", context)


def qr_svg(address: str) -> SafeString:
    """A QR code of ``address`` as inline SVG (segno, on the server: no script, no image request)."""
    svg = segno.make(address, error="m").svg_inline(scale=1, omitsize=True, title=f"QR code: {address}")
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308 - segno escapes the title


@login_required
@require_safe
def screen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The projector: full screen without the site's chrome; the question being answered, the top of the queue by
    votes, the open poll with its chart and a QR code of the Q&A page, in type read from the back of the room."""
    session = get_session(slug, pk)
    participant = reader(request, session.meeting)
    context = fragments.screen_context(session, participant=participant)
    if request.htmx:
        return render(request, "discussion/_screen_live.html", context)
    address = request.build_absolute_uri(reverse("discussion:qa", kwargs={"slug": slug, "pk": session.pk}))
    return render(request, "discussion/screen.html", {**context, "qa_address": address, "qr": qr_svg(address)})


@login_required
@require_POST
def qa_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = get_session(slug, pk)
    participant = participant_for(user=request.user, meeting_id=session.meeting_id)
    back = reverse("discussion:moderate", kwargs={"slug": slug, "pk": session.pk})
    try:
        services.qa_set_status(session=session, by=participant, status=request.POST.get("status"))
    except (ValidationError, PermissionDenied) as exc:
        return refusal(request, exc, back)
    if request.htmx:
        return render(
            request,
            "discussion/_qa_status.html",
            {
                "qa_open": selectors.qa_is_open(session),
                "moderator": True,
                "session": session,
                "meeting": session.meeting,
            },
        )
    messages.success(request, "The Q&A is open." if selectors.qa_is_open(session) else "The Q&A is closed.")
    return redirect(back)


@login_required
@require_POST
def question_moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_meeting(slug)
    question = get_object_or_404(
        Question.objects.select_related("session", "session__meeting"), session__meeting=meeting, pk=checked_pk(pk)
    )
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    back = reverse("discussion:moderate", kwargs={"slug": slug, "pk": question.session_id})
    try:
        question = services.question_moderate(question=question, by=participant, action=request.POST.get("action"))
    except (ValidationError, PermissionDenied) as exc:
        return refusal(request, exc, back)
    if request.htmx:
        question = Question.objects.select_related("author", "author__node").get(pk=question.pk)
        return render(
            request, "discussion/_question_mod.html", {"q": question, "session": question.session, "meeting": meeting}
        )
    messages.success(request, f"Question: {question.get_status_display().lower()}.")
    return redirect(back)
