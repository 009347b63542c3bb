"""Repeats: the best k starts of one session, so that everyone has a slot they can attend.

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
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from datetime import date, datetime, timedelta
from itertools import combinations, islice, product

import numpy as np

from convener.scheduling.engine.clock import _US
from convener.scheduling.engine.levels import _check_weights, _cost, _costs, _Model, _model, _unique_rows
from convener.scheduling.engine.search import _CostSearch, _coverable, _distinct_columns, _undominated
from convener.scheduling.engine.types import Counts, IntArray, Level, LevelArray, Person, RepeatPlan, Weights

MAX_REPEATS = 4


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
            if all(abs(placer.starts[a] - placer.starts[b]) >= placer.gap for a, b in combinations(combination, 2)):
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
        assignment={person_id: int(best[c]) for person_id, c in zip(model.person_ids, model.person_class, strict=True)},
        counts=counts,
    )
