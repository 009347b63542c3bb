"""Starting points of the breakout planner's search: greedy rounds, rounds by language class, designs.

- ``greedy``: round by round, each person into the room where they meet the fewest people again; it knows the
  rounds already played, fixed rounds and language classes (also the tabu search's restarts).
- ``language_rounds``: when the attendees share no language, each round puts people in language classes (the
  most spoken language they speak; later, the one whose speakers they have met least of; classes that cannot
  fill rooms are merged into others) and makes rooms within classes.
- ``design_start``: the combinatorial design (``geometry``, ``designs``) with the most rounds without repeats
  for these room sizes, laid out by region and node.
"""

from __future__ import annotations

import itertools
import random
import time
from collections import Counter
from collections.abc import Callable

import numpy as np

from convener.networking.engine.designs import mols_rounds, rotational
from convener.networking.engine.geometry import (
    Rounds,
    affine_space,
    grid,
    grid_is_clean,
    partial_spread,
    pg3_packing,
    prime_power,
    round_robin,
)
from convener.networking.engine.model import Attendee, RoomSize, balanced, room_count, splittable
from convener.networking.engine.problem import IntArray, Problem, add_meetings
from convener.networking.engine.rotational1 import one_rotational


def greedy(
    pb: Problem,
    sizes: list[list[int]],
    rng: np.random.Generator,
    fixed: list[list[list[int]] | None] | None = None,
    classes: IntArray | None = None,
    class_of_room: list[IntArray] | None = None,
) -> list[list[list[int]]]:
    """Round by round, each person (the most constrained first) into the open room where they meet the fewest
    people again, keep a shared language and add the least soft cost. ``fixed`` rounds are taken as given; with
    ``classes`` (a language class per person) a person only goes to rooms of their class."""
    n = pb.n
    M = pb.history.copy()
    node = pb.node[:n]
    region = pb.region[:n]
    node_ids, node_idx = np.unique(node, return_inverse=True)
    region_ids, region_idx = np.unique(region, return_inverse=True)
    has_node = (node >= 0).tolist()
    has_region = (region >= 0).tolist()
    popcount = np.array([sum(bin(int(w)).count("1") for w in row) for row in pb.languages[:n]])
    out: list[list[list[int]]] = []
    for r, room_sizes in enumerate(sizes):
        given = fixed[r] if fixed is not None else None
        if given is not None:
            rooms = [list(room) for room in given]
        else:
            k = len(room_sizes)
            cap = np.array(room_sizes, dtype=np.int64)
            fill = np.zeros(k, dtype=np.int64)
            where = np.full(n + 1, -1, dtype=np.int64)
            node_count = np.zeros((len(node_ids), k), dtype=np.float64)
            region_count = np.zeros((len(region_ids), k), dtype=np.float64)
            shared = np.full((k, pb.languages.shape[1]), np.uint64(0xFFFFFFFFFFFFFFFF), dtype=np.uint64)
            acquainted = [np.flatnonzero(row) for row in M[:n, :n]]
            degree = np.array([len(a) for a in acquainted])
            order = np.lexsort((rng.random(n), -degree, popcount))
            base = 1e-6 * rng.random(k)
            for x in order.tolist():
                cost = base + 1e-3 * fill / cap
                friends = acquainted[x]
                if friends.size:
                    placed = where[friends]
                    placed = placed[placed >= 0]
                    if placed.size:
                        cost = cost + pb.big_repeat * np.bincount(placed, minlength=k)
                if has_node[x] and pb.w_node:
                    cost = cost + pb.w_node * node_count[node_idx[x]]
                if has_region[x] and pb.w_region:
                    cost = cost + pb.w_region * region_count[region_idx[x]]
                if pb.check_languages:
                    breaks = ~((shared & pb.languages[x]) != 0).any(axis=1) & (fill > 0)
                    cost = cost + pb.big_language * breaks
                cost[fill >= cap] = np.inf
                if classes is not None and class_of_room is not None:
                    cost[class_of_room[r] != classes[x]] = np.inf
                room = int(np.argmin(cost))
                where[x] = room
                fill[room] += 1
                node_count[node_idx[x], room] += 1
                region_count[region_idx[x], room] += 1
                if pb.check_languages:
                    shared[room] &= pb.languages[x]
            rooms = [[] for _ in range(k)]
            for x in range(n):
                rooms[int(where[x])].append(x)
        width = max(len(members_of) for members_of in rooms)
        members = np.full((len(rooms), width), n, dtype=np.int64)
        for i, members_of in enumerate(rooms):
            members[i, : len(members_of)] = members_of
        add_meetings(M, members)
        out.append(rooms)
    return out


# --- language classes -------------------------------------------------------------------------------------------------


def language_rounds(
    attendees: list[Attendee],
    pb: Problem,
    size: RoomSize,
    target: float,
    rounds: int,
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
        rnd = greedy(
            pb, all_sizes, rng, fixed=fixed, classes=cls, class_of_room=[np.array(room_class, dtype=np.int64)] * (r + 1)
        )[-1]
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


def design_start(
    pb: Problem,
    n: int,
    sizes: list[int],
    rounds: int,
    rng: random.Random,
    deadline: float,
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
        dim = _log(n, s)
        if dim is not None and dim >= 3 and prime_power(s) is not None and n <= 6561:
            cheap.append((f"affine space AG({dim}, {s})", lambda: affine_space(s, dim)))
        if s == 2:
            cheap.append(("round robin", lambda: round_robin(n)))
        if k == s:
            (cheap if prime_power(s) is not None else costly).append(
                ("orthogonal Latin squares", lambda: mols_rounds(s, rounds, deadline))
            )
        power, sp = prime_power(n), prime_power(s)
        if power is not None and sp is not None and power[0] == sp[0] and sp[1] < power[1] and n <= 4096:
            p, m, j = power[0], power[1], sp[1]
            (cheap if n <= 64 else costly).append(("partial spread", lambda: partial_spread(p, m, j, rounds, deadline)))
        q = s - 1
        if q >= 2 and prime_power(q) is not None and k == q * q + 1 and rounds <= q * q + q + 1:
            (cheap if q <= 3 else costly).append(("PG(3, q) packing", lambda: pg3_packing(q, deadline)))
        one_rot = s >= 3 and (n - 1) % (s - 1) == 0 and ((n - 1) // (s - 1) - 1) % s == 0
        # n = s * s would be an affine plane: the grid (prime powers) or Latin squares (10 has none).
        if one_rot and n != s * s and (s > 3 or n % 24 in (3, 9)):
            # Kirkman triple systems (rooms of 3, n = 3 or 9 mod 24: for 15 and 21 mod 24 no cyclic one exists; the
            # cyclic base rounds below find some), resolvable designs with rooms of 4 (n = 4 mod 12), ...
            name = "Kirkman triple system" if s == 3 else f"resolvable 2-({n}, {s}, 1) design"
            cheap.append((f"{name}, 1-rotational", lambda: one_rotational(n, s, deadline, attempts=24)))
            # When the short search fails, a longer one with half the time of the searching constructions.
            costly.append(
                (
                    f"{name}, 1-rotational",
                    lambda: one_rotational(n, s, _halfway(deadline), seed=1),
                )
            )
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


def _halfway(deadline: float) -> float:
    now = time.perf_counter()
    return now + 0.5 * max(0.0, deadline - now)


def _log(n: int, s: int) -> int | None:
    """m with s ** m == n, or None."""
    if s < 2:
        return None
    m, x = 0, 1
    while x < n:
        x *= s
        m += 1
    return m if x == n else None


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
