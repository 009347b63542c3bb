"""Speed networking in a real browser: the organiser starts rounds, a participant's screen follows without reloading."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from convener.networking import services
from convener.networking.models import Prompt, Seat
from tests.factories import NodeFactory, ParticipantFactory, RegionFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

UTC = ZoneInfo("UTC")
PROMPTS = ["What is your node proud of?", "Which data gap worries you most?"]


@pytest.fixture
def speed(personas):
    regions = [RegionFactory(name=name) for name in ("Africa", "Asia", "Europe")]
    nodes = [NodeFactory(name=f"GBIF Node {i}", region=regions[i % 3]) for i in range(6)]
    for i in range(10):
        ParticipantFactory(
            meeting=personas.meeting, node=nodes[i % 6], name=f"Member {i:02d}", user=UserFactory(username=f"member{i}")
        )
    for i, text in enumerate(PROMPTS):
        Prompt.objects.create(meeting=personas.meeting, text=text, order=i)
    session = SessionFactory(
        meeting=personas.meeting,
        kind="networking",
        title="Speed networking",
        starts_at=datetime(2027, 3, 26, 15, tzinfo=UTC),
    )
    plan = services.plan_configure(
        session=session, by=personas.organiser, rounds=3, minutes_per_round=8, room_min=3, room_max=4
    )
    services.plan_generate(plan=plan, by=personas.organiser, time_budget=30)
    return session


def signed_in(open_asgi_page, participant, zone: str):
    client = Client()
    client.force_login(participant.user)
    page = open_asgi_page(zone)
    page.page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base_url}]
    )
    return page


def room_of(participant, number: int) -> tuple[int, list[str]]:
    seat = Seat.objects.select_related("room").get(round__number=number, participant=participant)
    others = Seat.objects.filter(room=seat.room).exclude(participant=participant)
    return seat.room.number, sorted(s.participant.name for s in others)


def test_a_participant_follows_two_rounds_without_reloading(personas, speed, open_asgi_page):
    slug = personas.meeting.slug
    organiser = signed_in(open_asgi_page, personas.organiser, "Europe/Copenhagen")
    participant = signed_in(open_asgi_page, personas.participant, "America/Bogota")

    participant.page.add_init_script("document.addEventListener('htmx:wsOpen', () => { window.socketOpen = true; });")
    participant.goto(f"/m/{slug}/sessions/{speed.pk}/rooms/")
    card = participant.page.locator("#card")
    assert "Round 1 of 3 starts soon" in card.inner_text()
    participant.page.evaluate("window.stillTheSamePage = true")
    participant.page.wait_for_function("() => window.socketOpen === true")

    organiser.goto(f"/m/{slug}/sessions/{speed.pk}/rooms/manage/")
    for number in (1, 2):
        organiser.page.get_by_role("button", name=f"Start round {number}").click()
        organiser.page.wait_for_selector(f"text=Round {number} has started on every screen")
        organiser.check()
        room, companions = room_of(personas.participant, number)
        participant.page.wait_for_selector(f"#card >> text=Round {number} of 3 · Room {room}", timeout=10_000)
        text = card.inner_text()
        for name in companions:
            assert name in text
        assert f"Prompt: {PROMPTS[number - 1]}" in text
        assert (
            card.get_by_role("link", name=f"Join room {room}").get_attribute("href").startswith("https://meet.jit.si/")
        )
        participant.page.wait_for_selector("#card >> text=/\\d+:\\d\\d left in this round/")
        assert participant.page.evaluate("window.stillTheSamePage") is True, "the page reloaded"
        participant.check()


def test_shuffle_me_in_the_icebreaker_groups_a_waiting_screen_live(personas, speed, open_asgi_page, monkeypatch):
    from datetime import timedelta

    from convener.networking import icebreaker

    session = SessionFactory(
        meeting=personas.meeting,
        kind="icebreaker",
        title="Icebreaker",
        starts_at=datetime(2027, 3, 25, 14, tzinfo=UTC),
        ends_at=datetime(2027, 3, 25, 15, tzinfo=UTC),
    )
    during = session.starts_at + timedelta(minutes=5)
    monkeypatch.setattr(icebreaker.timezone, "now", lambda: during)
    others = list(personas.meeting.participants.filter(name__startswith="Member").order_by("name")[:2])
    first = signed_in(open_asgi_page, others[0], "Africa/Nairobi")
    first.page.add_init_script("document.addEventListener('htmx:wsOpen', () => { window.socketOpen = true; });")
    first.goto(f"/m/{personas.meeting.slug}/sessions/{session.pk}/icebreaker/")
    first.page.wait_for_function("() => window.socketOpen === true")
    first.page.get_by_role("button", name="Shuffle me").click()
    first.page.wait_for_selector("text=Finding people you have not met yet")
    first.check()
    icebreaker.shuffle_me(session=session, participant=others[1], now=during)

    me = signed_in(open_asgi_page, personas.participant, "America/Bogota")
    me.goto(f"/m/{personas.meeting.slug}/sessions/{session.pk}/icebreaker/")
    me.page.get_by_role("button", name="Shuffle me").click()
    me.page.wait_for_selector("#icebreaker-card >> text=Group 1")
    text = me.page.locator("#icebreaker-card").inner_text()
    assert others[0].name in text and others[1].name in text and "Prompt:" in text
    me.check()
    # The first person's screen, waiting all along, shows the same group without a reload.
    first.page.wait_for_selector("#icebreaker-card >> text=Group 1", timeout=10_000)
    assert personas.participant.name in first.page.locator("#icebreaker-card").inner_text()
    first.check()
