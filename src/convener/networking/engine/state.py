"""The state of the breakout engine's local search: one plan, its meeting counts and its cost, and swaps.

The state is one assignment of people (indices 0..n-1) to rooms in each planned round, and the meeting counts
``M`` of every pair over the rounds already played and the planned ones. A move swaps two people of different
rooms in one round (room sizes never change). The cost is lexicographic through large weights: rooms without
a shared language, then pairs meeting again, then the soft cost (same node, same region, shared interests).
``deltas`` and ``deltas_all`` score many swaps at once with numpy for the search in ``tabu``.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from convener.networking.engine.problem import IntArray, Problem, add_meetings, pair_weight

Cost = tuple[int, int, float]  # rooms without a shared language, repeat meetings, soft cost


def better(a: Cost, b: Cost) -> bool:
    return a[:2] < b[:2] or (a[:2] == b[:2] and a[2] < b[2] - 1e-9)


class State:
    """Rooms of each round (padded with the index n), the meeting counts, and the cost."""

    def __init__(self, pb: Problem, rounds: list[list[list[int]]]) -> None:
        self.pb = pb
        n = pb.n
        self.R = len(rounds)
        self.K = max(len(r) for r in rounds)
        self.S = max(len(room) for r in rounds for room in r)
        self.mem = np.full((self.R, self.K, self.S), n, dtype=np.int64)
        self.room_of = np.zeros((self.R, n), dtype=np.int64)
        self.slot_of = np.zeros((self.R, n), dtype=np.int64)
        self.M = pb.history.copy()
        for r, rooms in enumerate(rounds):
            for k, room in enumerate(rooms):
                self.mem[r, k, : len(room)] = room
            members = self.mem[r]
            real = members < n
            self.room_of[r, members[real]] = np.nonzero(real)[0]
            self.slot_of[r, members[real]] = np.nonzero(real)[1]
            add_meetings(self.M, members)
        self.rows = self.mem[np.arange(self.R)[:, None], self.room_of]  # (R, n, S): each person's room
        self.cost = self.total_cost()

    def copy_from(self, other: State) -> None:
        self.mem[...] = other.mem
        self.room_of[...] = other.room_of
        self.slot_of[...] = other.slot_of
        self.M[...] = other.M
        self.rows[...] = other.rows
        self.cost = other.cost

    def clone(self) -> State:
        twin = object.__new__(State)
        twin.pb, twin.R, twin.K, twin.S = self.pb, self.R, self.K, self.S
        twin.mem, twin.room_of, twin.slot_of = self.mem.copy(), self.room_of.copy(), self.slot_of.copy()
        twin.M, twin.rows, twin.cost = self.M.copy(), self.rows.copy(), self.cost
        return twin

    def rounds(self) -> list[list[list[int]]]:
        n = self.pb.n
        return [[[int(x) for x in room if x < n] for room in self.mem[r] if (room < n).any()] for r in range(self.R)]

    # --- figures -----------------------------------------------------------------------------------------------

    def repeats_per_person(self) -> IntArray:
        """(R, n): roommates met at least twice over all rounds (each repeat pair is seen from both ends)."""
        n = self.pb.n
        counts: IntArray = (self.M[np.arange(n)[None, :, None], self.rows] >= 2).sum(axis=2)
        return counts

    def soft_per_person(self) -> npt.NDArray[np.float64]:
        """(R, n): soft cost of each person's pairs in their room."""
        n = self.pb.n
        me = np.arange(n)[None, :, None]
        soft: npt.NDArray[np.float64] = pair_weight(self.pb, me, self.rows).sum(axis=2)
        soft -= pair_weight(self.pb, me, me)[..., 0]
        return soft

    def shared_except_me(self) -> npt.NDArray[np.uint64]:
        """(R, n, words): the languages every roommate of a person speaks (the person left out)."""
        n = self.pb.n
        langs = self.pb.languages[self.rows]  # (R, n, S, words)
        mine = self.rows == np.arange(n)[None, :, None]
        langs = np.where(mine[..., None], np.uint64(0xFFFFFFFFFFFFFFFF), langs)
        shared: npt.NDArray[np.uint64] = np.bitwise_and.reduce(langs, axis=2)
        return shared

    def language_breaks_per_person(self) -> npt.NDArray[np.bool_]:
        """(R, n): whether a person's room has no language shared by all."""
        n = self.pb.n
        if not self.pb.check_languages:
            return np.zeros((self.R, n), dtype=bool)
        breaks: npt.NDArray[np.bool_] = ~((self.shared_except_me() & self.pb.languages[None, :n]) != 0).any(axis=-1)
        return breaks

    def total_cost(self) -> Cost:
        pb = self.pb
        n = pb.n
        hist = pb.history[:n, :n]
        now = self.M[:n, :n]
        new = now - hist
        # A meeting in a planned round is a repeat unless it is the pair's first meeting ever.
        reps = int((new - ((hist == 0) & (new > 0))).sum()) // 2
        soft = float(self.soft_per_person().sum()) / 2
        breaks = 0
        if pb.check_languages:
            per = self.language_breaks_per_person()
            breaks = int(sum(len(set(self.room_of[r][per[r]].tolist())) for r in range(self.R)))
        return breaks, reps, soft

    # --- moves ---------------------------------------------------------------------------------------------------

    def swap(self, r: int, p: int, q: int) -> None:
        n = self.pb.n
        a, b = self.room_of[r, p], self.room_of[r, q]
        i, j = self.slot_of[r, p], self.slot_of[r, q]
        room_a, room_b = self.mem[r, a], self.mem[r, b]
        others_a = room_a[(room_a < n) & (room_a != p)]
        others_b = room_b[(room_b < n) & (room_b != q)]
        M = self.M
        M[p, others_a] -= 1
        M[others_a, p] -= 1
        M[q, others_b] -= 1
        M[others_b, q] -= 1
        M[q, others_a] += 1
        M[others_a, q] += 1
        M[p, others_b] += 1
        M[others_b, p] += 1
        room_a[i], room_b[j] = q, p
        self.room_of[r, p], self.room_of[r, q] = b, a
        self.slot_of[r, p], self.slot_of[r, q] = j, i
        members_a = room_a[room_a < n]
        members_b = room_b[room_b < n]
        self.rows[r, members_a] = room_a
        self.rows[r, members_b] = room_b

    def deltas(
        self,
        r: int,
        P: IntArray,
        shared: npt.NDArray[np.uint64] | None,
    ) -> tuple[IntArray, IntArray, npt.NDArray[np.float64]]:
        """Changes (language breaks, repeats, soft cost) of swapping each person in P with each person 0..n-1
        in round r; swaps within a room are marked by a language change of n (never chosen)."""
        pb = self.pb
        n = pb.n
        M = self.M
        rows_r = self.rows[r]  # (n, S)
        rows_p = rows_r[P]  # (|P|, S)
        everyone = np.arange(n)
        d2 = (M[everyone[:, None], rows_r] >= 2).sum(axis=1)  # repeats each person has in their room now
        met_pq = (M[P][:, :n] >= 1).astype(np.int64)  # (|P|, n)
        # q joins p's room: roommates of p (other than p) q has met.
        x = (M[rows_p][:, :, :n] >= 1).sum(axis=1) - met_pq
        # p joins q's room: roommates of q (other than q) p has met.
        y = (M[P][:, rows_r] >= 1).sum(axis=2) - met_pq
        d_rep = x + y - d2[P][:, None] - d2[None, :]
        d_soft = np.zeros(d_rep.shape, dtype=np.float64)
        if pb.w_node or pb.w_region or pb.w_interest:
            cur = pair_weight(pb, everyone[:, None], rows_r).sum(axis=1) - pair_weight(pb, everyone, everyone)
            wa = pair_weight(pb, rows_p[:, :, None], everyone[None, None, :]).sum(axis=1)
            wb = pair_weight(pb, P[:, None, None], rows_r[None, :, :]).sum(axis=2)
            d_soft = wa + wb - 2 * pair_weight(pb, P[:, None], everyone[None, :]) - cur[P][:, None] - cur[None, :]
        d_lang = np.zeros(d_rep.shape, dtype=np.int64)
        if pb.check_languages and shared is not None:
            langs = pb.languages[:n]
            sh = shared[r]  # (n, words)
            old = ((sh & langs) != 0).any(axis=-1)  # (n,)
            new_a = ((sh[P][:, None, :] & langs[None, :, :]) != 0).any(axis=-1)  # q into p's room
            new_b = ((sh[None, :, :] & langs[P][:, None, :]) != 0).any(axis=-1)  # p into q's room
            d_lang = (~new_a).astype(np.int64) + (~new_b) - (~old[P]).astype(np.int64)[:, None] - (~old)[None, :]
        same = self.room_of[r][None, :] == self.room_of[r][P][:, None]
        d_lang[same] = n
        return d_lang, d_rep, d_soft

    def deltas_all(
        self,
        free: IntArray,
        shared: npt.NDArray[np.uint64] | None,
        weights: npt.NDArray[np.float64] | None,
    ) -> tuple[IntArray, IntArray, npt.NDArray[np.float64]]:
        """Like ``deltas`` for every swap in each round of ``free``: arrays (rounds, n, n); p and q swap rooms."""
        pb = self.pb
        n = pb.n
        rows = self.rows[free]  # (F, n, S)
        everyone = np.arange(n)
        met = self.M[:, :n] >= 1  # (n + 1, n), the padding row never met anyone
        x = met[rows].sum(axis=2, dtype=np.int64) - met[None, :n]  # q's acquaintances among p's roommates
        d2 = (self.M[everyone[None, :, None], rows] >= 2).sum(axis=2)
        d_rep = x + x.transpose(0, 2, 1) - d2[:, :, None] - d2[:, None, :]
        if weights is not None:
            wa = weights[rows][:, :, :, :n].sum(axis=2) - weights[None, :n, :n]
            cur = weights[everyone[None, :, None], rows].sum(axis=2)
            d_soft = wa + wa.transpose(0, 2, 1) - cur[:, :, None] - cur[:, None, :]
        else:
            d_soft = np.zeros(d_rep.shape, dtype=np.float64)
        d_lang = np.zeros(d_rep.shape, dtype=np.int64)
        if pb.check_languages and shared is not None:
            langs = pb.languages[:n]
            sh = shared[free]  # (F, n, words)
            fits = ((sh[:, :, None, :] & langs[None, None, :, :]) != 0).any(axis=-1)  # q into p's room
            old = ((sh & langs[None]) != 0).any(axis=-1)
            broken = (~fits).astype(np.int64)
            d_lang = broken + broken.transpose(0, 2, 1) - (~old)[:, :, None] - (~old)[:, None, :]
        rooms = self.room_of[free]
        d_lang[rooms[:, :, None] == rooms[:, None, :]] = n
        return d_lang, d_rep, d_soft
