"""Breakout-room planner: plain Python (numpy allowed), no Django.

Plans rounds of small rooms so that people meet as many new people as possible: nobody meets the same person
twice while that is still possible, nobody sits in a room without a language shared by everyone in it; softly,
weighted and reported, no two people of the same node in a room, regions mixed in each room, shared interests.

How a plan is made (``plan_rounds``):

1. The head count is split into rooms of ``size``: the number of rooms whose sizes come closest to the preferred
   size (the middle of the range unless ``prefer`` says otherwise), sizes differing by at most one; for more than
   one round, no fewer rooms than people in a room if the range allows (else the next round cannot meet only new
   people). When the attendees share no language, each round puts people in language classes (the most spoken
   language they speak; later, the one whose speakers they have met least of; classes that cannot fill rooms
   are merged into others) and makes rooms within classes.
2. Starting points: a combinatorial design when one fits (``geometry`` and ``designs``: affine planes and
   spaces, Kirkman and nearly Kirkman systems, orthogonal Latin squares, cyclic constructions; for any head count
   a cyclic grid laid out by region and node, which meets nobody twice for as many rounds as there are rooms when
   that number is a prime power), and a greedy round-by-round construction that knows the rounds already played.
3. A tabu search over swaps of two people in one round (``tabu``) minimises, in this order, rooms without a
   shared language, repeat meetings, and the soft cost ``Weights``.
4. If repeats remain, the first round with a repeat is planned again on its own (``exact``: smaller rooms allowed,
   and for up to ``EXACT_PEOPLE`` people an exact search that proves when no round without repeats exists), and
   the rounds after it are planned again from there: a repeat is only planned once no round without one is
   possible.

Determinism: the same input, seed and time budget give the same plan when the search ends by itself
(``Plan.complete``). When the budget cuts a search short, how far it got depends on the machine's speed.
"""

from __future__ import annotations

import itertools
import random
import time
from collections import Counter
from collections.abc import Callable

import numpy as np

