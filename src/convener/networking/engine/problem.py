"""The planning problem in numpy arrays, shared by the constructions and the searches of the breakout engine.

People are indices 0..n-1, plus a padding person n (rooms of one round are rows of equal width): nodes and
regions as ids, interests and languages as bit masks, the meetings of the rounds already played as counts, and
the weights of the soft cost, with the large weights that put rooms without a shared language first and repeat
meetings second.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from convener.networking.engine.model import Attendee, RoomSize, Weights

IntArray = npt.NDArray[np.int64]
_ALL = np.uint64(0xFFFFFFFFFFFFFFFF)


@dataclass
class Problem:
    n: int
    node: IntArray  # n + 1 (the padding person n last): ids, unique negatives for "none"
    region: IntArray
    interests: npt.NDArray[np.uint64]  # (n + 1, words)
    languages: npt.NDArray[np.uint64]  # (n + 1, words); the padding person speaks everything
    history: npt.NDArray[np.int16]  # (n + 1, n + 1) meetings in the rounds already played
    w_node: float
    w_region: float
    w_interest: float
    check_languages: bool
    big_repeat: float  # more than the soft cost one swap can change: the repeats come first, swap by swap
    big_language: float  # more than big_repeat times the repeats one swap can change


def problem_of(
    attendees: list[Attendee],
    played: list[list[list[str]]],
    index: dict[str, int],
    weights: Weights,
    size: RoomSize,
) -> Problem:
    """The arrays for ``attendees`` (``index``: id -> position), with the meetings of the rounds ``played``."""
    n = len(attendees)

    def ids(values: list[str]) -> np.ndarray:
        known: dict[str, int] = {}
        out = np.empty(n + 1, dtype=np.int64)
        for i, v in enumerate(values):
            out[i] = known.setdefault(v, len(known)) if v else -2 - i  # "" never equals anyone
        out[n] = -1
        return out

    history = np.zeros((n + 1, n + 1), dtype=np.int16)
    for rnd in played:
        for room in rnd:
            here = sorted({index[p] for p in room if p in index})
            for a, b in itertools.combinations(here, 2):
                history[a, b] += 1
                history[b, a] += 1
    langs = _masks([a.languages for a in attendees], extra=True)
    shared = np.bitwise_and.reduce(langs[:n], axis=0) if n else langs[0]
    w_abs = abs(weights.same_node) + abs(weights.same_region) + abs(weights.shared_interest)
    big_repeat = 4 * size.max * w_abs + 1
    return Problem(
        n=n,
        node=ids([a.node for a in attendees]),
        region=ids([a.region for a in attendees]),
        interests=_masks([a.interests for a in attendees], extra=False),
        languages=langs,
        history=history,
        # A weight only counts when some pair can incur it.
        w_node=weights.same_node if _some_shared([a.node for a in attendees]) else 0.0,
        w_region=weights.same_region if _some_shared([a.region for a in attendees]) else 0.0,
        w_interest=weights.shared_interest if _overlap([a.interests for a in attendees]) else 0.0,
        check_languages=not bool((shared != 0).any()),
        big_repeat=big_repeat,
        big_language=big_repeat * 4 * size.max + 1,
    )


def _masks(sets: list[frozenset[str]], extra: bool) -> np.ndarray:
    """Bit masks (uint64 words) of string sets; ``extra`` adds a last row with every bit set (the padding)."""
    names = sorted({x for s in sets for x in s})
    bit = {name: i for i, name in enumerate(names)}
    words = max(1, -(-len(names) // 64))
    out = np.zeros((len(sets) + 1, words), dtype=np.uint64)
    for i, s in enumerate(sets):
        for name in s:
            b = bit[name]
            out[i, b // 64] |= np.uint64(1 << (b % 64))
    if extra:
        out[-1] = _ALL
    return out


def _some_shared(values: list[str]) -> bool:
    counts = Counter(v for v in values if v)
    return any(c > 1 for c in counts.values())


def _overlap(sets: list[frozenset[str]]) -> bool:
    counts = Counter(x for s in sets for x in s)
    return any(c > 1 for c in counts.values())


def pair_weight(pb: Problem, a: IntArray, b: IntArray) -> npt.NDArray[np.float64]:
    """Soft cost of a pair (broadcast over index arrays), self pairs included (callers take them out)."""
    out = np.zeros(np.broadcast_shapes(a.shape, b.shape), dtype=np.float64)
    if pb.w_node:
        out += pb.w_node * (pb.node[a] == pb.node[b])
    if pb.w_region:
        out += pb.w_region * (pb.region[a] == pb.region[b])
    if pb.w_interest:
        out += pb.w_interest * (pb.interests[a] & pb.interests[b]).any(axis=-1)
    return out


def add_meetings(M: npt.NDArray[np.int16], members: IntArray, sign: int = 1) -> None:
    """Count one meeting for every pair in each room of ``members`` (rooms x size, padded with n = len(M) - 1)."""
    n = M.shape[0] - 1
    a = np.broadcast_to(members[:, :, None], members.shape + members.shape[1:]).ravel()
    b = np.broadcast_to(members[:, None, :], members.shape + members.shape[1:]).ravel()
    keep = (a != b) & (a < n) & (b < n)
    np.add.at(M, (a[keep], b[keep]), sign)
