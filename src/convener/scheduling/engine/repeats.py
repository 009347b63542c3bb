"""Time-zone slot planner: plain Python (zoneinfo, numpy), no Django.

Given people (an IANA zone and working hours each), candidate dates, a
duration and a step, rank every start time by how comfortable it is for
everyone, computed on the real date so that DST is right; choose the best k
repeats of one session so that everyone has a slot they can attend; rotate
inconvenient hours across regions over the days of a meeting.

Comfort of one person for one slot, judged in the person's local time:

- WORKING: the whole slot lies inside their working hours;
- EDGE (early or late): the whole slot lies inside their waking hours
  (default 07:00-22:00) but not inside their working hours;
- NIGHT: some part of the slot falls outside their waking hours;
- UNAVAILABLE: the slot overlaps one of their unavailable intervals.

The cost of a slot is the sum over people of ``Weights`` for their level.

Details of the rules
--------------------

*Local time.* A slot is the real interval [start, start + duration). Each
instant of it is turned into the person's wall-clock time with the offset the
zone has at that instant. On a day the clocks change, a slot can contain the
change: it then covers two wall-clock pieces (before and after the change; a
30-minute slot from 01:45 on the night the US springs forward covers
01:45-02:00 and 03:00-03:15). The slot is inside a window of hours only if
every piece is. Windows are daily and may wrap midnight (working hours
22:00-06:00 are a night shift); a window whose start equals its end is the
whole day. A slot crossing local midnight is inside a window only if that
window also runs across midnight, so 23:30-01:00 is NIGHT for waking hours
07:00-22:00. Durations are limited to 24 hours, and an offset is assumed not
to change twice within 24 hours (true of the tz database).

*Cost.* For counts per level ``(w, e, n, u)`` the cost is
``working*w + edge*e + night*n + unavailable*u``, evaluated in that order, the
same way everywhere (ranked slots, repeat plans, rotation days), so equal
counts give equal costs.

*Ranking.* Lowest cost first, then the lower worst level, then fewer people at
that worst level, then the earlier start.

*Repeats.* ``best_repeats`` is exact: it returns a plan as good as the best of all sets of k candidate starts
that are ``min_gap`` apart (worst level first, then cost). Weights must not decrease from WORKING to UNAVAILABLE,
so that a person's lowest level among the repeats is also their cheapest. People with the same zone, hours and
unavailable times form a class; classes with the same levels at every start are merged, and so are starts with
the same levels for every class ("columns"). Then:

1. The least worst level W is found by an exact set-cover search: can k columns give every class one at level
   W or lower? (Branching on the class with the fewest such columns; the last two picks are a matrix product.)
2. The least cost at W is found by branch and bound. The cost is written with level thresholds: for t = 1..3,
   (weight[t] - weight[t-1]) times the people whose best level is t or more, plus a penalty larger than any cost
   for anyone left above W. With 0/1 matrices "level >= t" the values of every pair of further columns are
   matrix products, so the last two picks are evaluated whole; higher nodes branch on each column in turn (later
   branches leave out the columns of earlier ones) and are cut by three lower bounds: every class at its best
   column still allowed; the classes that no allowed column brings below t plus, among the others, a set of
   classes pairwise "in conflict" (no column brings two of them below t), of which r picks help at most r; and
   the current cost minus the best pair's gain counted for every remaining pick (a set's gain is at most the sum
   of its members' gains).
3. This search runs without the gap and without dominated columns (a column no better than another for every
   class): its optimum is a lower bound of the true one, and the answer when its columns can be placed
   ``min_gap`` apart (the rest of the k starts, if it needs fewer columns, filled greedily). Otherwise the
   search is repeated over all distinct columns with the gap checked at every node.
4. When some people are unavailable, the same problem without unavailable times is solved first: its
   optimum is a lower bound too, and its starts are often alike over several days, so it is much smaller.
   Placing its choice on the best combination of those days frequently reaches that bound, which proves the
   plan optimal at once; otherwise that plan is the incumbent the exact search has to beat.

The search is exponential in k in the worst case; with the bench's 10,000 people in 300 zones (5 dates, 480
starts) the best 3 repeats take under half a second (``bench/slots.py``).

*Rotation.* One start per date, chosen jointly over all dates (exact dynamic programming; the state is the number
of days each region has been burdened and the regions burdened the day before). A start is *eligible* on its date
if its cost is at most ``1 + ROTATION_SLACK`` times that date's lowest cost. A region is *burdened* by a start if
at least one of its people is at NIGHT (people with an empty region label are never a region). Among eligible
starts the plan minimises, in order:

1. the largest number of days any one region is burdened;
2. the number of times a region is burdened on two days running;
3. the sum over regions of the square of their burdened days (so burdening a region already burdened h times
   costs 2h + 1 more: the penalty grows with how often it has already been burdened);
4. the total cost; then the earlier starts.

So when eligible starts allow it, no region carries the night on every day, nor on two days running, and the
burden is spread as evenly as it can be. Past ``ROTATION_MAX_STATES`` partial plans per day (many regions over
many days) the least promising are dropped, and the plan may no longer be the best by this order.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import IntEnum
from functools import lru_cache
from itertools import combinations, islice, product
from operator import attrgetter
from typing import Any, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np
import numpy.typing as npt


class Level(IntEnum):
    WORKING = 0
    EDGE = 1
    NIGHT = 2
    UNAVAILABLE = 3


@dataclass(frozen=True)
class Weights:
    working: float = 0.0
    edge: float = 1.0
    night: float = 4.0
    unavailable: float = 10.0

    def of(self, level: Level) -> float:
        return (self.working, self.edge, self.night, self.unavailable)[level]


@dataclass(frozen=True)
class Person:
    id: str
    zone: str  # IANA name, e.g. "Asia/Kathmandu"
    work_start: time = time(9, 0)
    work_end: time = time(17, 0)
    wake_start: time = time(7, 0)
    wake_end: time = time(22, 0)
    # Aware datetimes (any zone) [start, end) when the person cannot attend.
    unavailable: tuple[tuple[datetime, datetime], ...] = ()
    region: str = ""  # a label for breakdowns (e.g. "Africa"); may be empty


@dataclass(frozen=True)
class Counts:
    working: int = 0
    edge: int = 0
    night: int = 0
    unavailable: int = 0

    @property
    def total(self) -> int:
        return self.working + self.edge + self.night + self.unavailable

    @property
    def comfortable(self) -> int:
        """People for whom the slot is inside working or waking hours and who are available."""
        return self.working + self.edge


@dataclass(frozen=True)
class SlotScore:
    start: datetime  # aware, UTC
    end: datetime  # aware, UTC
    cost: float
    counts: Counts
    by_region: dict[str, Counts] = field(default_factory=dict)
    worst: Level = Level.WORKING  # the worst level anyone is at


@dataclass(frozen=True)
class RepeatPlan:
    """k repeats of one session: each person attends the slot that suits them best."""

    slots: tuple[datetime, ...]  # aware UTC starts, sorted
    duration: timedelta
    worst: Level  # the worst level of any person at their best slot (minimised first)
    cost: float  # the sum over people of the cost at their best slot (minimised second)
    assignment: dict[str, int]  # person id -> index into slots
    counts: Counts  # people by their level at their assigned slot


@dataclass(frozen=True)
class RotationDay:
    day: date
    start: datetime  # aware UTC
    score: SlotScore
    burdened_regions: tuple[str, ...]  # regions with someone at NIGHT that day


# A start is eligible for the rotation on its date if it costs at most (1 + ROTATION_SLACK) x the date's cheapest.
ROTATION_SLACK = 0.5
# The rotation keeps at most this many partial plans per day (more only with many regions over many days).
ROTATION_MAX_STATES = 20_000

MAX_REPEATS = 4

_T = TypeVar("_T", bound=np.generic)
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
LevelArray = npt.NDArray[np.int8]

_US = timedelta(microseconds=1)
_DAY = 86_400_000_000  # microseconds
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_FAR = 2**62  # an instant after every candidate, in microseconds


# ---------------------------------------------------------------------------------------------------------------------
# Instants, windows and zones


def _to_us(moment: datetime, what: str = "a datetime") -> int:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware, got {moment!r}")
    return (moment - _EPOCH) // _US


def _from_us(us: int) -> datetime:
    return _EPOCH + timedelta(microseconds=us)


def _duration_us(duration: timedelta) -> int:
    if duration <= timedelta(0) or duration > timedelta(days=1):
        raise ValueError(f"the duration must be more than 0 and at most 24 hours, got {duration}")
    return duration // _US


def _step_us(step: timedelta) -> int:
    if step <= timedelta(0):
        raise ValueError(f"the step must be positive, got {step}")
    return step // _US


def _time_of_day(moment: time) -> int:
    return ((moment.hour * 60 + moment.minute) * 60 + moment.second) * 1_000_000 + moment.microsecond


@lru_cache(maxsize=1024)
def _window(start: time, end: time) -> tuple[int, int]:
    """A daily window as (start in microseconds after midnight, length); equal ends mean the whole day."""
    begin = _time_of_day(start)
    length = (_time_of_day(end) - begin) % _DAY
    return begin, length or _DAY


@lru_cache(maxsize=2048)
def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError) as exc:
        raise ValueError(f"unknown time zone {name!r}") from exc


def _offset(zone: ZoneInfo, us: int) -> int:
    """The zone's UTC offset at an instant, in microseconds."""
    offset = _from_us(us).astimezone(zone).utcoffset()
    assert offset is not None
    return offset // _US


