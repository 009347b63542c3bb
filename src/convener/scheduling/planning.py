"""Reads for planning sessions across time zones: the engine fed from the database.

Turns participants into ``engine.Person`` (their zone and working hours), asks
``engine`` for ranked starts over the meeting's days, and shapes the answer for
pages: the best slots for each region's session, and heat maps of how many
people can attend comfortably, hour by hour.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q

from convener.people.models import Participant, Region
from convener.program.models import Meeting, Session
from convener.scheduling import engine, services

REGIONAL_DURATION = timedelta(minutes=90)
# Regional representatives lead their session: it must fall inside these local hours for each.
REPRESENTATIVE_DAY = (time(7, 0), time(21, 0))
UTC = ZoneInfo("UTC")


def engine_person(
    participant: Participant, meeting: Meeting, *, wake: tuple[time, time] | None = None
) -> engine.Person:
    region = participant.node.region.name if participant.node_id and participant.node else ""
    extra = {"wake_start": wake[0], "wake_end": wake[1]} if wake else {}
    return engine.Person(
        id=str(participant.pk),
        zone=participant.time_zone or meeting.time_zone,
        work_start=participant.work_start,
        work_end=participant.work_end,
        region=region,
        **extra,
    )


def candidate_dates(meeting: Meeting) -> list[date]:
    """UTC dates whose starts can fall on a meeting day somewhere (one either side of the meeting)."""
    days = (meeting.end_date - meeting.start_date).days + 3
    return [meeting.start_date - timedelta(days=1) + timedelta(days=i) for i in range(days)]


def meeting_days(meeting: Meeting) -> list[date]:
    """The days the meeting holds sessions (in its zone); all its dates while the program is empty.

    A meeting from Thursday to Wednesday that pauses at the weekend gets no
    slot proposed on Saturday or Sunday.
    """
    all_days = [meeting.start_date + timedelta(days=i) for i in range((meeting.end_date - meeting.start_date).days + 1)]
    starts = Session.objects.filter(meeting=meeting).values_list("starts_at", flat=True)
    used = {start.astimezone(meeting.zone).date() for start in starts}
    return [day for day in all_days if day in used] or all_days


def on_meeting_day(meeting: Meeting, start: datetime, days: list[date] | None = None) -> bool:
    local_day = start.astimezone(meeting.zone).date()
    return local_day in days if days is not None else meeting.start_date <= local_day <= meeting.end_date


def rank_for(meeting: Meeting, participants: Iterable[Participant], duration: timedelta) -> list[engine.SlotScore]:
    """Every start on one of the meeting's session days (in its zone), best first, for these participants."""
    people = [engine_person(p, meeting) for p in participants]
    if not people:
        return []
    days = meeting_days(meeting)
    return engine.rank_slots(
        people, candidate_dates(meeting), duration, allowed=lambda start: on_meeting_day(meeting, start, days)
    )


def diverse(
    scores: list[engine.SlotScore],
    *,
    top: int,
    current: datetime | None = None,
    gap: timedelta = timedelta(hours=1),
    rule: services.Rule | None = None,
) -> list[engine.SlotScore]:
    """The best ``top`` starts at least ``gap`` apart, so a list offers real choices, not 15-minute shifts.

    Among equally good starts, the one already in the program comes first: accepting it changes nothing.
    With ``rule`` (``services.move_rule`` or ``place_rule``), a start it refuses is never proposed.
    """
    ordered = sorted(scores, key=lambda score: (score.cost, score.start != current))  # stable: keeps rank order
    chosen: list[engine.SlotScore] = []
    for score in ordered:
        if all(abs(score.start - other.start) >= gap for other in chosen) and not (rule and rule(score.start)):
            chosen.append(score)
            if len(chosen) == top:
                break
    return chosen


def repeats_for(
    meeting: Meeting,
    participants: list[Participant],
    duration: timedelta,
    k: int,
    *,
    rule: services.Rule | None = None,
) -> tuple[engine.RepeatPlan | None, str]:
    """The best ``k`` runs of a session, all on the meeting's session days, or why there are none.

    With ``rule`` (``services.move_rule``), only starts it accepts: every run can be applied.
    """
    people = [engine_person(p, meeting) for p in participants]
    if not people:
        return None, "Nobody takes part yet."
    days = meeting_days(meeting)

    def allowed(start: datetime) -> bool:
        return on_meeting_day(meeting, start, days) and not (rule and rule(start))

    try:
        plan = engine.best_repeats(people, candidate_dates(meeting), duration, k, allowed=allowed)
    except ValueError as exc:
        return None, str(exc)
    return plan, ""


def meeting_participants(meeting: Meeting) -> list[Participant]:
    return list(Participant.objects.filter(meeting=meeting).select_related("node", "node__region"))


@dataclass
class RegionPlan:
    region: Region
    representatives: list[Participant]
    people: int
    slots: list[engine.SlotScore] = field(default_factory=list)
    session: Session | None = None
    problem: str = ""

    @property
    def best(self) -> engine.SlotScore | None:
        return self.slots[0] if self.slots else None


