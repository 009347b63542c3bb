"""Local search for the breakout planner: tabu search over swaps of the ``State``, scored with numpy.

One step picks a round with conflicts (or any round once there are none), takes the people in trouble there
(at most ``ROWS``), and scores every swap of one of them with anybody else in that round at once with numpy
(arrays rows x n x room size). The best swap that is not tabu (unless it beats the best cost so far) is made.
After ``stall`` steps without a new best the search goes back to the best state and kicks it with a few random
swaps (Dotu and Van Hentenryck's tabu search for the social golfer problem works the same way).
"""

from __future__ import annotations

import time
from typing import TypedDict

import numpy as np
import numpy.typing as npt

from convener.networking.engine.problem import IntArray, pair_weight
from convener.networking.engine.starts import greedy
from convener.networking.engine.state import Cost, State, better

ROWS = 48  # people in trouble scored per step


class Effort(TypedDict):
    stall: int  # steps without a new best before a kick back to the best
    patience: int  # steps without gain once conflict-free
    give_up: int  # steps without a new best while conflicts remain


def effort_for(n: int, rounds: int, effort: float = 1.0) -> Effort:
    """How long the search goes on without progress, for n people and this many rounds."""
    return {
        "stall": max(50, 6 * n),
        "patience": 50 if n > 500 else 100,
        "give_up": int(effort * max(200, 10 * n * rounds)),
    }


def step_seconds(n: int, rounds: int, room: int) -> float:
    """A step's cost in seconds, estimated on the slow side (1.5-2 times what a 2-core machine measured): the planner
    turns its time budget into steps with it, so that the same budget gives the same plan on any machine that is
    not slower than that."""
    work = (rounds if rounds * n * n * room <= DENSE_LIMIT else 1) * n * n * room
    return 1e-3 + 8e-9 * work + 2e-6 * n


DENSE_LIMIT = 1_500_000  # rounds x n x n x room size up to which every swap of every round is scored each step
FULL_ROUND_LIMIT = 600_000  # n x n x room size up to which a conflict-free step scores every swap of a round


