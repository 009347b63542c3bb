"""The best plan for a small group, exactly: a branch and bound over every round's partitions.

For up to ``SMALL_PEOPLE`` people the planner asks ``best_plan`` for a plan better than the one it has: the first
repeat meeting as late as possible, then the fewest repeats (the order ``planner`` ranks plans in). Each round is
a partition of the people into rooms of ``lo..hi``, built room by room through the lowest free person, counting
the repeats it adds; a partial plan stops as soon as it cannot beat the best so far. Without rounds already played
every person is alike before the first round, so the first round is one fixed partition per multiset of room sizes.
When the search runs to its end it has proved that nothing better exists: then the planner's plan is the minimum.
"""

from __future__ import annotations

import time
from collections.abc import Callable

SMALL_PEOPLE = 12  # up to this head count the best plan is searched exactly

Key = tuple[int, int]  # (-rounds before the first repeat, repeats): smaller is better


def best_plan(
    met: list[int],
    rounds: int,
    lo: int,
    hi: int,
    bound: Key,
    deadline: float,
    node_limit: int = 400_000,
) -> tuple[list[list[list[int]]] | None, Key, bool]:
    """A plan of ``rounds`` rounds for people 0..n-1 (``met[x]``: bitmask of people x met in rounds already played)
    whose key is smaller than ``bound``, the best found. Returns (plan or None, its key or ``bound``, proved): proved
    when the search ended by itself, so that no plan has a smaller key than the one returned."""
    n = len(met)
    best: list[Key] = [bound]
    found: list[list[list[list[int]]] | None] = [None]
    nodes = 0
    cut = False
    fresh = not any(met)

    def splittable(m: int) -> bool:
        return m == 0 or any(k * lo <= m <= k * hi for k in range(1, m // lo + 1))

    def budget(r: int, clean: int, reps: int) -> int:
        """The most repeats round r may add and still lead to a plan better than the best."""
        b_clean, b_reps = best[0]
        if clean == r:  # no repeat yet: a repeat now makes r the rounds before the first one
            if -r < b_clean:
                return n * n
            return b_reps - reps - 1 if -r == b_clean else 0
        if -clean < b_clean:
            return n * n
        return b_reps - reps - 1

    def rounds_from(r: int, state: list[int], clean: int, reps: int, plan: list[list[list[int]]]) -> None:
        nonlocal nodes, cut
        if cut:
            return
        low_key = (-rounds, reps) if clean == r else (-clean, reps)
        if low_key >= best[0]:
            return
        if r == rounds:
            best[0] = low_key
            found[0] = [[list(room) for room in rnd] for rnd in plan]
            return

        def leaf(rooms: list[int], added: int) -> None:
            after = list(state)
            for room in rooms:
                rest = room
                while rest:
                    low = rest & -rest
                    rest ^= low
                    after[low.bit_length() - 1] |= room & ~low
            members = [[x for x in range(n) if (room >> x) & 1] for room in rooms]
            plan.append(members)
            rounds_from(r + 1, after, clean + 1 if clean == r and added == 0 else clean, reps + added, plan)
            plan.pop()

        if r == 0 and fresh:
            for sizes in _size_sets(n, lo, hi):
                rooms, start = [], 0
                for s in sizes:
                    rooms.append(((1 << s) - 1) << start)
                    start += s
                leaf(rooms, 0)
            return

        def tick() -> bool:
            nonlocal nodes, cut
            nodes += 1
            if nodes > node_limit or (nodes % 512 == 0 and time.perf_counter() > deadline):
                cut = True
            return cut

        _partitions(n, lo, hi, state, lambda added: budget(r, clean, reps) - added, splittable, tick, leaf)

    rounds_from(0, list(met), 0, 0, [])
    return found[0], best[0], not cut


def _partitions(
    n: int,
    lo: int,
    hi: int,
    met: list[int],
    slack: Callable[[int], int],
    splittable: Callable[[int], bool],
    tick: Callable[[], bool],
    leaf: Callable[[list[int], int], None],
) -> None:
    """Every partition of people 0..n-1 into rooms of lo..hi whose repeats keep ``slack(repeats)`` at 0 or more
    (the slack is asked again as the best improves), each given to ``leaf(rooms, repeats)``."""
    everyone = (1 << n) - 1
    rooms: list[int] = []

    def fill(free: int, added: int) -> None:
        if free == 0:
            leaf(list(rooms), added)
            return
        if tick():
            return
        low = free & -free
        x = low.bit_length() - 1
        others = free ^ low
        # Unmet people first: the cheap partitions come first and tighten the bound sooner.
        cands = [y for y in range(n) if (others >> y) & 1]
        cands.sort(key=lambda y: (met[x] >> y) & 1)

        def grow(room: int, size: int, i: int, cost: int) -> None:
            if size >= lo and splittable((free & ~room).bit_count()):
                rooms.append(room)
                fill(free & ~room, added + cost)
                rooms.pop()
            if size == hi:
                return
            for j in range(i, len(cands)):
                y = cands[j]
                extra = (met[y] & room).bit_count()
                if slack(added + cost + extra) < 0:
                    continue
                grow(room | 1 << y, size + 1, j + 1, cost + extra)

        grow(low, 1, 0, 0)

    if slack(0) >= 0:
        fill(everyone, 0)


def _size_sets(n: int, lo: int, hi: int) -> list[list[int]]:
    """Every multiset of room sizes lo..hi adding up to n, largest rooms first."""
    out: list[list[int]] = []

    def rec(left: int, top: int, acc: list[int]) -> None:
        if left == 0:
            out.append(list(acc))
            return
        for s in range(min(top, left), lo - 1, -1):
            acc.append(s)
            rec(left - s, s, acc)
            acc.pop()

    rec(n, hi, [])
    return out