def region_plan(
    meeting: Meeting,
    region: Region,
    *,
    participants: list[Participant] | None = None,
    duration: timedelta = REGIONAL_DURATION,
    top: int = 5,
) -> RegionPlan:
    """Best starts for a region's session: inside 07:00-21:00 for every representative, then cheapest."""
    everyone = participants if participants is not None else meeting_participants(meeting)
    members = [p for p in everyone if (p.node and p.node.region_id == region.pk) or p.represents_id == region.pk]
    reps = [p for p in members if p.represents_id == region.pk]
    session = (
        Session.objects.filter(meeting=meeting, kind=Session.Kind.REGIONAL, region=region).order_by("starts_at").first()
    )
    plan = RegionPlan(region=region, representatives=reps, people=len(members), session=session)
    if not reps:
        plan.problem = "This region has no regional representative yet: an organiser sets one on a participant."
        return plan
    rep_people = [engine_person(p, meeting, wake=REPRESENTATIVE_DAY) for p in reps]
    fine_for_reps = {
        score.start
        for score in engine.rank_slots(rep_people, candidate_dates(meeting), duration)
        if score.worst <= engine.Level.EDGE
    }
    ranked = [score for score in rank_for(meeting, members, duration) if score.start in fine_for_reps]
    rule = services.place_rule(meeting=meeting, region=region, duration=duration)
    plan.slots = diverse(ranked, top=top, current=session.starts_at if session else None, rule=rule)
    if not plan.slots:
        plan.problem = (
            "No start on the meeting's days is inside 07:00-21:00 for every representative"
            " while they are free of their other sessions."
        )
    return plan


def region_plans(meeting: Meeting) -> list[RegionPlan]:
    participants = meeting_participants(meeting)
    region_ids = {p.node.region_id for p in participants if p.node_id} | {
        p.represents_id for p in participants if p.represents_id
    }
    regions = Region.objects.filter(pk__in=region_ids).order_by("order", "name")
    return [region_plan(meeting, region, participants=participants) for region in regions]


def local_times(start: datetime, people: Iterable[Participant], meeting: Meeting) -> list[tuple[Participant, ZoneInfo]]:
    """Each person with their own zone, in which the template shows ``start`` (labelled with that zone)."""
    return [(p, ZoneInfo(p.time_zone or meeting.time_zone)) for p in people]


# --------------------------------------------------------------------------
# Heat maps: days x hours in the viewer's zone, colour = share comfortable.
# --------------------------------------------------------------------------

HEAT_LEVELS = 10


@dataclass
class HeatCell:
    hour: int
    start: datetime | None
    comfortable: int = 0
    total: int = 0
    marked: bool = False  # a proposed or current start falls in this hour

    @property
    def level(self) -> int:
        """0..10: the share of people who can attend comfortably, in tenths (-1: no slot)."""
        if self.start is None or not self.total:
            return -1
        return round(HEAT_LEVELS * self.comfortable / self.total)

    @property
    def label(self) -> str:
        if self.start is None:
            return "outside the meeting"
        return f"{self.comfortable} of {self.total} comfortable"


@dataclass
class HeatRow:
    day: date
    cells: list[HeatCell]


@dataclass
class HeatMap:
    title: str
    people: int
    rows: list[HeatRow]


def _counts(score: engine.SlotScore, region: str | None) -> engine.Counts:
    if region is None:
        return score.counts
    return score.by_region.get(region, engine.Counts())


def heat_maps(
    meeting: Meeting,
    scores: list[engine.SlotScore],
    zone: ZoneInfo,
    regions: list[str] | None = None,
    marks: Iterable[datetime] = (),
) -> list[HeatMap]:
    """One map for everyone, then one per region label, rows = the meeting's days in ``zone``.

    A cell is marked when one of ``marks`` (say, the proposed start) falls within its hour.
    """
    marked = list(marks)
    by_start = {score.start: score for score in scores}
    days = meeting_days(meeting)
    labels: list[str | None] = [None, *(regions or [])]
    maps = []
    for label in labels:
        rows = []
        people = 0
        for day in days:
            cells = []
            for hour in range(24):
                start = datetime.combine(day, time(hour), tzinfo=zone).astimezone(UTC)
                score = by_start.get(start)
                if score is None:
                    cells.append(HeatCell(hour, None))
                    continue
                counts = _counts(score, label)
                people = max(people, counts.total)
                hit = any(start <= mark < start + timedelta(hours=1) for mark in marked)
                cells.append(HeatCell(hour, start, counts.comfortable, counts.total, hit))
            rows.append(HeatRow(day, cells))
        maps.append(HeatMap(label or "Everyone", people, rows))
    return maps


def region_labels(scores: list[engine.SlotScore]) -> list[str]:
    labels: set[str] = set()
    for score in scores[:1]:
        labels.update(label for label in score.by_region if label)
    return sorted(labels)


def participants_of(meeting: Meeting, region: Region) -> list[Participant]:
    return list(
        Participant.objects.filter(meeting=meeting)
        .filter(Q(node__region=region) | Q(represents=region))
        .select_related("node", "node__region")
    )
