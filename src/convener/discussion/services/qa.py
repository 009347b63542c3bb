"""Writes for discussion, Q&A and polls: each validates, writes under a transaction, then broadcasts.

Every change is in the database before anyone hears of it (``broadcast_html_on_commit``); a client that
missed an event re-reads the database. Rate limits are counted from the rows themselves, so every
worker sees the same numbers, and each person's writes are serialised on their Participant row so a
burst of parallel requests cannot slip past a limit.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from convener.core.live import broadcast_html_on_commit
from convener.discussion import fragments, selectors, targets
from convener.discussion.models import (
    BODY_MAX_LENGTH,
    POLL_CHOICES_MAX,
    QUESTION_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    LivePoll,
    LivePollAnswer,
    LivePollBallot,
    LivePollChoice,
    LiveQA,
    Question,
    Reply,
    Topic,
    Vote,
)
from convener.people.models import Participant
from convener.program.models import Meeting, Session

EDIT_WINDOW = timedelta(minutes=15)
QUESTIONS_PER_MINUTE = 3
VOTES_PER_MINUTE = 30
TOPICS_PER_MINUTE = 3
REPLIES_PER_MINUTE = 6
MODERATION_ACTIONS = ("approve", "hide", "answering", "answered")

Status = Question.Status


# --- shared checks ------------------------------------------------------------------------------


def _lock_person(participant: Participant) -> None:
    """Serialise one person's writes (PostgreSQL row lock; SQLite already writes one at a time)."""
    Participant.objects.select_for_update().filter(pk=participant.pk).first()


def _recent(queryset, field: str = "created_at") -> int:  # type: ignore[no-untyped-def]
    return queryset.filter(**{f"{field}__gte": timezone.now() - timedelta(minutes=1)}).count()


def _check_member(participant: Participant | None, meeting_id: int, what: str) -> Participant:
    if participant is None or participant.meeting_id != meeting_id:
        raise PermissionDenied(f"Register for this meeting to {what}.")
    if not selectors.can_take_part(participant):
        raise PermissionDenied(f"Guests can read but not {what}. An organiser can change your role.")
    return participant


def _check_moderator(participant: Participant | None, session: Session) -> Participant:
    if not selectors.can_moderate(participant, session):
        raise PermissionDenied("Only the meeting's organisers and the session's moderators can do this.")
    assert participant is not None
    return participant


def _check_open(session: Session) -> None:
    if not selectors.qa_is_open(session):
        raise ValidationError(
            "The Q&A of this session is closed: it accepts no questions, votes or answers.", code="closed"
        )


def _text(value: object, *, label: str, maximum: int, required: bool = True) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"{label} must be text.", code="type")
    text = value.replace("\x00", "").replace("\r\n", "\n").strip()
    if required and not text:
        raise ValidationError(f"{label} is empty: write something first.", code="empty")
    if len(text) > maximum:
        raise ValidationError(
            f"{label} is too long: at most {maximum} characters (yours has {len(text)}).", code="too_long"
        )
    return text


# --- live Q&A -----------------------------------------------------------------------------------


def _broadcast_questions(session_id: int, changes: Iterable[tuple[int, str]]) -> None:
    changes = list(changes)
    broadcast_html_on_commit(lambda: fragments.questions(session_id, changes))


@transaction.atomic
def qa_set_status(*, session: Session, by: Participant | None, status: str) -> LiveQA:
    _check_moderator(by, session)
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
    author = _check_member(by, session.meeting_id, "ask questions")
    text = _text(text, label="Your question", maximum=QUESTION_MAX_LENGTH)
    _lock_person(author)
    _check_open(session)
    if _recent(Question.objects.filter(author=author)) >= QUESTIONS_PER_MINUTE:
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
    voter = _check_member(by, session.meeting_id, "vote")
    _lock_person(voter)
    _check_open(session)
    current = Question.objects.filter(pk=question.pk).values_list("status", flat=True).first()
    if current not in {Status.APPROVED, Status.ANSWERING}:
        raise ValidationError("Only questions in the queue can be voted for.", code="not_votable")
    if Vote.objects.filter(question=question, participant=voter).exists():
        raise ValidationError("You have already voted for this question.", code="already_voted")
    if _recent(Vote.objects.filter(participant=voter)) >= VOTES_PER_MINUTE:
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
    _check_moderator(by, session)
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
    _check_moderator(by, session)
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


# --- live polls ---------------------------------------------------------------------------------


def _poll_changed(poll: LivePoll) -> None:
    poll_id, session_id = poll.pk, poll.session_id
    broadcast_html_on_commit(lambda: fragments.poll(poll_id, session_id))