from convener.networking.engine import exact, tabu
from convener.networking.engine.designs import mols_rounds, rotational
from convener.networking.engine.geometry import (
    Rounds,
    affine_space,
    grid,
    grid_is_clean,
    partial_spread,
    pg3_packing,
    prime_power,
)
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
    check_size(size)
    if rounds < 1:
        raise ValueError(f"rounds must be at least 1, not {rounds}")
    if time_budget <= 0:
        raise ValueError(f"the time budget must be positive, not {time_budget}")
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
    played = played or []
    _check_played(played)
    # Leave time to write the plan out and measure it.
    deadline = began + time_budget - min(0.2 * time_budget, 1e-5 * n * rounds)
    rng = np.random.default_rng(seed)
    pyrng = random.Random(seed)
    index = {a.id: i for i, a in enumerate(attendees)}
    pb = problem_of(attendees, played, index, weights, size)
    target = prefer if prefer is not None else (size.min + size.max) / 2

    language_plan = _language_rounds(attendees, pb, size, target, rounds, rng) if pb.check_languages else None
    if language_plan is None:
        sizes = [balanced(n, room_count(n, size, target, rounds + len(played))) for _ in range(rounds)]
    else:
        sizes = [[len(room) for room in rnd] for rnd in language_plan]
    sizes_one = sizes[0]

    # Starting points.
    candidates: list[tuple[str, list[list[list[int]]]]] = []
    searched = False
    if designs and language_plan is None:
        found = _design_start(pb, n, sizes_one, rounds, pyrng, deadline)
        if size.min == size.max and not pb.history.any() and (found is None or len(found[1]) < rounds):
            # A fixed room size (a social golfer problem): the searching constructions first, with up to half
            # the time; for flexible sizes the local search usually does without them (see below).
            searched = True
            better_found = _design_start(pb, n, sizes_one, rounds, pyrng, began + 0.5 * time_budget, expensive=True)
            if better_found is not None and (found is None or len(better_found[1]) > len(found[1])):
                found = better_found
        if found is not None:
            candidates.append((found[0], _complete(pb, found[1], sizes, rng)))
    # The greedy construction knows the rounds already played and the language classes; it is not needed when a
    # design already meets nobody twice and nobody has played yet (and would cost seconds for thousands).
    if language_plan is not None:
        candidates.append(("greedy by language", language_plan))
    elif not candidates or pb.history.any() or n <= 500:
        candidates.append(("greedy", tabu.greedy(pb, sizes, rng)))
    states = [(name, State(pb, plan)) for name, plan in candidates]
    method, state = min(states, key=lambda s: (s[1].cost[0], s[1].cost[1], s[1].cost[2]))
    # No pair can do better than all the bonuses and none of the costs: reaching that ends the search.
    pairs = sum(x * (x - 1) // 2 for rnd in sizes for x in rnd)
    soft_floor = pairs * (min(0.0, pb.w_node) + min(0.0, pb.w_region) + min(0.0, pb.w_interest))
    free = list(range(rounds))
    state, complete = tabu.search(state, free, rng, deadline, soft_floor=soft_floor,
                                  **tabu.effort_for(n, rounds, effort))
    if state.cost[1] > 0 and designs and not searched and language_plan is None and not pb.history.any():
        # Repeats left: the searching constructions, if one fits, with most of the time left.
        now = time.perf_counter()
        found = _design_start(pb, n, sizes_one, rounds, pyrng, now + 0.8 * (deadline - now), expensive=True)
        if found is not None:
            other = State(pb, _complete(pb, found[1], sizes, rng))
            other, other_complete = tabu.search(other, free, rng, deadline, soft_floor=soft_floor,
                                                **tabu.effort_for(n, rounds, effort))
            if _rank(pb, other) < _rank(pb, state):
                method, state, complete = found[0], other, other_complete
    plan_rooms = state.rounds()
    if state.cost[1] > 0 and time.perf_counter() < deadline:
        plan_rooms, fixed_complete = exact.push_repeats_back(pb, plan_rooms, size, target, rng, deadline,
                                                             soft_floor, effort)
        complete = complete and fixed_complete
    out = tuple(
        tuple(tuple(attendees[x].id for x in room) for room in sorted((sorted(room) for room in rnd), key=min))
        for rnd in plan_rooms
    )
    quality = quality_of(attendees, [[list(room) for room in rnd] for rnd in out], played=played, weights=weights)
    return Plan(out, quality, time.perf_counter() - began, complete, method)


def _complete(
    pb: Problem, prefix: list[list[list[int]]], sizes: list[list[int]], rng: np.random.Generator,
) -> list[list[list[int]]]:
    """A design's rounds, and greedy rounds after them when it has fewer than needed."""
    rounds = len(sizes)
    if len(prefix) >= rounds:
        return prefix[:rounds]
    fixed: list[list[list[int]] | None] = [*prefix, *([None] * (rounds - len(prefix)))]
    return tabu.greedy(pb, sizes, rng, fixed=fixed)


def _rank(pb: Problem, state: State) -> tuple[int, int, int, float]:
    """Plans compared: rooms without a shared language, then the later first repeat, fewer repeats, soft cost."""
    first = exact.first_repeat(pb, state.rounds())
    return state.cost[0], -(state.R if first is None else first), state.cost[1], state.cost[2]


# --- validation and sizes ---------------------------------------------------------------------------------------------


def _check_played(played: list[list[list[str]]]) -> None:
    for r, rnd in enumerate(played):
        seen: set[str] = set()
        for room in rnd:
            for pid in room:
                if pid in seen:
                    raise ValueError(f"played round {r + 1} has {pid} in two rooms")
                seen.add(pid)


def _language_rounds(
    attendees: list[Attendee], pb: Problem, size: RoomSize, target: float, rounds: int,
    rng: np.random.Generator,
) -> list[list[list[int]]]:
    """Rounds built greedily within language classes: each round every person gets one of their languages (the
    most spoken at first; later, for people with several, the one whose class they have met least of), classes
    are repaired so that each can fill rooms, and rooms are filled within classes."""
    n = len(attendees)
    speakers = Counter(lang for a in attendees for lang in a.languages)
    rank = {lang: (-c, lang) for lang, c in speakers.items()}
    choice = [min(a.languages, key=rank.__getitem__) if a.languages else "" for a in attendees]
    met = pb.history[:n, :n] > 0
    plan: list[list[list[int]]] = []
    names = sorted(speakers)
    for r in range(rounds):
        if r:
            # People with several languages go where they have met the smallest share of the people.
            column = {lang: j for j, lang in enumerate(names)}
            members = np.zeros((n, len(names)), dtype=np.float64)
            for i, lang in enumerate(choice):
                if lang:
                    members[i, column[lang]] = 1.0
            for i in rng.permutation(n).tolist():
                langs = sorted(attendees[i].languages)
                if len(langs) < 2:
                    continue
                cols = [column[lang] for lang in langs]
                mine = members[i, cols]
                sizes_now = members[:, cols].sum(axis=0) - mine
                seen = met[i].astype(np.float64) @ members[:, cols]
                share = np.where(sizes_now > 0, seen / np.maximum(sizes_now, 1), 1.0)
                pick = cols[int(np.lexsort((-sizes_now, share))[0])]
                members[i] = 0.0
                members[i, pick] = 1.0
                choice[i] = names[pick]
        choice = _repair_languages(attendees, choice, size)
        class_names = sorted(set(choice))
        cls = np.array([class_names.index(c) for c in choice], dtype=np.int64)
        per_class = Counter(cls.tolist())
        sizes: list[int] = []
        room_class: list[int] = []
        for label in sorted(per_class):
            part = balanced(per_class[label], room_count(per_class[label], size, target))
            sizes += part
            room_class += [label] * len(part)
        fixed: list[list[list[int]] | None] = [*plan, None]
        all_sizes = [[len(room) for room in rnd] for rnd in plan] + [sizes]
        rnd = tabu.greedy(pb, all_sizes, rng, fixed=fixed, classes=cls,
                             class_of_room=[np.array(room_class, dtype=np.int64)] * (r + 1))[-1]
        plan.append(rnd)
        for room in rnd:
            idx = np.array(room)
            met[np.ix_(idx, idx)] = True
    return plan


def _repair_languages(attendees: list[Attendee], choice: list[str], size: RoomSize) -> list[str]:
    """Make every language class able to fill rooms: pull speakers into a class that is short, or send a class's
    people to their other languages; whoever is left in a class that cannot fill a room goes to the largest class
    (their rooms will lack a shared language: reported as violations)."""
    choice = list(choice)

    def ok(c: int) -> bool:
        return c == 0 or splittable(c, size)

    for _ in range(3 * len(set(choice)) + 3):
        counts = Counter(choice)
        bad = sorted((c for c in counts if not ok(counts[c])), key=lambda c: (counts[c], c))
        if not bad:
            break
        lang = bad[0]
        moved = False
        for i, a in enumerate(attendees):
            if ok(counts[lang]):
                break
            if choice[i] != lang and lang in a.languages and counts[choice[i]] > 1 and ok(counts[choice[i]] - 1):
                counts[choice[i]] -= 1
                choice[i] = lang
                counts[lang] += 1
                moved = True
        if not ok(counts[lang]):
            for i, a in enumerate(attendees):
                if choice[i] == lang:
                    others = [x for x in a.languages if x != lang and counts[x] > 0]
                    if others:
                        choice[i] = max(others, key=lambda x: (counts[x], x))
                        moved = True
        if not moved:
            break
    counts = Counter(choice)
    largest = max(counts, key=lambda c: (counts[c], c))
    for c in list(counts):
        if not ok(counts[c]):
            choice = [largest if x == c else x for x in choice]
    return choice


# --- starting points from designs -------------------------------------------------------------------------------------


def _design_start(
    pb: Problem, n: int, sizes: list[int], rounds: int, rng: random.Random, deadline: float,
    expensive: bool = False,
) -> tuple[str, list[list[list[int]]]] | None:
    """The design for these sizes with the most rounds without repeats (laid out by region and node), or None.

    The cheap ones (milliseconds) come first; ``expensive`` ones are searches (seconds), tried only when the local
    search left repeats: Latin squares with an orthogonal mate found by exact cover, cyclic base rounds, larger
    packings and spreads."""
    k = len(sizes)
    s = max(sizes)
    fixed = all(x == s for x in sizes)
    options: list[tuple[str, list[list[list[int]]]]] = []
    layers = -(-n // k)
    if not expensive and (grid_is_clean(k, layers, rounds) or not fixed):
        # People of one node sit in one layer (never together); regions run along the layers.
        order = sorted(range(n), key=lambda i: (int(pb.region[i]), int(pb.node[i]), rng.random()))
        options.append(("grid", grid(n, k, rounds, order)))
        if grid_is_clean(k, layers, rounds):
            return options[0]
    if fixed and n == k * s:
        cheap: list[tuple[str, Callable[[], Rounds | None]]] = []
        costly: list[tuple[str, Callable[[], Rounds | None]]] = []
        if k == s * s and prime_power(s) is not None:
            cheap.append(("affine space", lambda: affine_space(s)))
        if k == s:
            (cheap if prime_power(s) is not None else costly).append(
                ("orthogonal Latin squares", lambda: mols_rounds(s, rounds, deadline)))
        power, sp = prime_power(n), prime_power(s)
        if power is not None and sp is not None and power[0] == sp[0] and sp[1] < power[1] and n <= 4096:
            p, m, j = power[0], power[1], sp[1]
            (cheap if n <= 64 else costly).append(
                ("partial spread", lambda: partial_spread(p, m, j, rounds, deadline)))
        q = s - 1
        if q >= 2 and prime_power(q) is not None and k == q * q + 1 and rounds <= q * q + q + 1:
            (cheap if q <= 3 else costly).append(("PG(3, q) packing", lambda: pg3_packing(q, deadline)))
        if rounds >= 2:
            costly.append(("cyclic base rounds", lambda: rotational(n, s, rounds, deadline)))
        if not expensive:
            options.append(("grid", grid(n, k, rounds)))
        for name, make in costly if expensive else cheap:
            if time.perf_counter() > deadline:
                break
            got = make()
            if got:
                options.append((name, got))
                if len(got) >= rounds and _clean_prefix(got) >= rounds:
                    break
    if not options:
        return None
    name, plan = max(options, key=lambda o: min(_clean_prefix(o[1]), rounds))
    return name, plan[: max(1, min(rounds, _clean_prefix(plan)))]


def _clean_prefix(plan: list[list[list[int]]]) -> int:
    """Rounds from the first without a pair meeting twice."""
    seen: set[tuple[int, int]] = set()
    for r, rnd in enumerate(plan):
        for room in rnd:
            for a, b in itertools.combinations(sorted(room), 2):
                if (a, b) in seen:
                    return r
                seen.add((a, b))
    return len(plan)
