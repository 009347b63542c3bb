"""The engine's values: comfort levels, weights, people, and the results it returns; array aliases."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import IntEnum

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


IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
LevelArray = npt.NDArray[np.int8]
