"""Repeats only once they cannot be avoided: the breakout planner's last step, with an exact search for small groups.

When the local search leaves a repeat meeting, ``push_repeats_back`` plans the first round with a repeat again on
its own (smaller rooms allowed), and the rounds after it again from there. For up to ``EXACT_PEOPLE`` people
``repeat_free_round`` searches a round without repeats exactly (a depth-first search over bit masks), which also
proves when there is none; then another round before it may still allow one.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import numpy as np

from convener.networking.engine import starts, tabu
from convener.networking.engine.model import RoomSize, balanced
from convener.networking.engine.problem import Problem
from convener.networking.engine.state import State

EXACT_PEOPLE = 24  # up to this head count a round without repeats is searched exactly when the local search fails


def first_repeat(pb: Problem, plan: list[list[list[int]]]) -> int | None:
    """The first round of ``plan`` in which a pair meets again (the played rounds counted), or None."""
    met = pb.history[: pb.n, : pb.n] > 0
    met = met.copy()
    for r, rnd in enumerate(plan):
        for room in rnd:
            idx = np.array(room)
            if met[np.ix_(idx, idx)].any():
                return r
        for room in rnd:
            idx = np.array(room)
            met[np.ix_(idx, idx)] = True
        np.fill_diagonal(met, False)
    return None


def push_repeats_back(
    pb: Problem,
    plan: list[list[list[int]]],
    size: RoomSize,
    target: float,
    rng: np.random.Generator,
    deadline: float,
    soft_floor: float,
    effort: float,
    max_steps: int | None = None,
) -> tuple[list[list[list[int]]], bool]:
    """Plan the first round with a repeat again on its own; if it can do without, plan the later rounds again.
    Returns the plan and whether every step ended by itself (not by the deadline or a search limit)."""
    n = pb.n
    complete = True
    first = first_repeat(pb, plan)
    while first is not None and time.perf_counter() < deadline:
        before = plan[:first]
        rnd = _round_without_repeats(pb, before, plan[first], size, target, rng, deadline)
        if rnd is not None:
            head = [*before, rnd]
        else:
            pair = _two_rounds_without_repeats(pb, before[:-1], size, target, rng, deadline) if before else None
            if pair is None:
                break
            head = [*before[:-1], *pair]
        rest = len(plan) - len(head)
        if rest:
            sizes = [[len(room) for room in plan[first]] for _ in range(rest)]
            fixed: list[list[list[int]] | None] = [*head, *([None] * rest)]
            sizes_all = [[len(room) for room in r] for r in head] + sizes
            start = starts.greedy(pb, sizes_all, rng, fixed=fixed)
            state = State(pb, start)
            state, ended = tabu.search(
                state,
                list(range(len(head), len(plan))),
                rng,
                deadline,
                soft_floor=soft_floor,
                max_steps=max_steps,
                **tabu.effort_for(n, rest, effort),
            )
            complete = complete and ended
            plan = state.rounds()
        else:
            plan = head
        nxt = first_repeat(pb, plan)
        if nxt is None or nxt <= first:
            break
        first = nxt
    return plan, complete and time.perf_counter() < deadline


def _round_without_repeats(
    pb: Problem,
    before: list[list[list[int]]],
    current: list[list[int]],
    size: RoomSize,
    target: float,
    rng: np.random.Generator,
    deadline: float,
) -> list[list[int]] | None:
    """A round with no repeat after ``before`` (and the played rounds): for few people an exact search (which
    also proves when there is none), else local search on that round alone with the current room sizes, then
    with more (smaller) rooms."""
    n = pb.n
    sizes_before = [[len(room) for room in r] for r in before]

    def polish(rooms: list[list[int]], steps: int) -> State:
        state = State(pb, [*before, rooms])
        state, _ = tabu.search(
            state, [len(before)], rng, deadline, soft_floor=-np.inf, max_steps=steps, stall=max(50, 3 * n), patience=50
        )
        return state

    if n <= EXACT_PEOPLE:
        rooms, settled = _exact_round(pb, before, size, target, deadline)
        if rooms is not None:
            state = polish(rooms, 200)  # the soft cost, without giving up what the exact search found
            return state.rounds()[-1] if state.cost[1] == 0 else rooms
        if settled:
            return None
    k_now = len(current)
    for k in range(k_now, n // size.min + 1):
        if time.perf_counter() > deadline:
            return None
        sizes = [len(room) for room in current] if k == k_now else balanced(n, k)
        if max(sizes) > size.max or min(sizes) < size.min:
            continue
        fixed: list[list[list[int]] | None] = [*before, current if k == k_now else None]
        start = starts.greedy(pb, [*sizes_before, sizes], rng, fixed=fixed)
        state = State(pb, start)
        state, _ = tabu.search(
            state, [len(before)], rng, deadline, soft_floor=np.inf, max_steps=40 * n + 200, stall=max(100, 3 * n)
        )
        if state.cost[0] == 0 and state.cost[1] == 0:
            return state.rounds()[-1]
    return None


def _exact_round(
    pb: Problem,
    before: list[list[list[int]]],
    size: RoomSize,
    target: float,
    deadline: float,
    order: list[int] | None = None,
) -> tuple[list[list[int]] | None, bool]:
    """The exact search for a round without repeats after ``before`` (and the played rounds), people taken in
    ``order`` (another order finds another round). Returns (rooms, settled) as ``repeat_free_round`` does."""
    n = pb.n
    met = pb.history[:n, :n] > 0
    met = met.copy()
    for rnd in before:
        for room in rnd:
            idx = np.array(room)
            met[np.ix_(idx, idx)] = True
    perm = order if order is not None else list(range(n))
    masks = [sum(1 << j for j in range(n) if met[perm[i], perm[j]] and i != j) for i in range(n)]
    langs = (
        [sum(int(w) << (64 * i) for i, w in enumerate(pb.languages[perm[x]])) for x in range(n)]
        if pb.check_languages
        else [1] * n
    )
    rooms, settled = repeat_free_round(masks, langs, size.min, size.max, round(target), deadline)
    if rooms is None:
        return None, settled
    return [sorted(perm[x] for x in room) for room in rooms], settled


def _two_rounds_without_repeats(
    pb: Problem,
    before: list[list[list[int]]],
    size: RoomSize,
    target: float,
    rng: np.random.Generator,
    deadline: float,
    tries: int = 40,
) -> list[list[list[int]]] | None:
    """When no round without repeats follows ``before`` + the round planned next, another next round may allow
    one: the exact search for it with people in random orders, until a round without repeats also follows."""
    if pb.n > EXACT_PEOPLE:
        return None
    for _ in range(tries):
        if time.perf_counter() > deadline:
            return None
        first, _settled = _exact_round(pb, before, size, target, deadline, [int(x) for x in rng.permutation(pb.n)])
        if first is None:
            return None
        second, _settled = _exact_round(pb, [*before, first], size, target, deadline)
        if second is not None:
            return [first, second]
    return None


# --- one round without repeats, exactly -------------------------------------------------------------------------------


def repeat_free_round(
    met: list[int],
    langs: list[int],
    lo: int,
    hi: int,
    target: int,
    deadline: float,
    node_limit: int = 200_000,
) -> tuple[list[list[int]] | None, bool]:
    """A partition of people 0..n-1 into rooms of lo..hi where nobody has met (``met[x]``: bitmask) and every
    room shares a language (``langs[x]``: bitmask), rooms near ``target`` first. Returns (rooms, True) when found,
    (None, True) when proved impossible, (None, False) when the limits cut the search short."""
    n = len(met)
    everyone = (1 << n) - 1
    compat = [everyone & ~met[x] & ~(1 << x) for x in range(n)]

    def splittable(m: int) -> bool:
        return m == 0 or any(k * lo <= m <= k * hi for k in range(1, m // lo + 1))

    failed: set[int] = set()
    nodes = 0
    cut = False

    def rooms_with(x: int, free: int) -> Iterator[int]:
        """Rooms (bitmasks) of lo..hi people containing x, within ``free``, pairwise unmet, sharing a language,
        sizes nearest ``target`` first, made as they are needed."""

        def grow(room: int, size: int, want: int, cands: int, lang: int) -> Iterator[int]:
            if size == want:
                yield room
                return
            while cands:
                if (cands.bit_count()) < want - size:
                    return
                low = cands & -cands
                y = low.bit_length() - 1
                cands ^= low
                shared = lang & langs[y]
                if shared:
                    yield from grow(room | low, size + 1, want, cands & compat[y], shared)

        for want in sorted(range(lo, hi + 1), key=lambda s: (abs(s - target), -s)):
            yield from grow(1 << x, 1, want, compat[x] & free, langs[x])

    def dfs(free: int) -> list[int] | None:
        nonlocal nodes, cut
        if free == 0:
            return []
        if free in failed or cut:
            return None
        nodes += 1
        if nodes > node_limit or (nodes % 256 == 0 and time.perf_counter() > deadline):
            cut = True
            return None
        # The person with the fewest possible roommates left starts the next room.
        best_x, best_deg = -1, n + 1
        rest = free
        while rest:
            low = rest & -rest
            x = low.bit_length() - 1
            rest ^= low
            deg = (compat[x] & free).bit_count()
            if deg < best_deg:
                best_x, best_deg = x, deg
        if best_deg + 1 < lo:
            failed.add(free)
            return None
        for room in rooms_with(best_x, free):
            left = free & ~room
            if not splittable(left.bit_count()):
                continue
            sub = dfs(left)
            if sub is not None:
                return [room, *sub]
            if cut:
                return None
        failed.add(free)
        return None

    result = dfs(everyone)
    if result is None:
        return None, not cut
    return [[x for x in range(n) if (room >> x) & 1] for room in result], True
