"""Reads of availability polls: which polls a viewer sees, their answers and the combined result."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Count, Exists, OuterRef, QuerySet

from convener.availability.models import AvailabilityPoll, PollAnswer, PollOption
from convener.people.models import Participant
from convener.people.selectors import MEMBER_ROLES, is_member, is_organiser
from convener.program.models import Meeting
from convener.scheduling import engine

Status = AvailabilityPoll.Status

# The score of an option; see poll_results.
YES_POINTS = 2
MAYBE_POINTS = 1
NO_POINTS = -2
NIGHT_POINTS = -1
BAR_STEP = 5  # bar widths are drawn in 5 % steps (CSS classes bar-w-0 … bar-w-100)


def can_answer(participant: Participant | None, meeting: Meeting) -> bool:
    """Members of the meeting answer polls; guests wait for an organiser's approval."""
    return participant is not None and participant.meeting_id == meeting.pk and is_member(participant)


def can_see_results(participant: Participant | None, poll: AvailabilityPoll) -> bool:
    """Organisers always; other members once the poll is closed."""
    if is_organiser(participant):
        return True
    return poll.status == Status.CLOSED and can_answer(participant, poll.meeting)


def poll_list_for_viewer(*, meeting: Meeting, participant: Participant) -> QuerySet[AvailabilityPoll]:
    """The polls a member sees, newest first: all for organisers, open and closed ones for others.

    Each poll carries ``option_count``, ``respondent_count`` and ``answered`` (by this participant).
    """
    polls = AvailabilityPoll.objects.filter(meeting=meeting)
    if not is_organiser(participant):
        polls = polls.filter(status__in=[Status.OPEN, Status.CLOSED])
    mine = PollAnswer.objects.filter(option__poll=OuterRef("pk"), participant=participant)
    return (
        polls.select_related("session")
        .annotate(
            option_count=Count("options", distinct=True),
            respondent_count=Count("options__answers__participant", distinct=True),
            answered=Exists(mine),
        )
        .order_by("-created_at", "-id")
    )


def poll_for_viewer(*, meeting: Meeting, participant: Participant, pk: int) -> AvailabilityPoll | None:
    """One poll of the meeting, or None when it does not exist or is a draft the viewer may not see."""
    polls = AvailabilityPoll.objects.filter(meeting=meeting, pk=pk).select_related("meeting", "session", "created_by")
    if not is_organiser(participant):
        polls = polls.filter(status__in=[Status.OPEN, Status.CLOSED])
    return polls.first()


def poll_options(*, poll: AvailabilityPoll) -> list[PollOption]:
    options = list(PollOption.objects.filter(poll=poll).order_by("starts_at"))
    for option in options:
        option.poll = poll  # ends_at needs the poll; no query per option
    return options


def answers_of(*, poll: AvailabilityPoll, participant: Participant) -> dict[int, str]:
    """A participant's current answers: option id -> yes/maybe/no."""
    return dict(
        PollAnswer.objects.filter(option__poll=poll, participant=participant).values_list("option_id", "answer")
    )


@dataclass
class OptionResult:
    option: PollOption
    yes: list[str] = field(default_factory=list)  # names, sorted
    maybe: list[str] = field(default_factory=list)
    no: list[str] = field(default_factory=list)
    working: int = 0  # people for whom the slot is inside working hours
    edge: int = 0  # early or late: awake, but outside working hours
    night: int = 0  # some part of the slot is at night (or they are unavailable)
    score: int = 0
    rank: int = 0
    best: bool = False
    widths: dict[str, int] = field(default_factory=dict)  # answer -> bar width in %, a multiple of BAR_STEP

    @property
    def starts_at(self) -> datetime:
        return self.option.starts_at

    @property
    def ends_at(self) -> datetime:
        return self.option.ends_at


@dataclass
class PollResults:
    options: list[OptionResult]  # best first
    respondents: list[str]  # names of who answered
    comfort_of: str  # "respondents" or "participants": whose zones the comfort counts cover
    comfort_people: int


