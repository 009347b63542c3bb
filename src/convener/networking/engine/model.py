"""The breakout engine's model: who attends, the room sizes, the weights, and a plan with its figures.

Also the arithmetic of room sizes that every part of the engine shares: which head counts fit rooms of a size
range, how many rooms to make, and their sizes.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Attendee:
    id: str
    node: str = ""  # "" = no node (never counts as the same node)
    region: str = ""  # "" = no region
    languages: frozenset[str] = frozenset({"en"})
    interests: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RoomSize:
    """Rooms hold between ``min`` and ``max`` people (for example 3-5), so any head count works."""

    min: int
    max: int


@dataclass(frozen=True)
class Weights:
    same_node: float = 10.0  # per pair of the same node in a room
    same_region: float = 1.0  # per pair of the same region in a room
    shared_interest: float = -0.5  # per pair sharing at least one interest (negative = a bonus)


@dataclass(frozen=True)
class Quality:
    repeat_pairs: int  # pairs who meet again, over all planned rounds (with the rounds already played)
    same_node_pairs: int
    mean_regions_per_room: float
    min_regions_per_room: int
    unmet_people: int  # people who met nobody new in some round (alone or only with old acquaintances)
    language_violations: int  # rooms without a language shared by all (0 unless impossible)
    cost: float  # the weighted soft cost of the planned rounds (same node, same region, shared interests)
    # Planned rounds, from the first, without a repeat meeting (all of them when repeat_pairs is 0).
    clean_rounds: int = 0
    new_meetings: int = 0  # pairs meeting for the first time in the planned rounds
    # Who sat in some planned room without a language shared by all (ids in the attendees' order).
    without_shared_language: tuple[str, ...] = ()


@dataclass(frozen=True)
class Plan:
    rounds: tuple[tuple[tuple[str, ...], ...], ...]  # the new rounds only: round -> rooms -> attendee ids
    quality: Quality
    seconds: float
    # True when the plan has no repeat meeting, or the exact search proved that no plan has fewer (for the rounds
    # before the first repeat, then the repeats); False when a longer search might still find a better plan.
    complete: bool
    # The route of the plan returned, the best of all tried: a construction ("grid", "partial spread", "greedy",
    # ...), "<construction>, then local search", "..., repeats pushed back", or "exact search".
    method: str = ""
    budget_reached: bool = False  # the time budget cut a search short (then the plan may depend on the machine)


# --- room sizes -------------------------------------------------------------------------------------------------------


def check_size(size: RoomSize) -> None:
    if size.min < 2:
        raise ValueError(f"rooms must hold at least 2 people (size.min is {size.min})")
    if size.min > size.max:
        raise ValueError(f"size.min ({size.min}) is larger than size.max ({size.max})")


def splittable(n: int, size: RoomSize) -> bool:
    return n > 0 and any(k * size.min <= n <= k * size.max for k in range(1, n // size.min + 1))


def room_count(n: int, size: RoomSize, target: float, rounds: int = 1) -> int:
    """The number of rooms (sizes differing by at most one, within the range) whose mean size is nearest target;
    for more than one round, rooms no larger than their number first: the next round needs everyone in a room from
    a different room of this one."""
    lo, hi = -(-n // size.max), n // size.min
    return min(range(lo, hi + 1), key=lambda k: (rounds > 1 and -(-n // k) > k, abs(n / k - target), k))


def balanced(n: int, k: int) -> list[int]:
    return [n // k + (1 if i < n % k else 0) for i in range(k)]
