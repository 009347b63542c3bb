"""The demo's speed networking planned as the organiser's page plans it: through the service, on the demo's people."""

from __future__ import annotations

import pytest

from convener.demo import build_demo
from convener.networking import services
from convener.networking.models import Seat
from convener.people.models import Participant
from convener.program.models import Session

pytestmark = pytest.mark.django_db


def test_the_demos_speed_networking_plans_without_repeats_or_same_node_pairs():
    """149 people, some of whom speak no English (Spanish, French, Uzbek, Tajik and Russian only): the language
    rule used to plan round by round in language classes, which left 11 repeats and 10 same-node pairs."""
    meeting = build_demo(seed=2021).meeting
    session = Session.objects.get(meeting=meeting, kind=Session.Kind.NETWORKING)
    organiser = Participant.objects.filter(meeting=meeting, role=Participant.Role.ORGANISER).first()
    plan = services.plan_configure(session=session, by=organiser, rounds=4, minutes_per_round=8, room_min=3, room_max=5)
    plan = services.plan_generate(plan=plan, by=organiser, time_budget=60)
    q = plan.quality
    assert q["people"] == 149
    assert (q["repeat_pairs"], q["same_node_pairs"], q["unmet_people"]) == (0, 0, 0)
    # Only the people whose language nobody else can share for four rounds sit in rooms without one.
    spanish_only = set(Participant.objects.filter(meeting=meeting, languages=["es"]).values_list("pk", flat=True))
    assert spanish_only
    for seat in Seat.objects.filter(participant_id__in=spanish_only).select_related("room"):
        room = Participant.objects.filter(seats__room=seat.room)
        assert all("es" in p.languages for p in room), seat.room

    # Between rounds: two played, the rest planned again, still nobody meeting twice.
    services.round_start_next(plan=plan, by=organiser)
    services.round_start_next(plan=plan, by=organiser)
    plan = services.plan_generate(plan=plan, by=organiser, time_budget=60)
    assert (plan.quality["repeat_pairs"], plan.quality["same_node_pairs"]) == (0, 0)
