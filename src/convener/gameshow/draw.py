"""Drawing a team from the people present: plain Python, no Django.

Fair first: nobody is drawn a second time before everyone present has been drawn once (the least-drawn are
taken first). Then mixed: within the level that cannot all be taken, each pick prefers a region the team does
not have yet, then a node it does not have yet; ties are broken at random.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    id: int
    region: str
    node: str
    draws: int  # how many times drawn before in this show


def pick(candidates: Sequence[Candidate], size: int, rng: random.Random) -> list[int]:
    """The ids of up to ``size`` candidates: least drawn first, then mixing regions and nodes."""
    chosen: list[Candidate] = []
    for level in sorted({c.draws for c in candidates}):
        if len(chosen) >= size:
            break
        pool = [c for c in candidates if c.draws == level]
        rng.shuffle(pool)
        while pool and len(chosen) < size:
            regions = {c.region for c in chosen}
            nodes = {c.node for c in chosen}
            best = max(
                pool,
                key=lambda c: ((c.region not in regions) if c.region else 0, (c.node not in nodes) if c.node else 0),
            )
            pool.remove(best)
            chosen.append(best)
    return [c.id for c in chosen]
