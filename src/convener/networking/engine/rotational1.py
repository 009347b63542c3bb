"""Resolvable 2-(v, k, 1) designs that are 1-rotational over a cyclic group: Kirkman triple systems (k = 3, every
v = 3 mod 6 tried) and resolvable designs with rooms of 4 (v = 4 mod 12), found in moments by a small search.

The points are Z_N (N = v - 1) and a point at infinity. With u = N / (k - 1), the base round is the room
{inf, 0, u, 2u, ...} (fixed by the subgroup <u> of order k - 1), and rooms T + j u (j < k - 1) for a few base
rooms T; the rounds are the base round plus g for g in Z_u: (v - 1) / (k - 1) rounds, everyone meeting everyone
once. The base rooms T must (1) take every non-zero residue mod u exactly once, so each round is a partition, and
(2) have distinct differences covering every element of Z_N outside <u> exactly once, so no pair meets twice
(Buratti's 1-rotational construction). They are found by a depth-first search through the lowest residue not yet
taken, with random restarts.
"""

from __future__ import annotations

import random
import time

Rounds = list[list[list[int]]]


def one_rotational(
    v: int, k: int, deadline: float, seed: int = 0, node_limit: int = 20_000, attempts: int = 2000
) -> Rounds | None:
    """The (v - 1) / (k - 1) rounds of a resolvable 2-(v, k, 1) design, or None (no such structure for these
    numbers, or none found before the deadline). Many short randomised searches find one sooner than a long one."""
    n_mod = v - 1
    if k < 3 or n_mod % (k - 1):
        return None
    u = n_mod // (k - 1)
    if (u - 1) % k or u < k:
        return None
    reps = (u - 1) // k
    rng = random.Random(seed * 7919 + v * 31 + k)
    attempt = 0
    while time.perf_counter() < deadline and attempt < attempts:
        found, exhausted = _search(
            n_mod, u, k, reps, rng if attempt else None, deadline, node_limit * (1 + attempt // 16)
        )
        if found is not None:
            return _develop(v, k, u, found)
        if exhausted and attempt == 0:
            return None  # the whole space searched: no such design
        attempt += 1
    return None


def _search(
    n_mod: int, u: int, k: int, reps: int, rng: random.Random | None, deadline: float, node_limit: int
) -> tuple[list[list[int]] | None, bool]:
    """Base rooms, and whether the search ran to its end (None then means there are none)."""
    lifts = list(range(k - 1))
    residues_all = list(range(1, u))
    chosen: list[list[int]] = []
    nodes = 0
    cut = False

    def block(room: list[int], pool: list[int], taken: int, used: int) -> bool:
        """Complete ``room`` from residues in ``pool`` (increasing), then go on with the next base room."""
        nonlocal nodes, cut
        if len(room) == k:
            chosen.append(list(room))
            if rooms(taken, used):
                return True
            chosen.pop()
            return False
        nodes += 1
        if nodes > node_limit or (nodes % 1024 == 0 and time.perf_counter() > deadline):
            cut = True
        if cut:
            return False
        for i, r in enumerate(pool):
            if (taken >> r) & 1:
                continue
            order = lifts if rng is None else rng.sample(lifts, len(lifts))
            for j in order:
                y = r + j * u
                add = 0
                ok = True
                for x in room:
                    d = (y - x) % n_mod
                    for e in (d, n_mod - d):
                        bit = 1 << e
                        if (used | add) & bit:
                            ok = False
                            break
                        add |= bit
                    if not ok:
                        break
                if ok:
                    room.append(y)
                    if block(room, pool[i + 1 :], taken | 1 << r, used | add):
                        return True
                    room.pop()
                    if cut:
                        return False
        return False

    def rooms(taken: int, used: int) -> bool:
        if len(chosen) == reps:
            return True
        r = next(x for x in residues_all if not (taken >> x) & 1)
        pool = [x for x in residues_all if x > r and not (taken >> x) & 1]
        if rng is not None:
            rng.shuffle(pool)
            pool.sort(key=lambda x: rng.random())
        return block([r], pool, taken | 1 << r, used)

    if rooms(0, 0):
        return list(chosen), True
    return None, not cut


def _develop(v: int, k: int, u: int, bases: list[list[int]]) -> Rounds:
    n_mod = v - 1
    inf = n_mod
    base: list[list[int]] = [[inf, *(j * u for j in range(k - 1))]]
    for room in bases:
        for j in range(k - 1):
            base.append([(x + j * u) % n_mod for x in room])
    out: Rounds = []
    for g in range(u):
        out.append([sorted(x if x == inf else (x + g) % n_mod for x in room) for room in base])
    return out