def _next_change(zone: ZoneInfo, lo: int, hi: int, offset_lo: int) -> int:
    """The first instant in (lo, hi] whose offset is not ``offset_lo``; hi's offset must differ."""
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if _offset(zone, mid) == offset_lo:
            lo = mid
        else:
            hi = mid
    return hi


def _pieces(zone: ZoneInfo, start: int, end: int) -> list[tuple[int, int]]:
    """The wall-clock pieces (local microseconds since 1970-01-01 00:00) of the real interval [start, end)."""
    before = _offset(zone, start)
    after = _offset(zone, end - 1)
    if before == after:
        return [(start + before, end + before)]
    change = _next_change(zone, start, end - 1, before)
    return [(start + before, change + before), (change + after, end + after)]


def _inside(lo: int, hi: int, window: tuple[int, int]) -> bool:
    """Is the local interval [lo, hi) inside one occurrence of the daily window?"""
    begin, length = window
    if lo >= hi or length == _DAY:
        return True
    day = (lo - begin) // _DAY  # the latest occurrence that starts at or before lo
    return hi <= day * _DAY + begin + length


def _unavailable_us(person: Person) -> tuple[tuple[int, int], ...]:
    return tuple(
        (_to_us(lo, f"unavailable time of {person.id!r}"), _to_us(hi, f"unavailable time of {person.id!r}"))
        for lo, hi in person.unavailable
    )


def _unique_rows(matrix: npt.NDArray[_T]) -> tuple[npt.NDArray[_T], IntArray]:
    """The distinct rows, in order of first appearance, and for every row the index of its distinct row."""
    matrix = np.ascontiguousarray(matrix)
    seen: dict[bytes, int] = {}
    inverse = np.array([seen.setdefault(row.tobytes(), len(seen)) for row in matrix], dtype=np.int64)
    firsts = np.zeros(len(seen), dtype=np.int64)
    firsts[inverse[::-1]] = np.arange(matrix.shape[0] - 1, -1, -1)
    return matrix[firsts], inverse


def _check_weights(weights: Weights) -> None:
    values = (weights.working, weights.edge, weights.night, weights.unavailable)
    if not all(a <= b for a, b in zip(values, values[1:], strict=False)):
        raise ValueError(f"weights must not decrease from working to unavailable, got {weights}")