def search(
    state: State,
    free: list[int],
    rng: np.random.Generator,
    deadline: float,
    *,
    soft_floor: float = 0.0,
    patience: int = 400,
    stall: int = 300,
    max_steps: int | None = None,
    tenure: tuple[int, int] | None = None,
    restart_after: int = 10,
    give_up: int | None = None,
) -> tuple[State, bool]:
    """Improve ``state`` by swaps in the rounds ``free``; the best state and whether the search ended by itself
    (no conflicts and the soft cost at ``soft_floor``, or ``patience`` steps in a row without improvement once the
    hard conflicts are gone) rather than by the deadline or ``max_steps``.

    After ``stall`` steps without a new best of the current run the search goes back to that best and kicks it;
    after ``restart_after`` such kicks in a row while conflicts remain, it starts a new run from a fresh greedy
    construction of the free rounds (the best of all runs is kept). After ``give_up`` steps without a new best of
    all runs while conflicts remain, it stops (and counts as ended by itself): conflicts are then likely forced.

    While there are conflicts (repeats, rooms without a shared language) each step makes the best swap involving
    someone in conflict (over every round at once when the arrays are small). Without conflicts a step takes one
    round and makes every improving swap it can at once (swaps of disjoint pairs of rooms do not interact), or the
    best non-tabu swap when none improves."""
    pb = state.pb
    n = pb.n
    best = state.clone()  # of this run
    overall = state.clone()
    kicks = since_overall = 0

    def done(c: Cost) -> bool:
        return c[0] == 0 and c[1] == 0 and c[2] <= soft_floor + 1e-9

    if not free or n < 2 or done(state.cost):
        return best, True
    dense = len(free) * n * n * state.S <= DENSE_LIMIT
    full_round = n * n * state.S <= FULL_ROUND_LIMIT
    lo, hi = tenure if tenure is not None else (4, 4 + max(6, n // 4))
    position = {r: f for f, r in enumerate(free)}
    tabu_until = np.zeros((len(free), n, n), dtype=np.int64) if dense else None
    tabu: dict[tuple[int, int, int], int] = {}
    weights = None
    if dense and (pb.w_node or pb.w_region or pb.w_interest):
        everyone = np.arange(n + 1)
        weights = pair_weight(pb, everyone[:, None], everyone[None, :])
        weights[everyone, everyone] = 0.0
        weights[n, :] = weights[:, n] = 0.0
    free_arr = np.array(free, dtype=np.int64)
    step = since_best = since_kick = 0
    soft_rr = 0
    order = rng.permutation(n)
    chunk = 0

    def forbid(r: int, p: int, q: int) -> None:
        until = step + int(rng.integers(lo, hi + 1))
        if tabu_until is not None:
            f = position[r]
            tabu_until[f, p, q] = tabu_until[f, q, p] = until
        else:
            tabu[(r, min(p, q), max(p, q))] = until

    def mask_tabu(
        delta: npt.NDArray[np.float64],
        r: int,
        P: IntArray,
        d_lang: IntArray,
        d_rep: IntArray,
        d_soft: npt.NDArray[np.float64],
    ) -> None:
        """Tabu swaps of round r (rows P) become inf unless they would make a new best."""
        if tabu_until is not None:
            banned = tabu_until[position[r]][P] > step
            if not banned.any():
                return
            rows, cols = np.nonzero(banned)
        else:
            if not tabu:
                return
            for key in [key for key, until in tabu.items() if until <= step]:
                del tabu[key]
            where = {int(x): i for i, x in enumerate(P)}
            pairs = [(where[u], v) for (tr, a, b) in tabu if tr == r for u, v in ((a, b), (b, a)) if u in where]
            if not pairs:
                return
            rows = np.array([i for i, _ in pairs], dtype=np.int64)
            cols = np.array([v for _, v in pairs], dtype=np.int64)
        for i, v in zip(rows.tolist(), cols.tolist(), strict=True):
            if np.isfinite(delta[i, v]):
                after = (
                    state.cost[0] + int(d_lang[i, v]),
                    state.cost[1] + int(d_rep[i, v]),
                    state.cost[2] + float(d_soft[i, v]),
                )
                if not better(after, best.cost):
                    delta[i, v] = np.inf

    def apply(r: int, p: int, q: int, change: tuple[int, int, float]) -> None:
        state.swap(r, p, q)
        state.cost = (state.cost[0] + change[0], state.cost[1] + change[1], state.cost[2] + change[2])
        forbid(r, p, q)

    while True:
        if better(state.cost, best.cost):
            best.copy_from(state)
            since_best = since_kick = kicks = 0
            if better(best.cost, overall.cost):
                overall.copy_from(best)
                since_overall = 0
            if done(best.cost):
                return overall, True
        if time.perf_counter() > deadline:
            return overall, False
        if max_steps is not None and step >= max_steps:
            return overall, False
        hard = best.cost[0] > 0 or best.cost[1] > 0
        if not hard and since_best >= patience:
            return overall, True
        if hard and give_up is not None and since_overall >= give_up:
            return overall, True
        if since_kick >= stall:
            tabu.clear()
            if tabu_until is not None:
                tabu_until[...] = 0
            kicks += 1
            if hard and kicks > restart_after and not pb.check_languages:
                rounds = state.rounds()
                fixed: list[list[list[int]] | None] = [None if r in position else rnd for r, rnd in enumerate(rounds)]
                sizes = [[len(room) for room in rnd] for rnd in rounds]
                fresh = State(pb, greedy(pb, sizes, rng, fixed=fixed))
                state.copy_from(fresh)
                best.copy_from(fresh)
                kicks = 0
            else:
                state.copy_from(best)
                kick(state, free, rng)
            since_kick = 0
        step += 1
        since_best += 1
        since_kick += 1
        since_overall += 1
        reps = state.repeats_per_person()
        shared = state.shared_except_me() if pb.check_languages else None
        trouble = reps > 0
        if shared is not None:
            trouble |= ~((shared & pb.languages[None, :n]) != 0).any(axis=-1)
        counts = trouble[free].sum(axis=1)
        if counts.sum() > 0 and dense:
            # Every swap of every free round that involves someone in conflict.
            d_lang, d_rep, d_soft = state.deltas_all(free_arr, shared, weights)
            t = trouble[free_arr]
            d_lang[~(t[:, :, None] | t[:, None, :])] = n
            delta = pb.big_language * d_lang + pb.big_repeat * d_rep + d_soft
            delta[d_lang >= n] = np.inf
            assert tabu_until is not None
            banned = tabu_until > step
            if banned.any():
                c0, c1, c2 = state.cost
                b0, b1, b2 = best.cost
                a0, a1, a2 = c0 + d_lang, c1 + d_rep, c2 + d_soft
                aspire = (a0 < b0) | ((a0 == b0) & (a1 < b1)) | ((a0 == b0) & (a1 == b1) & (a2 < b2 - 1e-9))
                delta[banned & ~aspire] = np.inf
            low = delta.min()
            if not np.isfinite(low):
                continue
            choices = np.flatnonzero(delta.ravel() <= low + 1e-9)
            pick = int(choices[int(rng.integers(len(choices)))])
            f, rest = divmod(pick, n * n)
            p, q = divmod(rest, n)
            apply(free[f], p, q, (int(d_lang[f, p, q]), int(d_rep[f, p, q]), float(d_soft[f, p, q])))
            continue
        if counts.sum() > 0:
            r = free[int(rng.choice(len(free), p=counts / counts.sum()))]
            P = np.flatnonzero(trouble[r])
            if P.size > ROWS:
                P = rng.choice(P, size=ROWS, replace=False)
        else:
            r = free[soft_rr % len(free)]
            soft_rr += 1
            if full_round:
                P = np.arange(n)
            else:
                size = min(n, 2 * ROWS)
                P = order[np.arange(chunk, chunk + size) % n]
                chunk = (chunk + size) % n
        P = np.sort(P).astype(np.int64)
        d_lang, d_rep, d_soft = state.deltas(r, P, shared)
        delta = pb.big_language * d_lang + pb.big_repeat * d_rep + d_soft
        delta[d_lang >= n] = np.inf
        mask_tabu(delta, r, P, d_lang, d_rep, d_soft)
        if counts.sum() == 0:
            gains = np.flatnonzero(delta.ravel() < -1e-9)
            if gains.size:
                # Every improving swap of this round on disjoint pairs of rooms, the best first.
                gains = gains[np.argsort(delta.ravel()[gains], kind="stable")]
                used: set[int] = set()
                room = state.room_of[r]
                for pick in gains.tolist():
                    i, q = divmod(pick, n)
                    p = int(P[i])
                    a, b = int(room[p]), int(room[q])
                    if a in used or b in used:
                        continue
                    used.update((a, b))
                    apply(r, p, q, (int(d_lang[i, q]), int(d_rep[i, q]), float(d_soft[i, q])))
                continue
        low = delta.min()
        if not np.isfinite(low):
            continue
        choices = np.flatnonzero(delta.ravel() <= low + 1e-9)
        pick = int(choices[int(rng.integers(len(choices)))])
        i, q = divmod(pick, n)
        apply(r, int(P[i]), q, (int(d_lang[i, q]), int(d_rep[i, q]), float(d_soft[i, q])))


def kick(state: State, free: list[int], rng: np.random.Generator) -> None:
    """A few random swaps in the free rounds, of people in conflict when there are any."""
    n = state.pb.n
    reps = state.repeats_per_person()
    for _ in range(int(rng.integers(2, 5))):
        counts = reps[free].sum(axis=1)
        if counts.sum():
            r = free[int(rng.choice(len(free), p=counts / counts.sum()))]
            p = int(rng.choice(np.flatnonzero(reps[r] > 0)))
        else:
            r = free[int(rng.integers(len(free)))]
            p = int(rng.integers(n))
        others = np.flatnonzero(state.room_of[r] != state.room_of[r, p])
        if others.size == 0:
            return
        state.swap(r, p, int(rng.choice(others)))
    state.cost = state.total_cost()
