"""The icebreaker's "shuffle me": a small group for a newcomer among the people waiting, nobody met before."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass

from convener.networking.engine.model import Attendee, RoomSize, check_size


@dataclass(frozen=True)
class Group:
    """The icebreaker's "shuffle me": a small group of people the newcomer has not met yet."""

    members: tuple[str, ...]  # the newcomer first, then the others in the order they waited
    prompt: str = ""
    language: str = ""  # the language the whole group shares


PROMPTS = (
    "What is one thing your organisation learned this year that others here could use?",
    "Which project are you proudest of, and who helped you with it?",
    "What would you ask the network to help you with next month?",
    "What surprised you most in the sessions so far?",
    "Name a tool or habit that saves your team time every week.",
    "Which problem would you like to work on with someone from another region?",
)


def shuffle_into_group(
    newcomer: Attendee,
    waiting: list[Attendee],
    met: set[frozenset[str]],
    *,
    size: RoomSize,
    seed: int = 0,
) -> Group | None:
    """Pick from ``waiting`` a group for ``newcomer``: nobody they have met (pairs in ``met``), a shared
    language, mixed nodes; None when not enough people are waiting for the minimum room size."""
    check_size(size)
    rng = random.Random(seed)
    pool = [a for a in waiting if a.id != newcomer.id]

    def fresh(a: Attendee, b: Attendee) -> bool:
        return frozenset((a.id, b.id)) not in met

    best: tuple[tuple[int, ...], list[Attendee], str] | None = None
    for lang in sorted(newcomer.languages):
        for strict_node in (True, False):
            group = [newcomer]
            for cand in pool:
                if len(group) == size.max:
                    break
                if lang not in cand.languages or not all(fresh(cand, g) for g in group):
                    continue
                if strict_node and cand.node and any(cand.node == g.node for g in group):
                    continue
                group.append(cand)
            if len(group) < size.min:
                continue
            same_node = sum(1 for a, b in itertools.combinations(group, 2) if a.node and a.node == b.node)
            regions = len({g.region for g in group if g.region})
            waited = -sum(pool.index(g) for g in group[1:])  # people who waited longer first
            key = (-same_node, len(group), regions, waited, -sorted(newcomer.languages).index(lang))
            if best is None or key > best[0]:
                best = (key, group, lang)
    if best is None:
        return None
    _, group, lang = best
    return Group(tuple(g.id for g in group), prompt=rng.choice(PROMPTS), language=lang)
