"""Finite fields and the geometric constructions that seed the breakout planner.

Each construction returns rounds as lists of rooms of point indices ``0..n-1``; any relabelling of the points
keeps its property that no two points share a room twice. They are starting points: the local search in
``tabu`` takes over for whatever they do not cover (history, nodes, regions, languages, more rounds). The
searching constructions (Latin squares, cyclic base rounds) are in ``designs``.

- ``Field``: GF(q) for a prime power q, as addition and multiplication tables.
- ``grid``: any head count and any number of rooms k. People sit in a grid of layers of k; in round t the
  person in layer a, column b goes to room b + m_t * a (over GF(k) when k is a prime power, else mod k).
  Two people of different layers meet at most once over k rounds when k is a prime power (a resolvable
  transversal design; with k layers of k, the layers themselves are one more round: the affine plane).
- ``affine_space``: AG(m, q) (q^m people, rooms of q: (q^m - 1) / (q - 1) rounds, such as the Kirkman systems on
  27 and 81, or 64 people in rooms of 4 over 21 rounds). ``round_robin``: rooms of 2, n - 1 rounds.
- ``partial_spread``: q^m people (q prime), rooms of q^j: the cosets of j-dimensional subspaces that meet only
  in 0 (a partial spread, found by a small search): 8-4-9 from nine lines of PG(4, 2).
- ``pg3_packing``: (q^2 + 1) rooms of q + 1 over q^2 + q + 1 rounds: a packing of the lines of PG(3, q) into
  spreads, found by exact cover: the Kirkman schoolgirls (5-3-7) for q = 2, a resolvable 2-(40, 4, 1) design
  (10-4-13) for q = 3.
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Sequence

Rounds = list[list[list[int]]]


# --- finite fields ----------------------------------------------------------------------------------------------------


def prime_power(q: int) -> tuple[int, int] | None:
    """(p, m) with q = p**m, p prime, or None."""
    if q < 2:
        return None
    for p in range(2, q + 1):
        if q % p == 0:
            m, rest = 0, q
            while rest % p == 0:
                rest //= p
                m += 1
            return (p, m) if rest == 1 else None
    return None  # pragma: no cover


class Field:
    """GF(q) for a prime power q <= 1024 (tables of q * q): elements 0..q-1, base-p digits as polynomial
    coefficients."""

    def __init__(self, q: int) -> None:
        found = prime_power(q)
        if found is None or q > 1024:
            raise ValueError(f"no field of order {q} here")
        p, m = found
        self.q, self.p, self.m = q, p, m
        digits = [[(e // p**i) % p for i in range(m)] for e in range(q)]

        def encode(coeffs: Sequence[int]) -> int:
            return sum(c * p**i for i, c in enumerate(coeffs))

        self.add = [
            [encode([(x + y) % p for x, y in zip(digits[a], digits[b], strict=True)]) for b in range(q)]
            for a in range(q)
        ]
        self.neg = [encode([(-x) % p for x in digits[a]]) for a in range(q)]
        # A primitive element: g mod p, or x modulo a primitive polynomial (its powers run through GF(q)*).
        exp: list[int] = []
        if m == 1:
            for g in range(1, p):
                exp = [1]
                while len(exp) < q - 1:
                    exp.append(exp[-1] * g % p)
                if len(set(exp)) == q - 1:
                    break
        else:
            for tail in itertools.product(range(p), repeat=m):
                if tail[0] != 0:
                    exp = self._powers(tail)
                    if exp:
                        break
        log = [0] * q
        for i, e in enumerate(exp):
            log[e] = i
        self.mul = [[0 if a == 0 or b == 0 else exp[(log[a] + log[b]) % (q - 1)] for b in range(q)] for a in range(q)]
        self.inv = [0] + [exp[(-log[a]) % (q - 1)] for a in range(1, q)]
        self.exp, self.log = exp, log

    def _powers(self, tail: tuple[int, ...]) -> list[int]:
        """Powers of x modulo x^m + tail[m-1] x^(m-1) + ... + tail[0], or [] if x is not primitive."""
        p, m, q = self.p, self.m, self.q
        coeffs = [1] + [0] * (m - 1)
        out: list[int] = []
        for _ in range(q - 1):
            out.append(sum(c * p**i for i, c in enumerate(coeffs)))
            top = coeffs[-1]
            coeffs = [0, *coeffs[:-1]]
            coeffs = [(c - top * t) % p for c, t in zip(coeffs, tail, strict=True)]
            if coeffs == [1] + [0] * (m - 1) and len(out) < q - 1:
                return []
        return out if len(set(out)) == q - 1 else []


# --- the grid: any head count, any number of rooms --------------------------------------------------------------------


def grid(n: int, k: int, rounds: int, order: Sequence[int] | None = None) -> Rounds:
    """``rounds`` rounds of k rooms for n people (sizes differ by at most one); ``order`` lays people out."""
    order = list(order) if order is not None else list(range(n))
    layers = -(-n // k)
    power = prime_power(k)
    # GF(k) tables for a proper prime power (for a prime, arithmetic mod k is the field already).
    field = Field(k) if power is not None and power[1] > 1 and layers <= k and k <= 256 else None
    extra = power is not None and n == k * k  # the layers are a round of their own
    out: Rounds = []
    for t in range(rounds):
        rooms: list[list[int]] = [[] for _ in range(k)]
        period = k + 1 if extra else k
        slope = t % period
        for i, person in enumerate(order):
            a, b = divmod(i, k)
            if extra and slope == k:
                room = a
            elif field is not None:
                room = field.add[b][field.mul[slope][a]]
            else:
                room = (b + slope * a) % k
            rooms[room].append(person)
        out.append(rooms)
    return out


def grid_is_clean(k: int, layers: int, rounds: int) -> bool:
    """Whether ``grid`` meets nobody twice: over GF(k) up to k rounds, mod k while t * d never repeats."""
    power = prime_power(k)
    if power is not None and (power[1] == 1 or k <= 256) and layers <= k:
        return rounds <= k + (1 if layers == k else 0)
    from math import gcd

    worst = max((gcd(d, k) for d in range(1, layers)), default=1)
    return rounds <= k // worst


# --- affine space AG(3, q) --------------------------------------------------------------------------------------------


def affine_space(q: int, dim: int = 3) -> Rounds:
    """AG(dim, q): q^dim points, rooms of q (the lines of one direction), one round per direction (a point of
    PG(dim - 1, q)): (q^dim - 1) / (q - 1) rounds, everyone meeting everyone once (q^2 + q + 1 rounds for dim 3)."""
    f = Field(q)
    points = list(itertools.product(range(q), repeat=dim))
    index = {pt: i for i, pt in enumerate(points)}
    # Directions: non-zero vectors whose first non-zero coordinate is 1.
    directions = [d for d in points if any(d) and d[next(i for i, c in enumerate(d) if c)] == 1]
    out: Rounds = []
    for d in directions:
        seen: set[int] = set()
        rooms = []
        for pt in points:
            if index[pt] in seen:
                continue
            line = []
            for lam in range(q):
                image = tuple(f.add[x][f.mul[lam][y]] for x, y in zip(pt, d, strict=True))
                line.append(index[image])
            seen.update(line)
            rooms.append(line)
        out.append(rooms)
    return out


def round_robin(n: int) -> Rounds:
    """Rooms of 2 for an even n: the circle method, n - 1 rounds, everyone meeting everyone once."""
    out: Rounds = []
    ring = list(range(n - 1))
    for t in range(n - 1):
        turned = ring[t:] + ring[:t]
        rooms = [[n - 1, turned[0]]] + [[turned[i], turned[n - 1 - i]] for i in range(1, n // 2)]
        out.append(rooms)
    return out


# --- partial spreads in GF(p)^m ---------------------------------------------------------------------------------------


def partial_spread(p: int, m: int, j: int, want: int, deadline: float) -> Rounds:
    """Cosets of j-dimensional subspaces of GF(p)^m (p prime) that pairwise meet only in 0: up to ``want`` rounds."""
    n = p**m

    def vec_add(a: int, b: int) -> int:
        out, scale = 0, 1
        for _ in range(m):
            out += ((a % p + b % p) % p) * scale
            a //= p
            b //= p
            scale *= p
        return out

    def vec_scale(c: int, a: int) -> int:
        out, scale = 0, 1
        for _ in range(m):
            out += (c * (a % p) % p) * scale
            a //= p
            scale *= p
        return out

    def span(basis: Sequence[int]) -> frozenset[int]:
        elems = {0}
        for b in basis:
            elems = {vec_add(e, vec_scale(c, b)) for e in elems for c in range(p)}
        return frozenset(elems)

    subspaces: dict[frozenset[int], None] = {}
    rng = random.Random(p * 1000 + m * 10 + j)
    budget = 200_000
    for basis in itertools.combinations(range(1, n), j):
        budget -= 1
        if budget < 0:
            break
        s = span(basis)
        if len(s) == p**j:
            subspaces.setdefault(s, None)
    spaces = [s - {0} for s in subspaces]
    rng.shuffle(spaces)
    best: list[frozenset[int]] = []
    nodes = 0

    def dfs(chosen: list[frozenset[int]], used: frozenset[int], start: int) -> bool:
        nonlocal best, nodes
        nodes += 1
        if len(chosen) > len(best):
            best = list(chosen)
        if len(best) >= want or time.perf_counter() > deadline or nodes > 50_000:
            return True
        for i in range(start, len(spaces)):
            if not spaces[i] & used:
                chosen.append(spaces[i])
                if dfs(chosen, used | spaces[i], i + 1):
                    return True
                chosen.pop()
        return False

    dfs([], frozenset(), 0)
    out: Rounds = []
    for s in best:
        space = s | {0}
        seen: set[int] = set()
        rooms = []
        for x in range(n):
            if x not in seen:
                coset = sorted(vec_add(x, v) for v in space)
                seen.update(coset)
                rooms.append(coset)
        out.append(rooms)
    return out


# --- packings of PG(3, q) ---------------------------------------------------------------------------------------------


def pg3_packing(q: int, deadline: float, seed: int = 0, max_spreads: int = 200_000) -> Rounds | None:
    """q^2 + q + 1 rounds of q^2 + 1 rooms of q + 1 (a resolvable 2-(v, q+1, 1) design, v = (q^4-1)/(q-1)): the
    lines of PG(3, q) packed into spreads. Every spread (10 disjoint lines through all 40 points for q = 3) is
    listed by a depth-first search, then spreads that share no line are chosen until every line is used, the line
    with the fewest spreads left first (8,424 spreads and a packing in well under a second for q = 3)."""
    f = Field(q)

    def normal(v: tuple[int, ...]) -> tuple[int, ...]:
        lead = next(c for c in v if c)
        inv = f.inv[lead]
        return tuple(f.mul[inv][c] for c in v)

    points = [v for v in itertools.product(range(q), repeat=4) if any(v) and normal(v) == v]
    index = {v: i for i, v in enumerate(points)}
    found: dict[frozenset[int], None] = {}
    for u, v in itertools.combinations(points, 2):
        members = {index[v]}
        for mu in range(q):
            members.add(index[normal(tuple(f.add[a][f.mul[mu][b]] for a, b in zip(u, v, strict=True)))])
        found.setdefault(frozenset(members), None)
    lines = list(found)
    line_mask = [sum(1 << x for x in line) for line in lines]
    through = [[i for i, line in enumerate(lines) if x in line] for x in range(len(points))]
    everyone = (1 << len(points)) - 1
    spreads: list[int] = []  # bitmasks over lines

    def spread(used: int, chosen: int) -> bool:
        if used == everyone:
            spreads.append(chosen)
            return len(spreads) >= max_spreads or (len(spreads) % 1024 == 0 and time.perf_counter() > deadline)
        free = everyone & ~used
        x = (free & -free).bit_length() - 1
        for i in through[x]:
            if not line_mask[i] & used and spread(used | line_mask[i], chosen | 1 << i):
                return True
        return False

    spread(0, 0)
    if time.perf_counter() > deadline:
        return None
    by_line: list[list[int]] = [[] for _ in lines]
    for sp in spreads:
        rest = sp
        while rest:
            low = rest & -rest
            by_line[low.bit_length() - 1].append(sp)
            rest ^= low
    rng = random.Random(seed)
    for options in by_line:
        rng.shuffle(options)
    all_lines = (1 << len(lines)) - 1
    packing: list[int] = []
    nodes = 0

    def pack(used: int) -> bool:
        nonlocal nodes
        if used == all_lines:
            return True
        nodes += 1
        if nodes % 64 == 0 and time.perf_counter() > deadline:
            nodes = -(1 << 60)
        if nodes < 0:
            return False
        best: list[int] | None = None
        free = all_lines & ~used
        while free:
            low = free & -free
            free ^= low
            fits = [sp for sp in by_line[low.bit_length() - 1] if not sp & used]
            if best is None or len(fits) < len(best):
                best = fits
                if len(fits) <= 1:
                    break
        for sp in best or []:
            packing.append(sp)
            if pack(used | sp):
                return True
            packing.pop()
        return False

    if not pack(0):
        return None
    out: Rounds = []
    for sp in packing:
        out.append([sorted(lines[i]) for i in range(len(lines)) if (sp >> i) & 1])
    return out
