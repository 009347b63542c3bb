"""Language communities: when attendees share no language, who plans with whom for the whole session.

Most meetings have a main language (the most spoken) and a few people who do not speak it. Planning round by round
in language classes made the whole meeting a patchwork of small classes: the designs that meet nobody twice no
longer applied, and rooms repeated. Instead the attendees are split once into communities, each planned on its own
with the full planner (designs, search): the main language's, and one per other language that its speakers need,
filled up with people who speak both so it is large enough to meet new people every round. Someone whose language
has too few speakers for that cannot have a room in it round after round; they plan with the main community, and
their rooms are reported as without a shared language (unavoidable).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from convener.networking.engine.model import Attendee, RoomSize, splittable


@dataclass(frozen=True)
class Community:
    language: str
    members: tuple[int, ...]  # indices into the attendees, in their order


def communities(attendees: list[Attendee], size: RoomSize, rounds: int, target: float) -> list[Community]:
    """Split ``attendees`` into language communities, the main one first; each community's people all speak its
    language, except people excused into the main one (see the module docstring)."""
    speakers = Counter(lang for a in attendees for lang in a.languages)
    if not speakers:
        return [Community("", tuple(range(len(attendees))))]
    main = min(speakers, key=lambda lang: (-speakers[lang], lang))
    needing = [i for i, a in enumerate(attendees) if a.languages and main not in a.languages]
    # Each person who needs another language first goes where the most people speak one of theirs.
    choice = {i: min(attendees[i].languages, key=lambda lang: (-speakers[lang], lang)) for i in needing}
    smallest = max(size.min, (size.min - 1) * rounds + 1)  # room for meeting new people every round
    excused: set[int] = set()

    def grouped() -> dict[str, list[int]]:
        groups: dict[str, list[int]] = {}
        for i in needing:
            if i not in excused:
                groups.setdefault(choice[i], []).append(i)
        return groups

    def unviable(groups: dict[str, list[int]]) -> list[tuple[str, list[int]]]:
        return [
            (lang, must)
            for lang, must in sorted(groups.items(), key=lambda g: (len(g[1]), g[0]))
            if not _viable(attendees, main, lang, must, size, smallest)
        ]

    for _ in range(len(speakers) + 1):
        groups = grouped()
        bad = unviable(groups)
        if not bad:
            break
        lang, must = bad[0]
        for i in must:  # another of their languages that others need too, else excused
            others = sorted(
                (x for x in attendees[i].languages if x != lang and x in groups), key=lambda x: (-speakers[x], x)
            )
            if others:
                choice[i] = others[0]
            else:
                excused.add(i)
    for _, must in unviable(grouped()):
        excused.update(must)
    groups = grouped()
    out: list[Community] = []
    taken: set[int] = set()
    for lang, must in sorted(groups.items(), key=lambda g: (len(g[1]), g[0])):
        wanted = max(2 * len(must), math.ceil(target) ** 2, (math.ceil(target) - 1) * rounds + 1)
        members = list(must)
        for i, a in enumerate(attendees):
            if len(members) >= wanted:
                break
            if i not in taken and main in a.languages and lang in a.languages:
                members.append(i)
        taken.update(members)
        out.append(Community(lang, tuple(sorted(members))))
    rest = tuple(i for i in range(len(attendees)) if i not in taken)
    return [Community(main, rest), *out]


def _viable(attendees: list[Attendee], main: str, lang: str, must: list[int], size: RoomSize, smallest: int) -> bool:
    bilingual = sum(1 for a in attendees if main in a.languages and lang in a.languages)
    return splittable(len(must) + bilingual, size) and len(must) + bilingual >= smallest