def _person(participant: Participant, meeting: Meeting) -> engine.Person:
    return engine.Person(
        id=str(participant.pk),
        zone=participant.time_zone or meeting.time_zone,
        work_start=participant.work_start,
        work_end=participant.work_end,
    )


def _widths(counts: dict[str, int], total: int) -> dict[str, int]:
    """Shares of ``total`` in BAR_STEP % steps that add up to 100 (largest remainder first)."""
    if total <= 0:
        return {key: 0 for key in counts}
    steps = 100 // BAR_STEP
    exact = {key: count * steps / total for key, count in counts.items()}
    floors = {key: int(value) for key, value in exact.items()}
    spare = steps - sum(floors.values())
    for key in sorted(exact, key=lambda k: (floors[k] - exact[k], list(counts).index(k)))[:spare]:
        floors[key] += 1
    return {key: value * BAR_STEP for key, value in floors.items()}


def poll_results(*, poll: AvailabilityPoll, options: list[PollOption] | None = None) -> PollResults:
    """Answers per option combined with the time-zone comfort of the people concerned, best first.

    How the score is made (shown on the results page too):

    - each "yes" adds 2 points, each "if need be" adds 1, each "no" takes 2 away;
    - each person for whom the slot falls partly at night in their own zone
      (outside 07:00–22:00 local, judged by ``engine.level_for`` on the real
      date, so DST counts) takes 1 point away, even when they said yes;
    - the people counted for comfort are those who answered; while nobody
      has, every member of the meeting (guests excluded) with their own zone
      and working hours.

    Options are ranked by score, then fewer people at night, then more
    "yes", then the earlier start; every option tied with the first on
    score, night and "yes" is marked best. Three queries whatever the
    number of options or answers.
    """
    meeting = poll.meeting
    options = poll_options(poll=poll) if options is None else options
    answers = list(
        PollAnswer.objects.filter(option__poll=poll)
        .select_related("participant")
        .order_by("participant__name", "participant_id")
    )
    people: dict[int, Participant] = {}
    for answer in answers:
        people.setdefault(answer.participant_id, answer.participant)
    if people:
        comfort_of = "respondents"
    else:
        comfort_of = "participants"
        members = Participant.objects.filter(meeting=meeting, role__in=MEMBER_ROLES).order_by("name", "pk")
        people = {participant.pk: participant for participant in members}
    persons = [_person(participant, meeting) for participant in people.values()]

    results = {option.pk: OptionResult(option=option) for option in options}
    for answer in answers:
        result = results.get(answer.option_id)
        if result is not None:
            getattr(result, answer.answer).append(answer.participant.name)
    duration = timedelta(minutes=poll.duration_minutes)
    for result in results.values():
        for person in persons:
            level = engine.level_for(person, result.option.starts_at, duration)
            if level == engine.Level.WORKING:
                result.working += 1
            elif level == engine.Level.EDGE:
                result.edge += 1
            else:
                result.night += 1
        result.score = (
            YES_POINTS * len(result.yes)
            + MAYBE_POINTS * len(result.maybe)
            + NO_POINTS * len(result.no)
            + NIGHT_POINTS * result.night
        )
        counts = {"yes": len(result.yes), "maybe": len(result.maybe), "no": len(result.no)}
        result.widths = _widths(counts, sum(counts.values()))

    ranked = sorted(results.values(), key=lambda r: (-r.score, r.night, -len(r.yes), r.option.starts_at))
    for rank, result in enumerate(ranked, start=1):
        result.rank = rank
    if ranked:
        top = ranked[0]
        for result in ranked:
            result.best = (result.score, result.night, len(result.yes)) == (top.score, top.night, len(top.yes))
    respondents = [people[pk].name for pk in dict.fromkeys(a.participant_id for a in answers)]
    return PollResults(options=ranked, respondents=respondents, comfort_of=comfort_of, comfort_people=len(persons))
