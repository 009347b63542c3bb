"""The figures of a plan: repeat meetings, same-node pairs, regions per room, rooms without a shared language.

Used for every plan ``plan_rounds`` returns, and by the bench to judge other assignments (Zoom's random rooms).
"""

from __future__ import annotations

import itertools

from convener.networking.engine.model import Attendee, Quality, Weights


def quality_of(
    attendees: list[Attendee],
    rounds: list[list[list[str]]],
    *,
    played: list[list[list[str]]] | None = None,
    weights: Weights = Weights(),
) -> Quality:
    """The figures of a plan (also used to judge Zoom's random assignment in the bench)."""
    index = {a.id: i for i, a in enumerate(attendees)}
    n = len(attendees)
    met: set[int] = set()  # pairs i * n + j (i < j) who have met
    for rnd in played or []:
        for room in rnd:
            here = sorted({index[p] for p in room if p in index})
            met.update(i * n + j for i, j in itertools.combinations(here, 2))
    repeats = same_node = breaks = new_meetings = 0
    clean: int | None = None
    cost = 0.0
    regions: list[int] = []
    unmet: set[int] = set()
    stranded: set[int] = set()
    for r, rnd in enumerate(rounds):
        round_repeats = 0
        this_round: list[int] = []
        for room in rnd:
            unknown = sorted(p for p in room if p not in index)
            if unknown:
                raise ValueError(f"round {r + 1} has people who are not attendees: {', '.join(unknown[:5])}")
            members = sorted(index[p] for p in room)
            people = [attendees[i] for i in members]
            regions.append(len({a.region for a in people if a.region}))
            if not people or not frozenset.intersection(*(a.languages for a in people)):
                breaks += 1
                stranded.update(members)
            fresh: set[int] = set()
            for (i, a), (j, b) in itertools.combinations(zip(members, people, strict=True), 2):
                key = i * n + j
                if key in met:
                    round_repeats += 1
                else:
                    new_meetings += 1
                    fresh.update((i, j))
                this_round.append(key)
                if a.node and a.node == b.node:
                    same_node += 1
                    cost += weights.same_node
                if a.region and a.region == b.region:
                    cost += weights.same_region
                if a.interests & b.interests:
                    cost += weights.shared_interest
            unmet.update(i for i in members if i not in fresh)
        met.update(this_round)
        repeats += round_repeats
        if round_repeats and clean is None:
            clean = r
    return Quality(
        repeat_pairs=repeats,
        same_node_pairs=same_node,
        mean_regions_per_room=sum(regions) / len(regions) if regions else 0.0,
        min_regions_per_room=min(regions, default=0),
        unmet_people=len(unmet),
        language_violations=breaks,
        cost=cost,
        clean_rounds=len(rounds) if clean is None else clean,
        new_meetings=new_meetings,
        without_shared_language=tuple(attendees[i].id for i in sorted(stranded)),
    )