def _cost(weights: Weights, counts: Counts) -> float:
    return (
        weights.working * counts.working
        + weights.edge * counts.edge
        + weights.night * counts.night
        + weights.unavailable * counts.unavailable
    )


# ---------------------------------------------------------------------------------------------------------------------
# Public: candidates and one person's level


def candidate_starts(dates: list[date], step: timedelta = timedelta(minutes=15)) -> list[datetime]:
    """Every UTC start time on the given UTC dates, ``step`` apart (96 per date at 15 minutes)."""
    return [_from_us(int(us)) for us in _starts_us(dates, _step_us(step))]


def _starts_us(dates: Sequence[date], step_us: int) -> IntArray:
    days = sorted(set(dates))
    if not days:
        return np.zeros(0, dtype=np.int64)
    offsets = np.arange(0, _DAY, step_us, dtype=np.int64)
    firsts = np.array([_to_us(datetime(d.year, d.month, d.day, tzinfo=UTC)) for d in days], dtype=np.int64)
    return (firsts[:, None] + offsets[None, :]).ravel()


def level_for(person: Person, start: datetime, duration: timedelta) -> Level:
    """One person's comfort for the slot [start, start + duration), judged on the real local date."""
    begin = _to_us(start, "the start")
    end = begin + _duration_us(duration)
    for lo, hi in _unavailable_us(person):
        if begin < hi and lo < end:
            return Level.UNAVAILABLE
    pieces = _pieces(_zone(person.zone), begin, end)
    work = _window(person.work_start, person.work_end)
    if all(_inside(lo, hi, work) for lo, hi in pieces):
        return Level.WORKING
    wake = _window(person.wake_start, person.wake_end)
    if all(_inside(lo, hi, wake) for lo, hi in pieces):
        return Level.EDGE
    return Level.NIGHT


# ---------------------------------------------------------------------------------------------------------------------
# The level matrix: classes of people x candidate starts


@dataclass
class _Model:
    starts_us: IntArray  # S candidate starts, sorted
    duration_us: int
    levels: LevelArray  # C x S
    base_levels: LevelArray  # C x S, the levels if nobody were unavailable
    sizes: IntArray  # C: people per class
    person_ids: list[str]
    person_class: list[int]  # per person
    regions: list[str]  # region labels, sorted
    region_sizes: IntArray  # C x R: people per class and region
    step_us: int

    def start(self, index: int) -> datetime:
        return _from_us(int(self.starts_us[index]))


def _offset_at_second(zone: ZoneInfo, second: int) -> int:
    offset = datetime.fromtimestamp(second, zone).utcoffset()
    assert offset is not None
    return offset // _US


def _timeline(zone: ZoneInfo, samples: list[int]) -> tuple[list[int], list[int]]:
    """Offset changes between the samples (whole seconds): (change instants T in microseconds, offsets O).

    O[0] is in force before T[0], O[i] from T[i - 1] on. The tz database changes offsets at whole seconds, so the
    search runs over seconds. Two changes between neighbouring samples that cancel out are not seen.
    """
    offsets = [_offset_at_second(zone, second) for second in samples]
    changes: list[int] = []
    values = [offsets[0]]
    for i in range(1, len(samples)):
        lo, offset_lo = samples[i - 1], offsets[i - 1]
        while offset_lo != offsets[i]:
            hi = samples[i]
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if _offset_at_second(zone, mid) == offset_lo:
                    lo = mid
                else:
                    hi = mid
            lo, offset_lo = hi, _offset_at_second(zone, hi)
            changes.append(hi * 1_000_000)
            values.append(offset_lo)
    return changes, values


