"""Breakout-room planner: plain Python (numpy allowed), no Django.

Plans rounds of small rooms so that people meet as many new people as possible: nobody meets the same person
twice while that is still possible, nobody sits in a room without a language shared by everyone in it; softly,
weighted and reported, no two people of the same node in a room, regions mixed in each room, shared interests.

How a plan is made (``plan_rounds``):

1. The head count is split into rooms of ``size``: the number of rooms whose sizes come closest to the preferred
   size (the middle of the range unless ``prefer`` says otherwise), sizes differing by at most one; for more than
   one round, no fewer rooms than people in a room if the range allows (else the next round cannot meet only new
   people). When the attendees share no language, they are split once into language communities (``languages``:
   the main language's, and one per other language its speakers need, filled up with people who speak both),
   each planned on its own by steps 2-4 and put side by side; someone whose language has too few speakers to
   meet new people in it every round plans with the main community (reported as rooms without a shared
   language). Only when a community cannot be split into rooms are rounds planned in language classes instead
   (the most spoken language they speak; later, the one whose speakers they have met least of; classes that
   cannot fill rooms are merged into others), with rooms made within classes.
2. Starting points (``starts``): a combinatorial design when one fits (``geometry`` and ``designs``: affine
   planes and spaces, Kirkman and nearly Kirkman systems, orthogonal Latin squares, cyclic constructions; for any
   head count a cyclic grid laid out by region and node, which meets nobody twice for as many rounds as there are
   rooms when that number is a prime power), and a greedy round-by-round construction that knows the rounds
   already played.
3. A tabu search over swaps of two people in one round (``tabu``) minimises, in this order, rooms without a
   shared language, repeat meetings, and the soft cost ``Weights``.
4. If repeats remain, the first round with a repeat is planned again on its own (``exact``: smaller rooms allowed,
   and for up to ``EXACT_PEOPLE`` people an exact search that proves when no round without repeats exists), and
   the rounds after it are planned again from there: a repeat is only planned once no round without one is
   possible.

5. Every route's plan is kept (each construction, each search's result) and the best is returned: the most rounds
   before the first repeat, then the fewest repeats, then the soft cost. For up to ``smallest.SMALL_PEOPLE`` people
   an exact branch and bound (``smallest``) then looks for a better plan, and when it runs to its end proves that
   none exists.

``Plan.complete`` says what was proven: the plan has no repeat meeting, or the exact search proved that no plan
does better. ``Plan.method`` names the route of the plan returned.

Determinism: the searches count steps derived from the time budget (``tabu.step_seconds``, estimated on the slow
side), so the same input, seed and budget give the same plan; only when a machine is slower than that estimate does
the deadline cut a search short (``Plan.budget_reached``), and then the plan depends on the machine's speed.
"""

from __future__ import annotations

import math
import numbers
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from convener.networking.engine import exact, languages, smallest, starts, tabu
from convener.networking.engine.model import (
    Attendee,
    Plan,
    RoomSize,
    Weights,
    balanced,
    check_size,
    room_count,
    splittable,
)
from convener.networking.engine.problem import Problem, problem_of
from convener.networking.engine.quality import quality_of
from convener.networking.engine.state import State


