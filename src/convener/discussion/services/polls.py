"""Live polls: a moderator prepares, opens, closes or deletes one; a participant answers once."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from convener.core.live import broadcast_html_on_commit
from convener.discussion import fragments
from convener.discussion.models import POLL_CHOICES_MAX, LivePoll, LivePollAnswer, LivePollBallot, LivePollChoice
from convener.discussion.services.common import check_member, check_moderator, check_open, clean_text, lock_person
from convener.people.models import Participant
from convener.program.models import Session


def _poll_changed(poll: LivePoll) -> None:
    poll_id, session_id = poll.pk, poll.session_id
    broadcast_html_on_commit(lambda: fragments.poll(poll_id, session_id))


@transaction.atomic
def poll_create(
    *, session: Session, by: Participant | None, question: object, kind: object, choices: object
) -> LivePoll:
    """A draft poll, prepared before the session; one choice per entry, 2 to 10 of them."""
    author = check_moderator(by, session)
    text = clean_text(question, label="The poll's question", maximum=300)
    if kind not in LivePoll.Kind.values:
        raise ValidationError("Choose single or multiple choice.", code="kind")
    if not isinstance(choices, list | tuple):
        raise ValidationError("Give the choices, one per line.", code="choices")
    cleaned = [clean_text(c, label="A choice", maximum=200, required=False) for c in choices]
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
    check_moderator(by, poll.session)
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
    check_moderator(by, poll.session)
    poll = LivePoll.objects.select_for_update().get(pk=poll.pk)
    if poll.status != LivePoll.Status.DRAFT:
        raise ValidationError("Only a draft can be deleted: the answers to an opened poll are kept.", code="status")
    poll_id, session_id = poll.pk, poll.session_id
    poll.delete()
    broadcast_html_on_commit(lambda: fragments.poll(poll_id, session_id))


@transaction.atomic
def poll_answer(*, poll: LivePoll, by: Participant | None, choice_ids: object) -> LivePollBallot:
    """A participant's answer: one choice (single) or several (multiple); an answer is final."""
    voter = check_member(by, poll.session.meeting_id, "answer polls")
    if not isinstance(choice_ids, list | tuple) or not choice_ids:
        raise ValidationError("Choose an answer first.", code="empty")
    try:
        ids = {int(c) for c in choice_ids}
    except (TypeError, ValueError) as exc:
        raise ValidationError("That is not one of the poll's choices.", code="choice") from exc
    lock_person(voter)
    check_open(poll.session)
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
