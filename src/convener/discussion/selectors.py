"""Reads for discussion, Q&A and polls: who may do what, and what each audience sees."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, QuerySet

from convener.discussion.models import (
    VISIBLE_STATUSES,
    LivePoll,
    LivePollAnswer,
    LivePollBallot,
    LiveQA,
    Question,
    Reply,
    Topic,
    Vote,
)
from convener.people.models import Participant
from convener.people.selectors import is_member, is_organiser
from convener.program.models import Session, SessionRole

ORDERS = ("votes", "time")
Status = Question.Status


# --- who may ------------------------------------------------------------------------------------


def can_read(participant: Participant | None) -> bool:
    """Anyone registered for the meeting reads threads and follows the Q&A (guests too)."""
    return participant is not None


def can_take_part(participant: Participant | None) -> bool:
    """Members of the meeting post, ask, vote and answer polls; guests read only."""
    return is_member(participant)


def can_moderate(participant: Participant | None, session: Session) -> bool:
    """The meeting's organisers, and the session's facilitators and moderators."""
    if participant is None or participant.meeting_id != session.meeting_id:
        return False
    if is_organiser(participant):
        return True
    return SessionRole.objects.filter(session=session, participant=participant).exists()


def can_moderate_topic(participant: Participant | None, topic: Topic) -> bool:
    """Organisers hide and lock every topic; a session's moderators also those about their session."""
    if participant is None or participant.meeting_id != topic.meeting_id:
        return False
    if is_organiser(participant):
        return True
    if topic.target_kind == Topic.Kind.SESSION:
        return SessionRole.objects.filter(session_id=topic.target_id, participant=participant).exists()
    return False


def moderated_session_ids(participant: Participant | None, session_ids: Iterable[int]) -> set[int]:
    ids = set(session_ids)
    if participant is None or not ids:
        return set()
    if is_organiser(participant):
        return ids
    return set(
        SessionRole.objects.filter(participant=participant, session_id__in=ids).values_list("session_id", flat=True)
    )


# --- live Q&A -----------------------------------------------------------------------------------


def qa_is_open(session: Session) -> bool:
    """A session's Q&A is open unless a moderator closed it."""
    return not LiveQA.objects.filter(session=session, status=LiveQA.Status.CLOSED).exists()


def sort_questions(questions: Iterable[Question], order: str) -> list[Question]:
    """The order every list shows (and static/convener/qa.js keeps after each live change)."""
    if order == "time":
        return sorted(questions, key=lambda q: (q.rank, -q.created_at.timestamp(), -q.pk))
    return sorted(questions, key=lambda q: (q.rank, -q.votes, q.created_at.timestamp(), q.pk))


def questions_for_participant(*, session: Session, participant: Participant | None, order: str) -> list[Question]:
    """What a participant sees: the queue, answered questions, and their own questions awaiting moderation."""
    visible = Question.objects.filter(session=session, status__in=VISIBLE_STATUSES)
    mine = Question.objects.none()
    if participant is not None:
        mine = Question.objects.filter(session=session, author=participant, status=Status.PENDING)
    return sort_questions((visible | mine).select_related("author", "author__node"), order)


def questions_for_moderators(*, session: Session, order: str) -> list[Question]:
    return sort_questions(Question.objects.filter(session=session).select_related("author", "author__node"), order)


SCREEN_QUEUE = 5  # questions the projector shows under the one being answered


@dataclass
class Screen:
    """What the projector shows: the question being answered, the top of the queue, the open poll."""

    answering: Question | None
    queue: list[Question]
    poll: LivePoll | None


def screen(session: Session, *, limit: int = SCREEN_QUEUE) -> Screen:
    """The big screen's state: only approved questions (by votes) and the poll opened last that is still open."""
    questions = Question.objects.filter(session=session).select_related("author", "author__node")
    answering = questions.filter(status=Status.ANSWERING).order_by("-updated_at").first()
    approved = questions.filter(status=Status.APPROVED)
    queue = list(approved.order_by("-votes", "created_at", "id")[:limit])  # sort_questions' order, in the database
    poll = (
        LivePoll.objects.filter(session=session, status=LivePoll.Status.OPEN)
        .prefetch_related("choices")
        .order_by("-opened_at", "-id")
        .first()
    )
    return Screen(answering, queue, poll)


def my_vote_ids(*, session: Session, participant: Participant | None) -> set[int]:
    if participant is None:
        return set()
    return set(
        Vote.objects.filter(participant=participant, question__session=session).values_list("question_id", flat=True)
    )


def question_counts(session: Session) -> dict[str, int]:
    rows = Question.objects.filter(session=session).values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


# --- live polls ---------------------------------------------------------------------------------


@dataclass
class ChoiceResult:
    pk: int
    text: str
    count: int
    percent: int  # of the people who answered


@dataclass
class PollResult:
    poll: LivePoll
    voters: int
    choices: list[ChoiceResult]


def poll_results(polls: list[LivePoll]) -> dict[int, PollResult]:
    """Counts per choice and people per poll, in two queries for any number of polls (choices prefetched)."""
    ids = [poll.pk for poll in polls]
    counts = dict(
        LivePollAnswer.objects.filter(choice__poll_id__in=ids).values_list("choice_id").annotate(n=Count("id"))
    )
    voters = dict(LivePollBallot.objects.filter(poll_id__in=ids).values_list("poll_id").annotate(n=Count("id")))
    results = {}
    for poll in polls:
        people = voters.get(poll.pk, 0)
        choices = [
            ChoiceResult(c.pk, c.text, counts.get(c.pk, 0), round(100 * counts.get(c.pk, 0) / people) if people else 0)
            for c in poll.choices.all()
        ]
        results[poll.pk] = PollResult(poll, people, choices)
    return results


def polls_for(*, session: Session, moderator: bool) -> QuerySet[LivePoll]:
    polls = LivePoll.objects.filter(session=session).prefetch_related("choices")
    if not moderator:
        polls = polls.exclude(status=LivePoll.Status.DRAFT)
    return polls.order_by("created_at", "id")


def my_poll_choices(*, session: Session, participant: Participant | None) -> dict[int, set[int]]:
    if participant is None:
        return {}
    answers = LivePollAnswer.objects.filter(ballot__participant=participant, ballot__poll__session=session)
    mine: dict[int, set[int]] = {}
    for poll_id, choice_id in answers.values_list("ballot__poll_id", "choice_id"):
        mine.setdefault(poll_id, set()).add(choice_id)
    return mine


# --- threads ------------------------------------------------------------------------------------


def topics_for(*, meeting_id: int, kind: str, target_id: int, moderator: bool) -> QuerySet[Topic]:
    topics = Topic.objects.filter(meeting_id=meeting_id, target_kind=kind, target_id=target_id)
    if not moderator:
        topics = topics.filter(is_hidden=False)
    return topics.select_related("author", "author__node").annotate(reply_count=Count("replies"))


def replies_for(*, topic: Topic, moderator: bool) -> QuerySet[Reply]:
    replies = topic.replies.select_related("author", "author__node")
    return replies if moderator else replies.filter(is_hidden=False)


def topic_counts(*, meeting_id: int) -> dict[tuple[str, int], int]:
    """Visible topics per (kind, target id) in a meeting, for the index and the program."""
    rows = (
        Topic.objects.filter(meeting_id=meeting_id, is_hidden=False)
        .values_list("target_kind", "target_id")
        .annotate(n=Count("id"))
    )
    return {(kind, target): n for kind, target, n in rows}
