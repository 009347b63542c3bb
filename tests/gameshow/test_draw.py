"""Drawing teams: nobody twice before everyone present once, regions and nodes mixed, never the hosts or the
helpdesk; the pure picker and the service."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from convener.gameshow import selectors, services
from convener.gameshow.draw import Candidate, pick
from convener.gameshow.models import Draw
from tests.factories import NodeFactory, ParticipantFactory, RegionFactory, UserFactory

candidates = st.lists(
    st.builds(
        Candidate,
        id=st.integers(1, 10**6),
        region=st.sampled_from("abcd"),
        node=st.sampled_from("uvwxyz"),
        draws=st.integers(0, 3),
    ),
    unique_by=lambda c: c.id,
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(candidates, st.integers(1, 10), st.integers(0, 1000))
def test_the_least_drawn_go_first(people, size, seed):
    ids = pick(people, size, random.Random(seed))
    assert len(ids) == min(size, len(people)) and len(set(ids)) == len(ids)
    chosen = [c for c in people if c.id in ids]
    left = [c for c in people if c.id not in ids]
    if chosen and left:
        assert max(c.draws for c in chosen) <= min(c.draws for c in left)


def test_regions_and_nodes_are_mixed():
    people = [Candidate(i, region="ab"[i % 2] if i < 8 else "c", node=f"n{i % 4}", draws=0) for i in range(9)]
    for seed in range(20):
        chosen = [people[i] for i in pick(people, 3, random.Random(seed))]
        assert {c.region for c in chosen} == {"a", "b", "c"}


@pytest.mark.django_db
def test_drawing_cycles_through_everyone_present_before_anyone_again(show, personas):
    regions = [RegionFactory() for _ in range(3)]
    nodes = [NodeFactory(region=regions[i % 3]) for i in range(6)]
    people = [
        ParticipantFactory(
            meeting=personas.meeting, node=nodes[i % 6], name=f"P{i}", user=UserFactory(username=f"p{i}")
        )
        for i in range(7)
    ]
    for person in [*people, personas.facilitator, personas.organiser, personas.guest]:
        services.presence_mark(show=show, participant=person)
    services.presence_mark(show=show, participant=people[0])  # twice: still one presence
    nodes_team, helpdesk = show.teams.all()
    services.member_set(show=show, by=personas.organiser, participant_id=people[6].pk, team_id=helpdesk.pk)
    drawn_sets = [
        {
            p.pk
            for p in services.team_draw(
                show=show, by=personas.facilitator, team_id=nodes_team.pk, size=3, rng=random.Random(i)
            )
        }
        for i in range(4)
    ]
    pool = {p.pk for p in people[:6]}  # not the helpdesk's member, not hosts, not guests
    assert all(s <= pool for s in drawn_sets)
    assert drawn_sets[0] | drawn_sets[1] == pool  # six people, two draws of three: everyone once
    counts = Counter(Draw.objects.values_list("participant_id", flat=True))
    assert set(counts.values()) == {2}
    assert {p.pk for p in selectors.team_of_members(nodes_team)} == drawn_sets[3]
    first = [p for p in people if p.pk in drawn_sets[0]]
    assert len({p.node.region_id for p in first}) == 3


@pytest.mark.django_db
def test_drawing_refuses_bad_input(show, personas):
    nodes_team, helpdesk = show.teams.all()
    with pytest.raises(ValidationError, match="Nobody is here"):
        services.team_draw(show=show, by=personas.organiser, team_id=nodes_team.pk, size=2)
    services.presence_mark(show=show, participant=personas.participant)
    for team_id, size, message in [
        (helpdesk.pk, 2, "helpdesk is not drawn"),
        (nodes_team.pk, 0, "Draw 1 to 20"),
        ("x", 2, "Choose a team"),
        (nodes_team.pk, "many", "Choose a team"),
    ]:
        with pytest.raises(ValidationError, match=message):
            services.team_draw(show=show, by=personas.organiser, team_id=team_id, size=size)
    with pytest.raises(PermissionDenied):
        services.team_draw(show=show, by=personas.participant, team_id=nodes_team.pk, size=1)
    drawn = services.team_draw(show=show, by=personas.organiser, team_id=nodes_team.pk, size=5)
    assert drawn == [personas.participant]
