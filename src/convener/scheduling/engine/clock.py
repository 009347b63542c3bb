"""Instants, daily windows and time zones: microseconds since 1970 (UTC), and a slot's local wall-clock pieces.

One slot at a time (``_pieces``, ``_inside``) for ``level_for``, and every candidate start of many zones at once
(``_local_pieces``) for the level matrix.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import numpy as np

from convener.scheduling.engine.types import IntArray

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


# ---------------------------------------------------------------------------------------------------------------------
# Local time of every candidate start, zone by zone


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
