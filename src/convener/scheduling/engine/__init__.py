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

*Repeats* and *rotation*: see the docstrings of ``repeats`` and ``night_rotation``.

Modules
-------

- ``types``: the values (``Level``, ``Weights``, ``Person``, ``Counts``, ``SlotScore``, ``RepeatPlan``,
  ``RotationDay``) and array aliases;
- ``clock``: instants, daily windows and zones, a slot's local wall-clock pieces;
- ``levels``: ``candidate_starts``, ``level_for``, the level matrix of classes of people x starts, costs;
- ``ranking``: ``rank_slots``;
- ``search``: the exact search for repeats (set cover, then branch and bound);
- ``repeats``: ``best_repeats``, ``MAX_REPEATS``;
- ``night_rotation``: ``rotation``, ``ROTATION_SLACK``, ``ROTATION_MAX_STATES``.

Import from the package (``from convener.scheduling import engine``); the modules' underscored names are its
internals.
"""

from __future__ import annotations

from convener.scheduling.engine.levels import candidate_starts, level_for
from convener.scheduling.engine.night_rotation import ROTATION_MAX_STATES, ROTATION_SLACK, rotation
from convener.scheduling.engine.ranking import rank_slots
from convener.scheduling.engine.repeats import MAX_REPEATS, best_repeats
from convener.scheduling.engine.types import (
    BoolArray,
    Counts,
    FloatArray,
    IntArray,
    Level,
    LevelArray,
    Person,
    RepeatPlan,
    RotationDay,
    SlotScore,
    Weights,
)

__all__ = [
    "MAX_REPEATS",
    "ROTATION_MAX_STATES",
    "ROTATION_SLACK",
    "BoolArray",
    "Counts",
    "FloatArray",
    "IntArray",
    "Level",
    "LevelArray",
    "Person",
    "RepeatPlan",
    "RotationDay",
    "SlotScore",
    "Weights",
    "best_repeats",
    "candidate_starts",
    "level_for",
    "rank_slots",
    "rotation",
]