@transaction.atomic
def poll_create(
    *, session: Session, by: Participant | None, question: object, kind: object, choices: object
) -> LivePoll:
    """A draft poll, prepared before the session; one choice per entry, 2 to 10 of them."""
    author = _check_moderator(by, session)
    text = _text(question, label="The poll's question", maximum=300)
    if kind not in LivePoll.Kind.values:
        raise ValidationError("Choose single or multiple choice.", code="kind")
    if not isinstance(choices, list | tuple):
        raise ValidationError("Give the choices, one per line.", code="choices")
    cleaned = [_text(c, label="A choice", maximum=200, required=False) for c in choices]
    cleaned = [c for c in cleaned if c]
    if len(cleaned) < 2:
        raise ValidationError("A poll needs at least two choices, one per line.", code="few_choices")
    if len(cleaned) > POLL_CHOICES_MAX:
        raise ValidationError(f"A poll has at most {POLL_CHOICES_MAX} choices.", code="many_choices")
    if len({c.casefold() for c in cleaned}) != len(cleaned):
        raise ValidationError("Two choices are the same.", code="duplicate_choice")
    poll = LivePoll(session=session, question=text, kind=kind, created_by=author)
    poll.full_clean()
    poll.save()
    LivePollChoice.objects.bulk_create(LivePollChoice(poll=poll, text=c, order=i) for i, c in enumerate(cleaned))
    _poll_changed(poll)
    return poll


@transaction.atomic
def poll_set_status(*, poll: LivePoll, by: Participant | None, status: object) -> LivePoll:
    """draft → open → closed; a closed poll can be opened again, nothing goes back to draft."""
    _check_moderator(by, poll.session)
    poll = LivePoll.objects.select_for_update().get(pk=poll.pk)
    allowed = {
        LivePoll.Status.DRAFT: {LivePoll.Status.OPEN},
        LivePoll.Status.OPEN: {LivePoll.Status.CLOSED},
        LivePoll.Status.CLOSED: {LivePoll.Status.OPEN},
    }[poll.status]
    if status not in allowed:
        verbs = {LivePoll.Status.OPEN: "opened", LivePoll.Status.CLOSED: "closed"}
        raise ValidationError(
            f"A {poll.get_status_display().lower()} poll can only be {' or '.join(sorted(verbs[s] for s in allowed))}.",
            code="status",
        )
    poll.status = status
    if status == LivePoll.Status.OPEN:
        poll.opened_at = poll.opened_at or timezone.now()
        poll.closed_at = None
    else:
        poll.closed_at = timezone.now()
    poll.save()
    _poll_changed(poll)
    return poll


@transaction.atomic
def poll_delete(*, poll: LivePoll, by: Participant | None) -> None:
    _check_moderator(by, poll.session)
    poll = LivePoll.objects.select_for_update().get(pk=poll.pk)
    if poll.status != LivePoll.Status.DRAFT:
        raise ValidationError("Only a draft can be deleted: the answers to an opened poll are kept.", code="status")
    poll_id, session_id = poll.pk, poll.session_id
    poll.delete()
    broadcast_html_on_commit(lambda: fragments.poll(poll_id, session_id))


@transaction.atomic
def poll_answer(*, poll: LivePoll, by: Participant | None, choice_ids: object) -> LivePollBallot:
    """A participant's answer: one choice (single) or several (multiple); an answer is final."""
    voter = _check_member(by, poll.session.meeting_id, "answer polls")
    if not isinstance(choice_ids, list | tuple) or not choice_ids:
        raise ValidationError("Choose an answer first.", code="empty")
    try:
        ids = {int(c) for c in choice_ids}
    except (TypeError, ValueError) as exc:
        raise ValidationError("That is not one of the poll's choices.", code="choice") from exc
    _lock_person(voter)
    _check_open(poll.session)
    poll = LivePoll.objects.get(pk=poll.pk)
    if poll.status != LivePoll.Status.OPEN:
        raise ValidationError("This poll is not open.", code="not_open")
    valid = set(poll.choices.filter(pk__in=[i for i in ids if 0 < i < 2**63]).values_list("pk", flat=True))
    if valid != ids:
        raise ValidationError("That is not one of the poll's choices.", code="choice")
    if poll.kind == LivePoll.Kind.SINGLE and len(ids) != 1:
        raise ValidationError("Choose exactly one answer.", code="single")
    try:
        with transaction.atomic():
            ballot = LivePollBallot.objects.create(poll=poll, participant=voter)
    except IntegrityError as exc:
        raise ValidationError("You have already answered this poll.", code="already_answered") from exc
    LivePollAnswer.objects.bulk_create(LivePollAnswer(ballot=ballot, choice_id=i) for i in sorted(ids))
    poll_id, session_id = poll.pk, poll.session_id
    broadcast_html_on_commit(lambda: fragments.poll_results(poll_id, session_id))
    return ballot