def _samples(starts: IntArray, duration_us: int) -> list[int]:
    """Whole seconds at most a day apart around every candidate slot: each date's midnights, and past its last end."""
    days = sorted({int(us) - int(us) % _DAY for us in starts})
    points = {t for d in days for t in (d, d + _DAY)}
    points |= {d + _DAY + duration_us + 999_999 for d in days if d + _DAY not in days}
    return sorted(t // 1_000_000 for t in points)


def _local_pieces(zones: list[str], starts: IntArray, duration_us: int) -> IntArray:
    """Z x 4 x S: for every zone and start, the local (time of day, length) of the slot's two wall-clock pieces.

    The second piece is empty (length 0) unless the clocks change during the slot.
    """
    samples = _samples(starts, duration_us)
    timelines = [_timeline(_zone(name), samples) for name in zones]
    before = np.repeat(np.array([values[0] for _, values in timelines], dtype=np.int64)[:, None], starts.size, axis=1)
    change = np.full(before.shape, _FAR, dtype=np.int64)
    after = before.copy()
    for z, (changes, values) in enumerate(timelines):
        if changes:
            index = np.searchsorted(np.array(changes, dtype=np.int64), starts, side="right")
            offsets = np.array([*values, values[-1]], dtype=np.int64)
            before[z] = offsets[index]
            change[z] = np.array([*changes, _FAR], dtype=np.int64)[index]
            after[z] = offsets[index + 1]
    ends = starts + duration_us
    crosses = change < ends
    return np.stack(
        [
            np.mod(starts + before, _DAY),
            np.minimum(change, ends) - starts,
            np.where(crosses, np.mod(change + after, _DAY), 0),
            np.where(crosses, ends - change, 0),
        ],
        axis=1,
    )


def _inside_v(time_of_day: IntArray, span: IntArray, begin: IntArray, length: IntArray) -> BoolArray:
    """``_inside`` for arrays: a piece starting at ``time_of_day`` and ``span`` long, in a daily window."""
    since = time_of_day - begin  # since the latest start of the window, modulo a day
    since = np.where(since < 0, since + _DAY, since)
    result: BoolArray = (span <= 0) | (length == _DAY) | (span <= length - since)
    return result


def _inside_windows(pieces: IntArray, zone_of: IntArray, windows: IntArray) -> BoolArray:
    """For each (zone, window) row, is every start's slot inside the window? Distinct rows are computed once."""
    rows, inverse = _unique_rows(np.column_stack([zone_of, windows]))
    local = pieces[rows[:, 0]]  # P x 4 x S
    begin, length = rows[:, 1:2], rows[:, 2:3]
    inside = _inside_v(local[:, 0], local[:, 1], begin, length)
    changing = np.flatnonzero((local[:, 3] > 0).any(axis=1))  # the clocks change during some slot
    if changing.size:
        second = local[changing]
        inside[changing] &= _inside_v(second[:, 2], second[:, 3], begin[changing], length[changing])
    result: BoolArray = inside[inverse]
    return result


_PROFILE = attrgetter("zone", "work_start", "work_end", "wake_start", "wake_end", "unavailable", "region")


def _model(
    people: Sequence[Person], dates: Sequence[date], duration: timedelta, step: timedelta,
    allowed: Callable[[datetime], bool] | None = None,
) -> _Model:
    step_us = _step_us(step)
    duration_us = _duration_us(duration)
    starts = _starts_us(dates, step_us)
    if allowed is not None:
        starts = starts[np.array([allowed(_from_us(int(t))) for t in starts], dtype=bool)]

    # People with the same profile and region form a group; groups with the same profile form a class.
    groups: dict[tuple[object, ...], int] = {}
    person_group = [groups.setdefault(_PROFILE(person), len(groups)) for person in people]
    first: list[int] = []  # the first person of each group (groups are numbered in order of appearance)
    for i, g in enumerate(person_group):
        if g == len(first):
            first.append(i)
    classes: dict[tuple[object, ...], int] = {}
    members: list[Person] = []
    class_of_group: list[int] = []
    region_of_group: list[str] = []
    for key in groups:
        c = classes.setdefault(key[:-1], len(classes))
        if c == len(members):
            members.append(people[first[len(class_of_group)]])
        class_of_group.append(c)
        region_of_group.append(str(key[-1]))
    regions = sorted(set(region_of_group))
    region_index = {label: r for r, label in enumerate(regions)}
    group_sizes = np.bincount(np.array(person_group, dtype=np.int64), minlength=len(groups))
    region_sizes = np.zeros((len(members), len(regions)), dtype=np.int64)
    region_of = np.array([region_index[r] for r in region_of_group], dtype=np.int64)
    np.add.at(region_sizes, (np.array(class_of_group, dtype=np.int64), region_of), group_sizes)
    sizes = region_sizes.sum(axis=1)
    person_class = [class_of_group[g] for g in person_group]

    levels = np.zeros((len(members), starts.size), dtype=np.int8)
    if members and starts.size:
        zones = sorted({member.zone for member in members})
        zone_index = {name: z for z, name in enumerate(zones)}
        pieces = _local_pieces(zones, starts, duration_us)
        zone_of = np.array([zone_index[member.zone] for member in members], dtype=np.int64)
        work = np.array([_window(m.work_start, m.work_end) for m in members], dtype=np.int64)
        wake = np.array([_window(m.wake_start, m.wake_end) for m in members], dtype=np.int64)
        working = _inside_windows(pieces, zone_of, work)
        waking = _inside_windows(pieces, zone_of, wake)
        levels = np.where(working, np.int8(0), np.int8(2) - waking.astype(np.int8)).astype(np.int8)
    base_levels = levels
    ends = starts + duration_us
    for c, member in enumerate(members):
        for lo, hi in _unavailable_us(member) if member.unavailable else ():
            if levels is base_levels:
                levels = base_levels.copy()
            levels[c, (starts < hi) & (lo < ends)] = Level.UNAVAILABLE
    return _Model(
        starts,
        duration_us,
        levels,
        base_levels,
        sizes,
        [p.id for p in people],
        person_class,
        regions,
        region_sizes,
        step_us,
    )


def _level_counts(levels: LevelArray, groups: IntArray) -> IntArray:
    """G x 4 x S: for each group (a column of ``groups``: people per class), its people at each level per start."""
    n_starts = levels.shape[1]
    if not levels.size:
        return np.zeros((groups.shape[1], 4, n_starts), dtype=np.int64)
    one_hot = np.concatenate([levels == level for level in range(4)], axis=1).astype(np.float64)  # C x 4S
    totals = groups.T.astype(np.float64) @ one_hot  # exact: integers below 2**53
    return np.rint(totals).astype(np.int64).reshape(groups.shape[1], 4, n_starts)


def _total_counts(levels: LevelArray, sizes: IntArray) -> IntArray:
    """4 x S: people at each level for each start."""
    n_classes, n_starts = levels.shape
    cells = levels.astype(np.int64) * n_starts + np.arange(n_starts, dtype=np.int64)
    totals = np.bincount(cells.ravel(), weights=np.repeat(sizes, n_starts).astype(np.float64), minlength=4 * n_starts)
    return np.rint(totals).astype(np.int64).reshape(4, n_starts)


def _costs(weights: Weights, counts: IntArray) -> FloatArray:
    result: FloatArray = (
        weights.working * counts[0] + weights.edge * counts[1] + weights.night * counts[2]
    ) + weights.unavailable * counts[3]
    return result


def _counts(column: IntArray) -> Counts:
    return Counts(int(column[0]), int(column[1]), int(column[2]), int(column[3]))


class _Scorer:
    """SlotScores for a model: counts overall and per region for every start."""

    def __init__(self, model: _Model, weights: Weights) -> None:
        self.model = model
        self.weights = weights
        self.counts = _total_counts(model.levels, model.sizes)  # 4 x S
        self.costs = _costs(weights, self.counts)
        self._by_region: dict[int, IntArray] = {}  # start -> R x 4
        present = self.counts > 0
        self.worst = np.where(present.any(axis=0), 3 - np.argmax(present[::-1], axis=0), 0)
        self.at_worst = np.take_along_axis(self.counts, self.worst[None, :], axis=0)[0]

    def score(self, index: int) -> SlotScore:
        start = self.model.start(index)
        counts = _counts(self.counts[:, index])
        if index not in self._by_region:
            self.by_region([index])
        return SlotScore(
            start=start,
            end=start + timedelta(microseconds=self.model.duration_us),
            cost=_cost(self.weights, counts),
            counts=counts,
            by_region={label: _counts(self._by_region[index][r]) for r, label in enumerate(self.model.regions)},
            worst=Level(int(self.worst[index])),
        )

    def by_region(self, indices: Sequence[int]) -> IntArray:
        """R x 4 x len(indices): people per region and level at these starts (kept for ``score``)."""
        indices = list(indices)
        counts = _level_counts(self.model.levels[:, indices], self.model.region_sizes)
        for i, index in enumerate(indices):
            self._by_region[index] = counts[:, :, i]
        return counts


def rank_slots(
    people: list[Person],
    dates: list[date],
    duration: timedelta,
    *,
    step: timedelta = timedelta(minutes=15),
    weights: Weights = Weights(),
    limit: int | None = None,
    allowed: Callable[[datetime], bool] | None = None,
) -> list[SlotScore]:
    """Every candidate start, best first: lowest cost, then fewest at the worst level, then earliest.

    ``allowed``, when given, keeps only the starts it accepts (say, those on a meeting's session days).
    """
    model = _model(people, dates, duration, step, allowed)
    scorer = _Scorer(model, weights)
    order = np.lexsort((model.starts_us, scorer.at_worst, scorer.worst, scorer.costs))
    if limit is not None:
        order = order[: max(limit, 0)]
    scorer.by_region([int(i) for i in order])
    return [scorer.score(int(i)) for i in order]


# ---------------------------------------------------------------------------------------------------------------------
# Repeats: exact set cover for the worst level, then branch and bound for the cost


def _distinct_columns(matrix: LevelArray) -> tuple[LevelArray, IntArray]:
    """The distinct columns and, for every column, the index of its distinct column."""
    unique, inverse = _unique_rows(matrix.T)
    return np.ascontiguousarray(unique.T), inverse


def _undominated(levels: LevelArray) -> IntArray:
    """Columns (all distinct) that no other column equals or beats at every row.

    Column i is at most column j at every row iff, for each t, the rows where i is at level t or more are among
    those where j is: a test on packed bits.
    """
    m = levels.shape[1]
    bits = np.concatenate([np.packbits(levels >= t, axis=0) for t in (1, 2, 3)], axis=0)  # bytes x m
    dominated = np.zeros(m, dtype=bool)
    for lo in range(0, m, 64):
        block = bits[:, lo : lo + 64]
        width = block.shape[1]
        beaten = ~(bits[:, :, None] & ~block[:, None, :]).any(axis=0)  # m x width: column i <= column lo + j
        beaten[np.arange(lo, lo + width), np.arange(width)] = False
        dominated[lo : lo + width] = beaten.any(axis=0)
    return np.flatnonzero(~dominated)


def _coverable(cover: BoolArray, k: int) -> bool:
    """Can k columns of ``cover`` (rows x columns) together cover every row?"""
    if cover.shape[0] == 0:
        return True
    if not cover.any(axis=1).all():
        return False
    distinct = _unique_rows(cover.T)[0].T
    cover = distinct[:, _undominated((~distinct).astype(np.int8))]  # drop columns covering a subset of another's
    missing = (~cover).astype(np.float32)

    def search(uncovered: BoolArray, allowed: IntArray, r: int) -> bool:
        if not uncovered.any():
            return True
        if r == 0 or allowed.size == 0:
            return False
        sub = cover[np.ix_(uncovered, allowed)]
        if r == 1:
            return bool(sub.all(axis=0).any())
        if r == 2:  # a pair leaving no row out: a zero in the matrix of rows missed by both
            gaps = missing[np.ix_(uncovered, allowed)]
            return bool(((gaps.T @ gaps) == 0).any())
        per_row = sub.sum(axis=1)
        if per_row.min() == 0 or int(sub.sum(axis=0).max()) * r < int(uncovered.sum()):
            return False
        row = int(np.argmin(per_row))
        branches = np.flatnonzero(sub[row])
        branches = branches[np.argsort(-sub[:, branches].sum(axis=0), kind="stable")]
        tried = np.zeros(allowed.size, dtype=bool)
        for j in branches:
            tried[j] = True
            if search(uncovered & ~cover[:, allowed[j]], allowed[~tried | (np.arange(allowed.size) == j)], r - 1):
                return True
        return False

    return search(np.ones(cover.shape[0], dtype=bool), np.arange(cover.shape[1]), k)


class _CostSearch:
    """Exact branch and bound: at most k columns that leave every row at level <= W at its best column, least cost.

    The cost is written with level thresholds: the sum over t = 1..3 of (w[t] - w[t-1]) times the people whose best
    level is t or more, plus a penalty larger than any cost for each person left above W. With 0/1 matrices "level
    >= t", the values of adding each single column are matrix-vector products and the values of adding each pair of
    columns are matrix products: the last two levels of the tree are evaluated whole. Higher nodes branch on each
    column in turn, the later branches leaving out the columns of the earlier ones. A node is cut by ``_bound``, a
    branch when even the best pair with its column, counted for every remaining pick, cannot beat the best plan
    found, and the rest of a node's branches once every row at its best column left cannot.
    """

    def __init__(
        self,
        levels: LevelArray,
        sizes: FloatArray,
        weights: Weights,
        worst: int,
        k: int,
        feasible: Callable[[tuple[int, ...]], bool],
    ) -> None:
        w = (weights.working, weights.edge, weights.night, weights.unavailable)
        total = float(sizes.sum())
        self.penalty = 2.0 * (total * (w[3] - w[0]) + 1.0)
        self.steps = [
            (t, step)
            for t in (1, 2, 3)
            if (step := (w[t] - w[t - 1]) + (self.penalty if t == worst + 1 else 0.0)) > 0
        ]
        self.exact = np.float32 if total < 2**24 else np.float64  # sums of people stay exact
        self.above: dict[int, npt.NDArray[np.floating[Any]]] = {
            t: (levels >= t).astype(self.exact) for t, _ in self.steps
        }
        # Rows in conflict at t: no column puts both below level t.
        self.conflict = {t: ((1 - above) @ (1 - above).T) == 0 for t, above in self.above.items()}
        self.levels = levels
        self.sizes = sizes
        self.k = k
        self.feasible = feasible  # can these columns be placed (the gap apart, filled up to k)?
        self.best = np.inf
        self.best_columns: tuple[int, ...] | None = None

    def run(self, bound: float = np.inf) -> tuple[int, ...] | None:
        """The best columns, or None if no choice leaves everyone at level <= W with a value below ``bound``."""
        rows, columns = self.levels.shape
        self.best = bound
        self._search((), np.full(rows, 3, dtype=np.int8), np.arange(columns), self.k)
        return self.best_columns if self.best < self.penalty else None

    def _record(self, value: float, columns: tuple[int, ...]) -> bool:
        if value < self.best and self.feasible(columns):
            self.best = value
            self.best_columns = columns
            return True
        return False

    def _bound(self, current: LevelArray, allowed: IntArray, r: int) -> float:
        """A lower bound for adding at most r allowed columns.

        For each threshold t: rows that no allowed column brings below t count in full; and among the others, a
        set of rows pairwise in conflict (no column brings two of them below t, found greedily, heaviest first)
        has at most r of its rows brought below t, so all but its r heaviest count.
        """
        reach = np.minimum(current, self.levels[:, allowed].min(axis=1))
        total = 0.0
        for t, step in self.steps:
            stuck = reach >= t
            value = float(self.sizes[stuck].sum())
            open_rows = (current >= t) & ~stuck
            if int(open_rows.sum()) > r:
                weights: list[float] = []
                conflict = self.conflict[t]
                while open_rows.any():
                    row = int(np.argmax(np.where(open_rows, self.sizes, -1.0)))
                    weights.append(float(self.sizes[row]))
                    open_rows &= conflict[row]
                    open_rows[row] = False
                value += sum(sorted(weights)[: max(len(weights) - r, 0)])
            total += step * value
        return total

    def value(self, current: LevelArray) -> float:
        return sum(step * float(self.sizes @ (current >= t)) for t, step in self.steps)

    def _singles(self, current: LevelArray, allowed: IntArray) -> FloatArray:
        values = np.zeros(allowed.size)
        for t, step in self.steps:
            rows = np.flatnonzero(current >= t)
            if rows.size:
                matrix = self.above[t][np.ix_(rows, allowed)]
                values += step * (self.sizes[rows].astype(matrix.dtype) @ matrix).astype(np.float64)
        return values

    def _pairs(self, current: LevelArray, allowed: IntArray) -> FloatArray:
        """The value of adding each pair of allowed columns (the diagonal: each single column)."""
        values = np.zeros((allowed.size, allowed.size))
        levels = self.levels[:, allowed]
        for t, step in self.steps:
            rows = current >= t
            if rows.any():
                matrix = (levels[rows] >= t).astype(self.exact)
                counts = matrix.T @ (matrix * self.sizes[rows, None].astype(self.exact))
                values += step * counts.astype(np.float64)
        return values

    def _search(self, columns: tuple[int, ...], current: LevelArray, allowed: IntArray, r: int) -> None:
        if columns and not self.feasible(columns):
            return
        if allowed.size == 0:
            if columns:
                self._record(self.value(current), columns)
            return
        if self._bound(current, allowed, r) >= self.best:
            return
        if r == 1:
            values = self._singles(current, allowed)
            for i in np.argsort(values, kind="stable"):
                if values[i] >= self.best or self._record(float(values[i]), (*columns, int(allowed[i]))):
                    return
            return
        pairs = self._pairs(current, allowed)
        if r == 2:
            first, second = np.triu_indices(allowed.size)  # the diagonal: one more column only
            values = pairs[first, second]
            candidates = np.flatnonzero(values < self.best)
            for i in candidates[np.argsort(values[candidates], kind="stable")]:
                a, b = int(allowed[first[i]]), int(allowed[second[i]])
                if self._record(float(values[i]), (*columns, a) if a == b else (*columns, a, b)):
                    return
            return
        single = np.diagonal(pairs)
        best_pair = pairs.min(axis=1)
        # Each further column gains at most what the best one does with this column...
        bound = single - (r - 1) * (single - best_pair)
        order = np.lexsort((single, best_pair))
        # ... and no row does better than at its best column among the ones a branch may still use.
        levels = self.levels[:, allowed[order]]
        suffix = np.minimum.accumulate(levels[:, ::-1], axis=1)[:, ::-1]  # rows x branches
        floor = self._values_of(np.minimum(current[:, None], suffix))  # for this branch and every later one
        for position, i in enumerate(order):
            if floor[position] >= self.best:
                return
            if bound[i] >= self.best:
                continue
            column = int(allowed[i])
            self._search(
                (*columns, column), np.minimum(current, self.levels[:, column]), allowed[order[position:]], r - 1
            )

    def _values_of(self, levels: LevelArray) -> FloatArray:
        """The value of each column of a matrix of (best) levels per row."""
        values = np.zeros(levels.shape[1])
        for t, step in self.steps:
            values += step * (self.sizes @ (levels >= t))
        return values


class _Placer:
    """Places distinct columns at candidate starts at least ``gap`` apart, filled up to k starts."""

    def __init__(self, starts: list[int], positions: list[list[int]], gap: int, k: int) -> None:
        self.starts = starts
        self.positions = positions
        self.gap = gap
        self.k = k
        self.memo: dict[frozenset[int], list[int] | None] = {}

    def fits(self, columns: tuple[int, ...]) -> bool:
        return self.place(columns) is not None

    def place(self, columns: tuple[int, ...]) -> list[int] | None:
        key = frozenset(columns)
        if key not in self.memo:
            self.memo[key] = self._place(sorted(key, key=lambda c: (len(self.positions[c]), c)))
        return self.memo[key]

    def _place(self, columns: list[int]) -> list[int] | None:
        chosen: list[int] = []

        def search(i: int) -> list[int] | None:
            if i == len(columns):
                return self._fill(chosen)
            for p in self.positions[columns[i]]:
                if all(abs(self.starts[p] - self.starts[q]) >= self.gap for q in chosen):
                    chosen.append(p)
                    found = search(i + 1)
                    if found is not None:
                        return found
                    chosen.pop()
            return None

        return search(0)

    def _fill(self, fixed: list[int]) -> list[int] | None:
        """Add the earliest starts that keep the gap (greedy: the most that fit)."""
        need = self.k - len(fixed)
        if need <= 0:
            return sorted(fixed)
        taken = set(fixed)
        times = sorted(self.starts[p] for p in fixed)
        extra: list[int] = []
        last: int | None = None
        for p, t in enumerate(self.starts):
            if p in taken or (last is not None and t - last < self.gap):
                continue
            i = bisect_left(times, t)
            if (i > 0 and t - times[i - 1] < self.gap) or (i < len(times) and times[i] - t < self.gap):
                continue
            extra.append(p)
            last = t
            if len(extra) == need:
                return sorted(fixed + extra)
        return None


def _most_apart(starts: list[int], gap: int) -> int:
    count, last = 0, None
    for t in starts:
        if last is None or t - last >= gap:
            count, last = count + 1, t
    return count


def best_repeats(
    people: list[Person],
    dates: list[date],
    duration: timedelta,
    k: int,
    *,
    step: timedelta = timedelta(minutes=15),
    weights: Weights = Weights(),
    min_gap: timedelta | None = None,
    allowed: Callable[[datetime], bool] | None = None,
) -> RepeatPlan:
    """The best k (1..4) repeats: minimise the worst level anyone is left at, then the total cost.

    Exact: the result is as good as the best of all combinations of k candidate starts.
    ``min_gap`` (default: the duration) keeps repeats from overlapping each other; ``allowed``, when
    given, keeps only the candidate starts it accepts.
    """
    if not 1 <= k <= MAX_REPEATS:
        raise ValueError(f"the number of repeats must be between 1 and {MAX_REPEATS}, got {k}")
    _check_weights(weights)
    gap = duration if min_gap is None else min_gap
    if gap < timedelta(0):
        raise ValueError(f"min_gap must not be negative, got {gap}")
    model = _model(people, dates, duration, step, allowed)
    starts = [int(t) for t in model.starts_us]
    gap_us = gap // _US
    if _most_apart(starts, gap_us) < k:
        raise ValueError(
            f"cannot place {k} repeats at least {gap} apart among the {len(starts)} candidate starts"
            f" on {len(set(dates))} date(s)"
        )

    if model.levels.shape[0] == 0:  # nobody: the earliest starts that fit
        chosen = _Placer(starts, [], gap_us, k)._fill([])
        assert chosen is not None
        return _plan(model, weights, chosen)

    fine = _Levels(model.levels, model.sizes)
    placer = _Placer(starts, fine.positions, gap_us, k)
    incumbent: tuple[int, float, list[int]] | None = None  # (worst, cost, starts) of a good plan
    if not np.array_equal(model.base_levels, model.levels):
        # Ignoring unavailable times gives a smaller problem (starts on different days look alike) whose optimum
        # is a lower bound. Placing its choice on the best of the days often reaches it, which ends the search.
        coarse = _Levels(model.base_levels, model.sizes)
        worst, cost, columns = coarse.optimum(weights, k)
        incumbent = fine.best_placement(weights, [coarse.positions[c] for c in columns], placer)
        if incumbent is not None and incumbent[0] == worst and incumbent[1] <= cost:
            return _plan(model, weights, incumbent[2])

    # The exact search, first without the gap and with dominated columns dropped: its optimum is a lower bound
    # of the true one, and the answer if its columns can be placed the gap apart.
    reduced = fine.columns[:, fine.undominated]
    level = next(w for w in range(4) if _coverable(reduced <= w, k))
    search = _CostSearch(reduced, fine.row_sizes, weights, level, k, lambda _: True)
    found = search.run(fine.bound(search, incumbent, level))
    if found is None:  # nothing beats the incumbent
        assert incumbent is not None
        return _plan(model, weights, incumbent[2])
    chosen = placer.place(tuple(int(fine.undominated[c]) for c in found))
    # Then, only if the gap gets in the way: all distinct columns, the gap checked at every node.
    while chosen is None:
        search = _CostSearch(fine.columns, fine.row_sizes, weights, level, k, placer.fits)
        found = search.run(fine.bound(search, incumbent, level))
        if found is not None:
            chosen = placer.place(found)
        elif incumbent is not None and incumbent[0] == level:
            chosen = incumbent[2]
        level += 1
    return _plan(model, weights, chosen)


class _Levels:
    """Levels of classes of people at candidate starts, with alike classes and alike starts merged."""

    def __init__(self, levels: LevelArray, sizes: IntArray) -> None:
        self.rows, row_of_class = _unique_rows(levels)
        self.row_sizes = np.bincount(row_of_class, weights=sizes, minlength=self.rows.shape[0]).astype(np.float64)
        self.columns, column_of_start = _distinct_columns(self.rows)
        self.positions: list[list[int]] = [[] for _ in range(self.columns.shape[1])]
        for p, c in enumerate(column_of_start):
            self.positions[int(c)].append(p)
        self.undominated = _undominated(self.columns)

    def optimum(self, weights: Weights, k: int) -> tuple[int, float, list[int]]:
        """Without the gap: the least worst level, the least cost at it, and the (distinct) columns that reach it."""
        reduced = self.columns[:, self.undominated]
        worst = next(w for w in range(4) if _coverable(reduced <= w, k))
        found = _CostSearch(reduced, self.row_sizes, weights, worst, k, lambda _: True).run()
        assert found is not None
        columns = [int(self.undominated[c]) for c in found]
        best = self.columns[:, columns].min(axis=1)
        counts = Counts(*(int(self.row_sizes[best == level].sum()) for level in range(4)))
        return worst, _cost(weights, counts), columns

    def best_placement(
        self, weights: Weights, options: list[list[int]], placer: _Placer, limit: int = 2048
    ) -> tuple[int, float, list[int]] | None:
        """The best plan (worst, cost, starts) taking one start from each option, the gap apart, filled up to k."""
        plans: list[list[int]] = []
        for combination in islice(product(*options), limit):
            if all(
                abs(placer.starts[a] - placer.starts[b]) >= placer.gap for a, b in combinations(combination, 2)
            ):
                filled = placer._fill(list(combination))
                if filled is not None:
                    plans.append(filled)
        if not plans:
            return None
        chosen = np.array(plans, dtype=np.int64)  # plans x k
        best = self.rows[:, chosen].min(axis=2)  # rows x plans
        counts = np.stack([self.row_sizes @ (best == level) for level in range(4)])  # 4 x plans
        worst = np.where(counts > 0, np.arange(4)[:, None], 0).max(axis=0)
        costs = _costs(weights, counts)
        i = int(np.lexsort((costs, worst))[0])
        return int(worst[i]), float(costs[i]), plans[i]

    def bound(self, search: _CostSearch, incumbent: tuple[int, float, list[int]] | None, level: int) -> float:
        """The incumbent's value for the search at ``level`` (infinite if none, or at a worse level)."""
        if incumbent is None or incumbent[0] != level:
            return np.inf
        best = self.rows[:, incumbent[2]].min(axis=1)
        return search.value(best)


def _plan(model: _Model, weights: Weights, chosen: list[int]) -> RepeatPlan:
    chosen = sorted(chosen)
    levels = model.levels[:, chosen]  # C x k
    best = np.argmin(levels, axis=1) if chosen else np.zeros(levels.shape[0], dtype=np.int64)
    best_level = levels[np.arange(levels.shape[0]), best] if levels.size else np.zeros(0, dtype=np.int8)
    counts = Counts(*(int(model.sizes[best_level == level].sum()) for level in range(4)))
    return RepeatPlan(
        slots=tuple(model.start(p) for p in chosen),
        duration=timedelta(microseconds=model.duration_us),
        worst=Level(int(best_level.max()) if best_level.size else 0),
        cost=_cost(weights, counts),
        assignment={
            person_id: int(best[c]) for person_id, c in zip(model.person_ids, model.person_class, strict=True)
        },
        counts=counts,
    )


# ---------------------------------------------------------------------------------------------------------------------
# Rotation


def rotation(
    people: list[Person],
    dates: list[date],
    duration: timedelta,
    *,
    step: timedelta = timedelta(minutes=15),
    weights: Weights = Weights(),
) -> list[RotationDay]:
    """One slot per date so that the night burden falls on different regions in turn.

    Like the IETF's rotation of online meeting windows: a region that bore
    night hours on one day is spared on the following days while another
    region can take its turn; ties go to the lower cost.
    """
    model = _model(people, dates, duration, step)
    scorer = _Scorer(model, weights)
    labelled = [r for r, label in enumerate(model.regions) if label]
    night = scorer.by_region(range(model.starts_us.size))[labelled, 2, :] > 0  # labelled regions x S
    days = sorted(set(dates))
    per_day = model.starts_us.size // len(days) if days else 0

    # For every day, the cheapest eligible start for each set of burdened regions, minus dominated sets.
    choices: list[list[tuple[int, float, int]]] = []  # per day: (burden bit mask, cost, start index)
    for d in range(len(days)):
        span = np.arange(d * per_day, (d + 1) * per_day)
        costs = scorer.costs[span]
        cheapest = float(costs.min())
        limit = cheapest + ROTATION_SLACK * abs(cheapest)
        best: dict[int, tuple[float, int]] = {}
        for j in span[costs <= limit]:
            mask = sum(1 << int(b) for b in np.flatnonzero(night[:, j]))
            option = (float(scorer.costs[j]), int(j))
            if mask not in best or option < best[mask]:
                best[mask] = option
        choices.append(
            [
                (mask, cost, j)
                for mask, (cost, j) in best.items()
                if not any(other != mask and other & mask == other and c <= cost for other, (c, _) in best.items())
            ]
        )

    # Exact dynamic programming; a state is (days burdened per region, the regions burdened on the last day),
    # its value (back-to-back burdens, total cost, starts) is the least among the plans that reach it.
    State = tuple[tuple[int, ...], int]
    Value = tuple[int, float, tuple[int, ...]]
    states: dict[State, Value] = {((0,) * len(labelled), 0): (0, 0.0, ())}
    for options in choices:
        following: dict[State, Value] = {}
        for (counts, last), (repeats, total, picked) in states.items():
            for mask, cost, j in options:
                state = (tuple(h + (mask >> b & 1) for b, h in enumerate(counts)), mask)
                value = (repeats + (mask & last).bit_count(), total + cost, (*picked, j))
                if state not in following or value < following[state]:
                    following[state] = value
        if len(following) > ROTATION_MAX_STATES:
            ranked = sorted(following.items(), key=lambda item: _rotation_key(item[0][0], item[1]))
            following = dict(ranked[:ROTATION_MAX_STATES])
        states = following
    if not days:
        return []
    _, (_, _, picked) = min(states.items(), key=lambda item: _rotation_key(item[0][0], item[1]))
    return [
        RotationDay(
            day=day,
            start=model.start(j),
            score=scorer.score(j),
            burdened_regions=tuple(model.regions[labelled[b]] for b in np.flatnonzero(night[:, j])),
        )
        for day, j in zip(days, picked, strict=True)
    ]


def _rotation_key(
    counts: tuple[int, ...], value: tuple[int, float, tuple[int, ...]]
) -> tuple[int, int, int, float, tuple[int, ...]]:
    """Most days any region is burdened, back-to-back burdens, sum of squared burdens, cost, starts."""
    repeats, total, picked = value
    return (max(counts, default=0), repeats, sum(h * h for h in counts), total, picked)
