"""Live Q&A: opening and closing a session's Q&A, asking, voting, moderating, and promoting a forum post into
the queue. Every change is broadcast after commit as the questions that changed.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from convener.core.live import broadcast_html_on_commit
from convener.discussion import fragments, targets
from convener.discussion.models import QUESTION_MAX_LENGTH, LiveQA, Question, Reply, Topic, Vote
from convener.discussion.services.common import (
    check_member,
    check_moderator,
    check_open,
    clean_text,
    lock_person,
    recent,
)
from convener.people.models import Participant
from convener.program.models import Session

QUESTIONS_PER_MINUTE = 3
VOTES_PER_MINUTE = 30
MODERATION_ACTIONS = ("approve", "hide", "answering", "answered")

Status = Question.Status


def _broadcast_questions(session_id: int, changes: Iterable[tuple[int, str]]) -> None:
    changes = list(changes)
    broadcast_html_on_commit(lambda: fragments.questions(session_id, changes))


@transaction.atomic
def qa_set_status(*, session: Session, by: Participant | None, status: str) -> LiveQA:
    check_moderator(by, session)
    if status not in LiveQA.Status.values:
        raise ValidationError("Say open or closed.", code="status")
    qa, _ = LiveQA.objects.select_for_update().get_or_create(session=session)
    qa.status = status
    qa.full_clean()
    qa.save()
    broadcast_html_on_commit(lambda: fragments.qa_status(session.pk))
    return qa


@transaction.atomic
def question_ask(*, session: Session, by: Participant | None, text: object, anonymous: bool = False) -> Question:
    """A participant's question: it waits for a moderator before the others see it."""
    author = check_member(by, session.meeting_id, "ask questions")
    text = clean_text(text, label="Your question", maximum=QUESTION_MAX_LENGTH)
    lock_person(author)
    check_open(session)
    if recent(Question.objects.filter(author=author)) >= QUESTIONS_PER_MINUTE:
        raise ValidationError(
            f"You have asked {QUESTIONS_PER_MINUTE} questions in the last minute. "
            "Please wait a moment before asking another.",
            code="rate_limited",
        )
    question = Question(session=session, author=author, text=text, anonymous=bool(anonymous))
    question.full_clean()
    question.save()
    _broadcast_questions(session.pk, [(question.pk, fragments.NONE)])
    return question


@transaction.atomic
def question_vote(*, question: Question, by: Participant | None) -> Question:
    """One upvote per person and question, counted exactly however many arrive at once."""
    session = question.session
    voter = check_member(by, session.meeting_id, "vote")
    lock_person(voter)
    check_open(session)
    current = Question.objects.filter(pk=question.pk).values_list("status", flat=True).first()
    if current not in {Status.APPROVED, Status.ANSWERING}:
        raise ValidationError("Only questions in the queue can be voted for.", code="not_votable")
    if Vote.objects.filter(question=question, participant=voter).exists():
        raise ValidationError("You have already voted for this question.", code="already_voted")
    if recent(Vote.objects.filter(participant=voter)) >= VOTES_PER_MINUTE:
        raise ValidationError(
            f"You have voted {VOTES_PER_MINUTE} times in the last minute. Please wait a moment.", code="rate_limited"
        )
    try:
        with transaction.atomic():
            Vote.objects.create(question=question, participant=voter)
    except IntegrityError as exc:  # the same person, twice at the same instant
        raise ValidationError("You have already voted for this question.", code="already_voted") from exc
    Question.objects.filter(pk=question.pk).update(votes=F("votes") + 1, updated_at=timezone.now())
    question.refresh_from_db()
    _broadcast_questions(session.pk, [(question.pk, fragments.UPSERT)])
    return question


@transaction.atomic
def question_moderate(*, question: Question, by: Participant | None, action: object) -> Question:
    """approve, hide, answering (the one being answered now) or answered."""
    session = question.session
    check_moderator(by, session)
    if action not in MODERATION_ACTIONS:
        raise ValidationError("Unknown action: use approve, hide, answering or answered.", code="action")
    question = Question.objects.select_for_update().get(pk=question.pk)
    was_visible = question.is_visible
    changes: list[tuple[int, str]] = []
    if action == "answering":
        if question.status == Status.HIDDEN:
            raise ValidationError("Restore this question to the queue before answering it.", code="hidden")
        answering = Question.objects.select_for_update().filter(session=session, status=Status.ANSWERING)
        previous = list(answering.exclude(pk=question.pk))
        for other in previous:  # the one answered before is now answered
            other.status = Status.ANSWERED
            other.save(update_fields=["status", "updated_at"])
            changes.append((other.pk, fragments.UPSERT))
    question.status = {
        "approve": Status.APPROVED,
        "hide": Status.HIDDEN,
        "answering": Status.ANSWERING,
        "answered": Status.ANSWERED,
    }[action]  # type: ignore[index]
    question.full_clean()
    question.save(update_fields=["status", "updated_at"])
    if question.is_visible:
        changes.append((question.pk, fragments.UPSERT))
    elif was_visible or question.status == Status.HIDDEN:
        changes.append((question.pk, fragments.DELETE))  # also takes it off its author's screen
    else:
        changes.append((question.pk, fragments.NONE))
    _broadcast_questions(session.pk, changes)
    return question


def _promotable_text(topic: Topic, reply: Reply | None) -> str:
    text = reply.body if reply else f"{topic.title}\n\n{topic.body}"
    text = text.strip()
    if len(text) > QUESTION_MAX_LENGTH:
        text = text[: QUESTION_MAX_LENGTH - 1].rstrip() + "…"
    return text


@transaction.atomic
def question_promote(*, topic: Topic, session: Session, by: Participant | None, reply: Reply | None = None) -> Question:
    """Put a forum topic (or one of its replies) into a session's live queue, approved."""
    check_moderator(by, session)
    target = targets.for_topic(topic)
    if target is None or session.pk not in target.session_ids:
        raise ValidationError("This topic is not about that session.", code="wrong_session")
    if reply is not None and reply.topic_id != topic.pk:
        raise ValidationError("That reply belongs to another topic.", code="wrong_reply")
    if topic.is_hidden or (reply is not None and reply.is_hidden):
        raise ValidationError("Hidden posts cannot be promoted.", code="hidden")
    author = reply.author if reply else topic.author
    text = _promotable_text(topic, reply)
    if Question.objects.filter(session=session, topic=topic, text=text).exists():
        raise ValidationError("This is already in the session's live queue.", code="duplicate")
    question = Question(session=session, author=author, text=text, topic=topic, status=Status.APPROVED)
    question.full_clean()
    question.save()
    _broadcast_questions(session.pk, [(question.pk, fragments.UPSERT)])
    return question
