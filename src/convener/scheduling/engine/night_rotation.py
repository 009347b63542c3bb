"""Rotation: one start per date, so that night hours fall on different regions in turn.

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

from datetime import date, timedelta

import numpy as np

from convener.scheduling.engine.levels import _model
from convener.scheduling.engine.ranking import _Scorer
from convener.scheduling.engine.types import Person, RotationDay, Weights

# A start is eligible for the rotation on its date if it costs at most (1 + ROTATION_SLACK) x the date's cheapest.
ROTATION_SLACK = 0.5
# The rotation keeps at most this many partial plans per day (more only with many regions over many days).
ROTATION_MAX_STATES = 20_000


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