# --- forum threads ------------------------------------------------------------------------------


def _check_topic_open(topic: Topic) -> None:
    if topic.is_locked:
        raise ValidationError("This topic is locked: it takes no more replies.", code="locked")
    if topic.is_hidden:
        raise ValidationError("This topic is hidden.", code="hidden")


def _check_edit(author_id: int, created_at, by: Participant | None) -> None:  # type: ignore[no-untyped-def]
    if by is None or by.pk != author_id:
        raise PermissionDenied("Only the author can edit this.")
    if timezone.now() - created_at > EDIT_WINDOW:
        minutes = int(EDIT_WINDOW.total_seconds() // 60)
        raise ValidationError(
            f"Posts can be edited for {minutes} minutes after posting; that time is over.", code="edit_window"
        )


@transaction.atomic
def topic_create(
    *, meeting: Meeting, kind: object, target_id: object, by: Participant | None, title: object, body: object
) -> Topic:
    author = _check_member(by, meeting.pk, "start topics")
    target = targets.resolve(meeting=meeting, kind=kind, pk=target_id)  # type: ignore[arg-type]
    if target is None:
        raise ValidationError("There is no such theme, session or presentation in this meeting.", code="target")
    title = _text(title, label="The title", maximum=TITLE_MAX_LENGTH)
    body = _text(body, label="The text", maximum=BODY_MAX_LENGTH)
    _lock_person(author)
    if _recent(Topic.objects.filter(author=author)) >= TOPICS_PER_MINUTE:
        raise ValidationError(
            "You have started several topics in the last minute. Please wait a moment.", code="rate_limited"
        )
    topic = Topic(meeting=meeting, target_kind=target.kind, target_id=target.pk, author=author, title=title, body=body)
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def topic_edit(*, topic: Topic, by: Participant | None, title: object, body: object) -> Topic:
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    _check_edit(topic.author_id, topic.created_at, by)
    if topic.is_hidden:
        raise ValidationError("This topic is hidden.", code="hidden")
    topic.title = _text(title, label="The title", maximum=TITLE_MAX_LENGTH)
    topic.body = _text(body, label="The text", maximum=BODY_MAX_LENGTH)
    topic.edited_at = timezone.now()
    topic.full_clean()
    topic.save()
    return topic


@transaction.atomic
def reply_create(*, topic: Topic, by: Participant | None, body: object) -> Reply:
    author = _check_member(by, topic.meeting_id, "reply")
    body = _text(body, label="Your reply", maximum=BODY_MAX_LENGTH)
    _lock_person(author)
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    _check_topic_open(topic)
    if _recent(Reply.objects.filter(author=author)) >= REPLIES_PER_MINUTE:
        raise ValidationError(
            "You have replied several times in the last minute. Please wait a moment.", code="rate_limited"
        )
    reply = Reply(topic=topic, author=author, body=body)
    reply.full_clean()
    reply.save()
    Topic.objects.filter(pk=topic.pk).update(last_activity_at=reply.created_at)
    return reply


@transaction.atomic
def reply_edit(*, reply: Reply, by: Participant | None, body: object) -> Reply:
    reply = Reply.objects.select_for_update().select_related("topic").get(pk=reply.pk)
    _check_edit(reply.author_id, reply.created_at, by)
    _check_topic_open(reply.topic)
    if reply.is_hidden:
        raise ValidationError("This reply is hidden.", code="hidden")
    reply.body = _text(body, label="Your reply", maximum=BODY_MAX_LENGTH)
    reply.edited_at = timezone.now()
    reply.full_clean()
    reply.save()
    return reply


@transaction.atomic
def topic_moderate(
    *, topic: Topic, by: Participant | None, hidden: bool | None = None, locked: bool | None = None
) -> Topic:
    if not selectors.can_moderate_topic(by, topic):
        raise PermissionDenied("Only the meeting's organisers can hide or lock topics.")
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    if hidden is not None:
        topic.is_hidden = hidden
    if locked is not None:
        topic.is_locked = locked
    topic.save(update_fields=["is_hidden", "is_locked"])
    return topic


@transaction.atomic
def reply_set_hidden(*, reply: Reply, by: Participant | None, hidden: bool) -> Reply:
    if not selectors.can_moderate_topic(by, reply.topic):
        raise PermissionDenied("Only the meeting's organisers can hide replies.")
    Reply.objects.filter(pk=reply.pk).update(is_hidden=hidden)
    reply.is_hidden = hidden
    return reply