def plan_rounds(
    attendees: list[Attendee],
    size: RoomSize,
    rounds: int,
    *,
    played: list[list[list[str]]] | None = None,
    weights: Weights = Weights(),
    seed: int = 0,
    time_budget: float = 2.0,
    prefer: int | None = None,
    designs: bool = True,
    effort: float = 1.0,
) -> Plan:
    """Plan ``rounds`` new rounds for ``attendees`` (who are here now), after the rounds ``played``.

    ``played`` may mention people who have left; people who joined since simply have no history.
    Deterministic for a seed (given the same time budget is not hit). Raises ValueError with a
    clear message when the head count cannot be split into rooms of ``size`` (say 2 people, rooms of 3-5).
    ``prefer`` is the preferred room size (default: the middle of the range); ``designs=False`` starts from the
    greedy construction only (for comparison in the bench); ``effort`` scales how many steps the search keeps
    trying without progress while repeats remain (the time budget bounds it in any case).
    """
    began = time.perf_counter()
    check_input(attendees, size, rounds, time_budget, prefer)
    n = len(attendees)
    played = played or []
    _check_played(played)
    # Leave time to write the plan out and measure it.
    deadline = began + time_budget - min(0.2 * time_budget, 1e-5 * n * rounds)
    rng = np.random.default_rng(seed)
    pyrng = random.Random(seed)
    index = {a.id: i for i, a in enumerate(attendees)}
    pb = problem_of(attendees, played, index, weights, size)
    target = prefer if prefer is not None else (size.min + size.max) / 2

    if pb.check_languages:
        by_community = _plan_by_community(
            attendees, size, rounds, played, weights, seed, began, time_budget, prefer, designs, effort, target
        )
        if by_community is not None:
            return by_community
    language_plan = starts.language_rounds(attendees, pb, size, target, rounds, rng) if pb.check_languages else None
    if language_plan is None:
        sizes = [balanced(n, room_count(n, size, target, rounds + len(played))) for _ in range(rounds)]
    else:
        sizes = [[len(room) for room in rnd] for rnd in language_plan]
    sizes_one = sizes[0]

    # The searches count steps, not seconds, so that the same seed and budget give the same plan: a step's cost is
    # estimated on the slow side (``tabu.step_seconds``); the deadline only cuts a search that outruns the estimate.
    step_cost = tabu.step_seconds(n, rounds, max(sizes_one))

    def steps(fraction: float) -> int:
        return max(100, int(fraction * time_budget / step_cost))

    # Every route's plan is kept; the best of them (``_rank``) is returned, so no search makes a plan worse than
    # the construction it started from.
    routes: list[tuple[str, State]] = []
    searched = False
    if designs and language_plan is None:
        found = starts.design_start(pb, n, sizes_one, rounds, pyrng, deadline)
        if size.min == size.max and not pb.history.any() and (found is None or len(found[1]) < rounds):
            # A fixed room size (a social golfer problem): the searching constructions first, with up to half
            # the time; for flexible sizes the local search usually does without them (see below).
            searched = True
            better_found = starts.design_start(
                pb, n, sizes_one, rounds, pyrng, began + 0.5 * time_budget, expensive=True
            )
            if better_found is not None and (found is None or len(better_found[1]) > len(found[1])):
                found = better_found
        if found is not None:
            routes.append((found[0], State(pb, _complete(pb, found[1], sizes, rng))))
    # The greedy construction knows the rounds already played and the language classes; it is not needed when a
    # design already meets nobody twice and nobody has played yet (and would cost seconds for thousands).
    if language_plan is not None:
        routes.append(("greedy by language", State(pb, language_plan)))
    elif not routes or pb.history.any() or n <= 500:
        routes.append(("greedy", State(pb, starts.greedy(pb, sizes, rng))))
    method, start = min(routes, key=lambda s: (s[1].cost[0], s[1].cost[1], s[1].cost[2]))
    # No pair can do better than all the bonuses and none of the costs: reaching that ends the search.
    pairs = sum(x * (x - 1) // 2 for rnd in sizes for x in rnd)
    soft_floor = pairs * (min(0.0, pb.w_node) + min(0.0, pb.w_region) + min(0.0, pb.w_interest))
    free = list(range(rounds))
    effort_now = tabu.effort_for(n, rounds, effort)
    state, _ = tabu.search(
        start.clone(), free, rng, deadline, soft_floor=soft_floor, max_steps=steps(0.8), **effort_now
    )
    routes.append((f"{method}, then local search", state))
    if state.cost[1] > 0 and designs and not searched and language_plan is None and not pb.history.any():
        # Repeats left: the searching constructions, if one fits, with most of the time left.
        now = time.perf_counter()
        found = starts.design_start(pb, n, sizes_one, rounds, pyrng, now + 0.8 * (deadline - now), expensive=True)
        if found is not None:
            other = State(pb, _complete(pb, found[1], sizes, rng))
            routes.append((found[0], other))
            other, _ = tabu.search(
                other.clone(), free, rng, deadline, soft_floor=soft_floor, max_steps=steps(0.2), **effort_now
            )
            routes.append((f"{found[0]}, then local search", other))
    method, state = min(routes, key=lambda route: _rank(pb, route[1]))
    if state.cost[1] > 0 and time.perf_counter() < deadline:
        pushed, _ = exact.push_repeats_back(
            pb, state.rounds(), size, target, rng, deadline, soft_floor, effort, max_steps=steps(0.2)
        )
        routes.append((f"{method}, repeats pushed back", State(pb, pushed)))
    method, state = min(routes, key=lambda route: _rank(pb, route[1]))
    proven = False
    if state.cost[1] > 0 and n <= smallest.SMALL_PEOPLE and not pb.check_languages:
        # Few people: the best plan exactly (the rounds before the first repeat, then the repeats), which either
        # finds a better plan or proves there is none.
        method, state, proven = _smallest(pb, method, state, size, rng, deadline, steps)
    plan_rooms = state.rounds()
    out = tuple(
        tuple(tuple(attendees[x].id for x in room) for room in sorted((sorted(room) for room in rnd), key=min))
        for rnd in plan_rooms
    )
    quality = quality_of(attendees, [[list(room) for room in rnd] for rnd in out], played=played, weights=weights)
    complete = quality.repeat_pairs == 0 or proven
    budget_reached = time.perf_counter() >= deadline
    return Plan(out, quality, time.perf_counter() - began, complete, method, budget_reached)


def _smallest(
    pb: Problem,
    method: str,
    state: State,
    size: RoomSize,
    rng: np.random.Generator,
    deadline: float,
    steps: Callable[[float], int],
) -> tuple[str, State, bool]:
    """The exact search (``smallest``) for a plan better than ``state``: the better plan, polished by the local
    search (kept only if that does not make it worse), and whether the result is proven best."""
    n = pb.n
    met = [sum(1 << j for j in range(n) if pb.history[i, j] > 0 and i != j) for i in range(n)]
    rank = _rank(pb, state)
    found, _key, proven = smallest.best_plan(
        met, state.R, size.min, size.max, (rank[1], rank[2]), deadline, node_limit=steps(0.3) * 20
    )
    if found is None:
        return (f"{method} (proven best by exact search)" if proven else method), state, proven
    better = State(pb, found)
    polished, _ = tabu.search(better.clone(), list(range(state.R)), rng, deadline, soft_floor=-np.inf, max_steps=200)
    if _rank(pb, polished) < _rank(pb, better):
        better = polished
    return ("exact search (proven best)" if proven else "exact search"), better, proven


def _plan_by_community(
    attendees: list[Attendee],
    size: RoomSize,
    rounds: int,
    played: list[list[list[str]]],
    weights: Weights,
    seed: int,
    began: float,
    time_budget: float,
    prefer: int | None,
    designs: bool,
    effort: float,
    target: float,
) -> Plan | None:
    """Each language community planned on its own (``languages``), the rounds put side by side; None when a
    community cannot be split into rooms (then rounds are planned in language classes instead)."""
    parts = languages.communities(attendees, size, rounds, target)
    if any(not splittable(len(part.members), size) for part in parts):
        return None
    rooms: list[list[tuple[str, ...]]] = [[] for _ in range(rounds)]
    budget_reached = False
    methods: list[str] = []
    for part in sorted(parts, key=lambda p: (len(p.members), p.language)):  # what the small ones leave goes on
        # A fixed share of the budget (not of the time left), so that the same budget gives the same plan.
        share = max(time_budget * len(part.members) / len(attendees), 1e-3)
        speak = frozenset({part.language or "-"})  # the community's language for all, those excused included
        sub = [replace(attendees[i], languages=speak) for i in part.members]
        plan = plan_rounds(
            sub,
            size,
            rounds,
            played=played,
            weights=weights,
            seed=seed,
            time_budget=share,
            prefer=prefer,
            designs=designs,
            effort=effort,
        )
        for r, rnd in enumerate(plan.rounds):
            rooms[r].extend(rnd)
        budget_reached = budget_reached or plan.budget_reached
        methods.append(f"{part.language or 'no language'} ({len(part.members)}): {plan.method}")
    index = {a.id: i for i, a in enumerate(attendees)}
    out = tuple(
        tuple(
            tuple(attendees[x].id for x in room)
            for room in sorted((sorted(index[p] for p in room) for room in rnd), key=min)
        )
        for rnd in rooms
    )
    quality = quality_of(attendees, [[list(room) for room in rnd] for rnd in out], played=played, weights=weights)
    method = "language communities: " + "; ".join(reversed(methods))
    # Each community's minimum does not prove the whole plan's: complete only without repeats.
    complete = quality.repeat_pairs == 0
    return Plan(out, quality, time.perf_counter() - began, complete, method, budget_reached)


def _complete(
    pb: Problem,
    prefix: list[list[list[int]]],
    sizes: list[list[int]],
    rng: np.random.Generator,
) -> list[list[list[int]]]:
    """A design's rounds, and greedy rounds after them when it has fewer than needed."""
    rounds = len(sizes)
    if len(prefix) >= rounds:
        return prefix[:rounds]
    fixed: list[list[list[int]] | None] = [*prefix, *([None] * (rounds - len(prefix)))]
    return starts.greedy(pb, sizes, rng, fixed=fixed)


def _rank(pb: Problem, state: State) -> tuple[int, int, int, float]:
    """Plans compared: rooms without a shared language, then the later first repeat, fewer repeats, soft cost."""
    first = None if state.cost[1] == 0 else exact.first_repeat(pb, state.rounds())
    return state.cost[0], -(state.R if first is None else first), state.cost[1], state.cost[2]


# --- validation -------------------------------------------------------------------------------------------------------


def check_input(
    attendees: list[Attendee], size: RoomSize, rounds: int, time_budget: float, prefer: int | None = None
) -> None:
    """Raise ValueError with a clear message for input ``plan_rounds`` cannot plan (callers may check first)."""
    for name, value in (("size.min", size.min), ("size.max", size.max), ("rounds", rounds)):
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            raise ValueError(f"{name} must be a whole number, not {value!r}")
    check_size(size)
    if rounds < 1:
        raise ValueError(f"rounds must be at least 1, not {rounds}")
    if isinstance(time_budget, bool) or not isinstance(time_budget, numbers.Real):
        raise ValueError(f"the time budget must be a number of seconds, not {time_budget!r}")
    if not math.isfinite(time_budget) or time_budget <= 0:
        raise ValueError(f"the time budget must be a positive, finite number of seconds, not {time_budget}")
    ids = [a.id for a in attendees]
    duplicates = sorted(i for i, c in Counter(ids).items() if c > 1)
    if duplicates:
        raise ValueError(f"attendee ids must be unique; repeated: {', '.join(duplicates[:5])}")
    n = len(attendees)
    if prefer is not None and not size.min <= prefer <= size.max:
        raise ValueError(f"the preferred room size {prefer} is outside {size.min}-{size.max}")
    if not splittable(n, size):
        raise ValueError(
            f"{n} {'person' if n == 1 else 'people'} cannot be split into rooms of {size.min}-{size.max}"
            + (f" (at least {size.min} are needed)" if n < size.min else "")
        )


def _check_played(played: list[list[list[str]]]) -> None:
    for r, rnd in enumerate(played):
        seen: set[str] = set()
        for room in rnd:
            for pid in room:
                if pid in seen:
                    raise ValueError(f"played round {r + 1} has {pid} in two rooms")
                seen.add(pid)
