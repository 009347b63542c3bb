"""Writes of availability polls: create, open/close, answer. Each validates everything first."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from convener.availability.models import (
    MAX_OPTIONS,
    AvailabilityPoll,
    PollAnswer,
    PollOption,
    start_outside_meeting,
)
from convener.core import dates
from convener.people.models import Participant
from convener.people.selectors import is_member, is_organiser
from convener.program.models import Meeting, Session

Status = AvailabilityPoll.Status
# Which status a poll may move to from each status.
TRANSITIONS: dict[str, frozenset[str]] = {
    Status.DRAFT: frozenset({Status.OPEN}),
    Status.OPEN: frozenset({Status.CLOSED}),
    Status.CLOSED: frozenset({Status.OPEN}),
}


def _meeting_time(meeting: Meeting, dt: datetime) -> str:
    return f"{dt.astimezone(meeting.zone):%a %d %b %Y, %H:%M} ({meeting.time_zone})"


def _require_organiser(meeting: Meeting, participant: Participant | None) -> None:
    if participant is None or participant.meeting_id != meeting.pk or not is_organiser(participant):
        raise PermissionDenied("Only an organiser of this meeting can do this.")


def check_starts(*, meeting: Meeting, starts: Iterable[datetime]) -> list[datetime]:
    """The proposed starts in order, or a ValidationError listing every problem."""
    starts = list(starts)
    errors: list[str] = []
    if not starts:
        raise ValidationError("Propose at least one start time.", code="no_starts")
    if len(starts) > MAX_OPTIONS:
        errors.append(f"Propose at most {MAX_OPTIONS} start times; there are {len(starts)}.")
    seen: set[datetime] = set()
    for start in starts:
        if not isinstance(start, datetime) or timezone.is_naive(start):
            errors.append(f"{start!r} is not a time with a zone.")
            continue
        try:
            dates.check_in_window(start, meeting, what=f"{start.isoformat()}")
        except ValidationError as exc:
            errors.append(exc.messages[0])
            continue
        if start in seen:  # aware datetimes compare as instants, whatever their zone
            errors.append(f"{_meeting_time(meeting, start)} is proposed twice.")
        seen.add(start)
        problem = start_outside_meeting(meeting, start)
        if problem:
            errors.append(f"{start.astimezone(UTC):%Y-%m-%d %H:%M} UTC {problem}")
    if errors:
        raise ValidationError(errors, code="bad_starts")
    return starts


@transaction.atomic
def poll_create(
    *,
    meeting: Meeting,
    created_by: Participant | None,
    title: str,
    duration_minutes: int,
    starts: Iterable[datetime],
    description: str = "",
    session: Session | None = None,
) -> AvailabilityPoll:
    """An organiser proposes 1 to 40 start times on the meeting's days; the poll starts as a draft."""
    _require_organiser(meeting, created_by)
    poll = AvailabilityPoll(
        meeting=meeting,
        created_by=created_by,
        title=title.strip(),
        description=description.strip(),
        duration_minutes=duration_minutes,
        session=session,
        status=Status.DRAFT,
    )
    errors: dict[str, list[str]] = {}
    try:
        poll.full_clean()
    except ValidationError as exc:
        errors.update(exc.message_dict)
    try:
        starts = check_starts(meeting=meeting, starts=starts)
    except ValidationError as exc:
        errors["starts"] = exc.messages
    if errors:
        raise ValidationError(errors)
    poll.save()
    options = [PollOption(poll=poll, starts_at=start.astimezone(UTC)) for start in sorted(starts)]
    for option in options:
        # check_starts has ruled out duplicates; the poll is new, so nothing else can clash.
        option.full_clean(exclude=["poll"], validate_unique=False, validate_constraints=False)
    PollOption.objects.bulk_create(options)
    return poll


@transaction.atomic
def poll_set_status(*, poll: AvailabilityPoll, by: Participant | None, status: str) -> AvailabilityPoll:
    """Open a draft, close an open poll or reopen a closed one; organisers only."""
    _require_organiser(poll.meeting, by)
    if status not in Status.values:
        raise ValidationError(f"Unknown status {status!r}; choose one of {', '.join(Status.values)}.")
    poll = AvailabilityPoll.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=poll.pk)
    if status == poll.status:
        raise ValidationError(f"This poll is already {poll.get_status_display().lower()}.")
    if status not in TRANSITIONS[poll.status]:
        raise ValidationError(
            f"A {poll.get_status_display().lower()} poll cannot become {Status(status).label.lower()}."
        )
    poll.status = status
    poll.full_clean()
    poll.save(update_fields=["status"])
    return poll


@transaction.atomic
def poll_answer(*, poll: AvailabilityPoll, participant: Participant, answers: Mapping[int, str]) -> list[PollAnswer]:
    """Save a member's answer to every option of an open poll, replacing earlier answers.

    All or nothing: any unknown option, missing option or bad value saves nothing.
    Any member of the meeting (not a guest awaiting approval) may answer.
    """
    poll = AvailabilityPoll.objects.select_for_update(of=("self",)).select_related("meeting").get(pk=poll.pk)
    if participant.meeting_id != poll.meeting_id or not is_member(participant):
        raise PermissionDenied("Only participants of this meeting can answer its polls.")
    if poll.status == Status.DRAFT:
        raise ValidationError("This poll is not open yet.", code="poll_draft")
    if poll.status == Status.CLOSED:
        raise ValidationError("This poll is closed; answers can no longer be changed.", code="poll_closed")
    options = {option.pk: option for option in PollOption.objects.filter(poll=poll)}
    errors: list[str] = []
    unknown = sorted(str(key) for key in answers if key not in options)
    if unknown:
        errors.append(f"These options are not part of this poll: {', '.join(unknown)}.")
    missing = [option for pk, option in options.items() if pk not in answers]
    if missing:
        errors.append(
            "Answer every proposed time; missing: "
            + "; ".join(_meeting_time(poll.meeting, option.starts_at) for option in missing)
            + "."
        )
    bad = sorted({str(value) for value in answers.values() if value not in PollAnswer.Answer.values})
    if bad:
        errors.append(f"An answer is yes, maybe or no, not {', '.join(bad)}.")
    if errors:
        raise ValidationError(errors, code="bad_answers")

    now = timezone.now()
    rows = [
        PollAnswer(option=options[pk], participant=participant, answer=value, answered_at=now)
        for pk, value in sorted(answers.items())
    ]
    for row in rows:
        # Ownership and uniqueness were checked above for all rows at once (old answers go first).
        row.full_clean(exclude=["option", "participant"], validate_unique=False, validate_constraints=False)
    PollAnswer.objects.filter(option__poll=poll, participant=participant).delete()
    return PollAnswer.objects.bulk_create(rows)
