"""Writes of the slot planner: placing a region's session, moving a session, running it more than once.

Each write has a rule (``move_rule``, ``place_rule``): a function that says why the write would refuse a start.
The planning pages propose only starts the rule accepts, so every proposal can be taken.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import copy
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from convener.core import dates
from convener.people.models import Participant, Region
from convener.program import services as program_services
from convener.program.models import Meeting, Session, SessionRole

REGIONAL_GOAL = "To continue node-level discussions in regional groups led by the regional representatives."
REGIONAL_FORMAT = "A 1.5-hour video meeting led by the regional representatives, at a time that suits the region."
RUNS = range(2, 5)  # a session may run 2, 3 or 4 times (the engine's MAX_REPEATS)

# Why a write would refuse a start: one message per reason, none when it goes through.
Rule = Callable[[datetime], list[str]]


def _time_rule(session: Session, participant_ids: list[int], length: timedelta) -> Rule:
    """The program's checks of ``session`` at a new start: ``Session.clean`` (the meeting's dates) and
    ``program_services.people_clashes`` (its facilitators and moderators free), run on an unsaved copy."""
    clashes = program_services.people_clashes(session=session, participant_ids=participant_ids)
    if session.theme_id:
        session.theme  # noqa: B018 - loaded once, so that the copies' clean() does not query it again

    def problems(starts_at: datetime) -> list[str]:
        if starts_at.tzinfo is None:
            return ["The start time must carry its time zone."]
        try:  # the one date window of typed times (core/dates.py), before any arithmetic on a far date
            dates.check_in_window(starts_at, session.meeting, what="The start time")
        except ValidationError as exc:
            return list(exc.messages)
        moved = copy(session)
        try:
            moved.starts_at, moved.ends_at = starts_at, starts_at + length
            moved.clean()
        except ValidationError as exc:
            return list(exc.messages)
        except OverflowError:
            return [f"{starts_at:%Y-%m-%d} is outside the meeting's dates."]
        return clashes(moved.starts_at, moved.ends_at)

    return problems


def move_rule(session: Session) -> Rule:
    """Why ``session_move`` would refuse to move ``session`` to a start: the one rule of moves and proposals."""
    ids = list(session.roles.values_list("participant_id", flat=True))
    return _time_rule(session, ids, session.ends_at - session.starts_at)


def _regional_session(meeting: Meeting, region: Region) -> Session | None:
    return (
        Session.objects.filter(meeting=meeting, kind=Session.Kind.REGIONAL, region=region).order_by("starts_at").first()
    )


def place_rule(*, meeting: Meeting, region: Region, duration: timedelta) -> Rule:
    """Why ``regional_session_place`` would refuse a start for the region's session."""
    reps = list(Participant.objects.filter(meeting=meeting, represents=region).values_list("pk", flat=True))
    if not reps:
        return lambda _start: [f"{region.name} has no regional representative to lead its session."]
    session = _regional_session(meeting, region)
    if session is not None:
        return move_rule(session)
    start = datetime.combine(meeting.start_date, datetime.min.time(), tzinfo=meeting.zone)
    new = Session(meeting=meeting, kind=Session.Kind.REGIONAL, region=region, starts_at=start, ends_at=start + duration)
    return _time_rule(new, reps, duration)


def _refuse(problems: list[str]) -> None:
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def regional_session_place(*, meeting: Meeting, region: Region, starts_at: datetime, duration: timedelta) -> Session:
    """Put the region's session at ``starts_at``: move the existing one or create it, led by the representatives."""
    _refuse(place_rule(meeting=meeting, region=region, duration=duration)(starts_at))
    session = _regional_session(meeting, region)
    if session is None:
        reps = list(Participant.objects.filter(meeting=meeting, represents=region))
        return program_services.session_create(
            meeting=meeting,
            kind=Session.Kind.REGIONAL,
            region=region,
            title=f"Regional nodes session: {region.name}",
            goal=REGIONAL_GOAL,
            format=REGIONAL_FORMAT,
            starts_at=starts_at,
            ends_at=starts_at + duration,
            people=[(rep, SessionRole.Role.FACILITATOR) for rep in reps],
        )
    return session_move(session=session, starts_at=starts_at)


@transaction.atomic
def session_move(*, session: Session, starts_at: datetime) -> Session:
    """Move a session to a new start, keeping its length; logged as moved in the change feed."""
    _refuse(move_rule(session)(starts_at))
    length = session.ends_at - session.starts_at
    return program_services.session_update(session=session, starts_at=starts_at, ends_at=starts_at + length)


def run_title(title: str, run: int) -> str:
    """``title (run 2)``, shortened to fit the title field."""
    suffix = f" (run {run})"
    limit = Session._meta.get_field("title").max_length or 200
    return title[: limit - len(suffix)] + suffix


@transaction.atomic
def session_repeat(*, session: Session, starts: list[datetime]) -> list[Session]:
    """Run ``session`` at each of ``starts`` (2 to 4): it moves to the earliest, and each later run is a new
    session copying it, titled "(run 2)", "(run 3)"..., with the same facilitators and moderators.

    All or nothing: a start the move would refuse, or runs that overlap, change nothing. Each run is
    logged in the change feed (moved, added).
    """
    if len(starts) not in RUNS:
        raise ValidationError(f"Choose 2, 3 or 4 runs (got {len(starts)}).")
    if any(start.tzinfo is None for start in starts):
        raise ValidationError("The start time must carry its time zone.")
    meeting = session.meeting
    starts = sorted(starts)
    length = session.ends_at - session.starts_at

    def shown(start: datetime) -> str:
        return f"{start.astimezone(meeting.zone):%a %d %b %H:%M} ({meeting.time_zone})"

    rule = move_rule(session)
    _refuse([f"Run {n}: {problem}" for n, start in enumerate(starts, 1) for problem in rule(start)])
    for earlier, later in zip(starts, starts[1:], strict=False):
        if later - earlier < length:
            raise ValidationError(
                f"The runs at {shown(earlier)} and {shown(later)} overlap: runs start at least "
                f"{session.duration_minutes} minutes apart."
            )
    people = [(role.participant, role.role) for role in session.roles.select_related("participant")]
    runs = [session_move(session=session, starts_at=starts[0]) if starts[0] != session.starts_at else session]
    for n, start in enumerate(starts[1:], 2):
        runs.append(
            program_services.session_create(
                meeting=meeting,
                people=people,
                kind=session.kind,
                title=run_title(session.title, n),
                goal=session.goal,
                format=session.format,
                preparation=session.preparation,
                theme=session.theme,
                region=session.region,
                join_link=session.join_link,
                starts_at=start,
                ends_at=start + length,
            )
        )
    return runs
