"""The exact repeats search: set cover for the least worst level, then branch and bound for the least cost.

Over a matrix of levels (rows: classes of people, columns: distinct candidate starts); ``repeats`` drives it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import numpy.typing as npt

from convener.scheduling.engine.levels import _unique_rows
from convener.scheduling.engine.types import BoolArray, FloatArray, IntArray, LevelArray, Weights


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
            (t, step) for t in (1, 2, 3) if (step := (w[t] - w[t - 1]) + (self.penalty if t == worst + 1 else 0.0)) > 0
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
