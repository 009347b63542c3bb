"""The program editor's reads: the grid of a week in a chosen zone, and the clashes to show on it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from convener.organise import timetable
from convener.people.models import Participant
from convener.program import selectors as program_selectors
from convener.program.models import Meeting, Session, SessionRole
from convener.scheduling import engine
from convener.scheduling.planning import REPRESENTATIVE_DAY, engine_person

THEME_COLOURS = 8


@dataclass
class Block:
    session: Session
    start: datetime  # in the displayed zone
    end: datetime
    placed: timetable.Placed
    colour: int
    clashes: list[str] = field(default_factory=list)


@dataclass
class Week:
    zone: ZoneInfo
    days: list[date]
    grid: timetable.Grid
    blocks: list[Block]
    outside: list[Session]  # sessions of the meeting not on this page
    previous: date | None
    next: date | None

    @property
    def day_columns(self) -> list[tuple[date, timetable.DayColumns]]:
        return list(zip(self.days, self.grid.days, strict=True))

    @property
    def clashes(self) -> list[Block]:
        return [block for block in self.blocks if block.clashes]


def meeting_days(meeting: Meeting) -> list[date]:
    count = (meeting.end_date - meeting.start_date).days + 1
    return [meeting.start_date + timedelta(days=i) for i in range(count)]


def _minutes(moment: datetime, day: date, zone: ZoneInfo) -> int:
    midnight = datetime.combine(day, time(0), tzinfo=zone)
    return int((moment - midnight).total_seconds() // 60)


def clashes(meeting: Meeting, sessions: list[Session]) -> dict[int, list[str]]:
    """Per session: a facilitator or moderator booked twice at once, and a regional session outside
    07:00–21:00 for one of its region's representatives (the slot engine's rule)."""
    found: dict[int, list[str]] = {s.pk: [] for s in sessions}
    roles = SessionRole.objects.filter(session__in=sessions).select_related("participant")
    by_person: dict[int, list[tuple[Session, Participant]]] = {}
    by_pk = {s.pk: s for s in sessions}
    for role in roles:
        by_person.setdefault(role.participant_id, []).append((by_pk[role.session_id], role.participant))
    for booked in by_person.values():
        for i, (a, person) in enumerate(booked):
            for b, _ in booked[i + 1 :]:
                if a.overlaps(b.starts_at, b.ends_at):
                    found[a.pk].append(f"{person.name} is also on “{b.title}” at the same time.")
                    found[b.pk].append(f"{person.name} is also on “{a.title}” at the same time.")
    regional = [s for s in sessions if s.kind == Session.Kind.REGIONAL and s.region_id]
    if regional:
        reps: dict[int, list[Participant]] = {}
        for rep in Participant.objects.filter(meeting=meeting, represents__isnull=False).select_related("node__region"):
            reps.setdefault(rep.represents_id, []).append(rep)  # type: ignore[arg-type]
        for session in regional:
            for rep in reps.get(session.region_id, []):  # type: ignore[arg-type]
                person = engine_person(rep, meeting, wake=REPRESENTATIVE_DAY)
                duration = session.ends_at - session.starts_at
                if engine.level_for(person, session.starts_at, duration) >= engine.Level.NIGHT:
                    local = session.starts_at.astimezone(ZoneInfo(person.zone))
                    found[session.pk].append(
                        f"Starts {local:%H:%M} for {rep.name} ({person.zone}), outside 07:00–21:00 "
                        "for a regional representative."
                    )
    return found


def week(meeting: Meeting, zone: ZoneInfo, first_day: date | None = None) -> Week:
    """A page of the grid: up to a week of the meeting's days in ``zone``, every session as a block."""
    sessions = list(program_selectors.session_list(meeting=meeting, drafts=True))
    # The meeting's days, and any day next to them on which a session starts in this zone.
    near = set(meeting_days(meeting)) | {meeting.start_date - timedelta(days=1), meeting.end_date + timedelta(days=1)}
    used = {s.starts_at.astimezone(zone).date() for s in sessions} & near
    all_days = sorted(set(meeting_days(meeting)) | used)
    wanted = all_days.index(first_day) if first_day in all_days else 0
    index = wanted - wanted % timetable.MAX_DAYS  # the page of days that holds the wanted day
    days = all_days[index : index + timetable.MAX_DAYS]
    themes = {theme_id: i % THEME_COLOURS for i, theme_id in enumerate(sorted({s.theme_id or 0 for s in sessions}))}
    spans, shown, outside = [], [], []
    for session in sessions:
        local_start = session.starts_at.astimezone(zone)
        if local_start.date() not in days:
            outside.append(session)
            continue
        day = days.index(local_start.date())
        spans.append(
            timetable.Span(
                key=session.pk,
                day=day,
                start=_minutes(session.starts_at, local_start.date(), zone),
                end=_minutes(session.ends_at, local_start.date(), zone),
            )
        )
        shown.append(session)
    grid = timetable.layout(len(days), spans)
    found = clashes(meeting, sessions)
    blocks = [
        Block(
            session=s,
            start=s.starts_at.astimezone(zone),
            end=s.ends_at.astimezone(zone),
            placed=grid.placed[s.pk],
            colour=themes[s.theme_id or 0],
            clashes=found[s.pk],
        )
        for s in shown
    ]
    previous = all_days[max(0, index - timetable.MAX_DAYS)] if index > 0 else None
    after = index + timetable.MAX_DAYS
    return Week(
        zone=zone,
        days=days,
        grid=grid,
        blocks=blocks,
        outside=outside,
        previous=previous,
        next=all_days[after] if after < len(all_days) else None,
    )
