"""Ranking: every candidate start scored (overall and per region) and ordered best first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta

import numpy as np

from convener.scheduling.engine.levels import _cost, _costs, _counts, _level_counts, _Model, _model, _total_counts
from convener.scheduling.engine.types import IntArray, Level, Person, SlotScore, Weights


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
