"""Levels and costs: one person's comfort for a slot, and the level matrix (classes of people x candidate starts).

Also the people per level and the costs that ``ranking``, ``repeats`` and ``night_rotation`` build on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from operator import attrgetter
from typing import TypeVar

import numpy as np
import numpy.typing as npt

from convener.scheduling.engine.clock import (
    _DAY,
    _duration_us,
    _from_us,
    _inside,
    _local_pieces,
    _pieces,
    _step_us,
    _to_us,
    _window,
    _zone,
)
from convener.scheduling.engine.types import (
    BoolArray,
    Counts,
    FloatArray,
    IntArray,
    Level,
    LevelArray,
    Person,
    Weights,
)

_T = TypeVar("_T", bound=np.generic)


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
    people: Sequence[Person],
    dates: Sequence[date],
    duration: timedelta,
    step: timedelta,
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
