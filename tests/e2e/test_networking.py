"""Speed networking in a real browser: the organiser starts rounds, a participant's screen follows without reloading."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connections
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
    plan = off_the_loop(
        services.plan_configure,
        session=session,
        by=personas.organiser,
        rounds=3,
        minutes_per_round=8,
        room_min=3,
        room_max=4,
    )
    off_the_loop(services.plan_generate, plan=plan, by=personas.organiser, time_budget=30)
    return session


def off_the_loop(service, **kwargs):
    """Call a service in another thread: Playwright's event loop runs in this one, and a service that broadcasts
    after commit (async_to_sync) may not run beside it. The thread's database connection is closed before it ends
    (on PostgreSQL an unclosed one is an error when it is collected)."""

    def call():
        try:
            return service(**kwargs)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result()


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


def test_a_card_opened_before_the_rounds_were_planned_shows_round_1_live(personas, open_asgi_page):
    """The page is connected from the start: planning and starting round 1 reach it without the 30 s refresh."""
    regions = [RegionFactory(name=name) for name in ("Africa", "Asia", "Europe")]
    nodes = [NodeFactory(name=f"Node {i}", region=regions[i % 3]) for i in range(6)]
    for i in range(8):
        ParticipantFactory(meeting=personas.meeting, node=nodes[i % 6], user=UserFactory(username=f"early{i}"))
    session = SessionFactory(
        meeting=personas.meeting, kind="networking", starts_at=datetime(2027, 3, 26, 15, tzinfo=UTC)
    )
    participant = signed_in(open_asgi_page, personas.participant, "America/Bogota")
    participant.page.add_init_script("document.addEventListener('htmx:wsOpen', () => { window.socketOpen = true; });")
    participant.goto(f"/m/{personas.meeting.slug}/sessions/{session.pk}/rooms/")
    assert "not planned yet" in participant.page.locator("#card").inner_text()
    participant.page.wait_for_function("() => window.socketOpen === true", timeout=10_000)

    plan = off_the_loop(
        services.plan_configure,
        session=session,
        by=personas.organiser,
        rounds=2,
        minutes_per_round=8,
        room_min=3,
        room_max=4,
    )
    participant.page.wait_for_selector("#card >> text=Round 1 of 2 starts soon", timeout=2_000)
    off_the_loop(services.plan_generate, plan=plan, by=personas.organiser, time_budget=30)
    off_the_loop(services.round_start_next, plan=plan, by=personas.organiser)
    room, companions = room_of(personas.participant, 1)
    participant.page.wait_for_selector(f"#card >> text=Round 1 of 2 · Room {room}", timeout=2_000)
    text = participant.page.locator("#card").inner_text()
    assert all(name in text for name in companions)
    participant.check()


def test_two_waiting_screens_are_paired_by_their_heartbeat_without_a_click(
    personas, speed, open_asgi_page, monkeypatch
):
    from datetime import timedelta

    from convener.networking import icebreaker

    session = SessionFactory(
        meeting=personas.meeting,
        kind="icebreaker",
        title="Icebreaker",
        starts_at=datetime(2027, 3, 25, 14, tzinfo=UTC),
        ends_at=datetime(2027, 3, 25, 15, tzinfo=UTC),
    )
    clock = [session.starts_at + timedelta(minutes=5)]
    monkeypatch.setattr(icebreaker.timezone, "now", lambda: clock[0])
    two = list(personas.meeting.participants.filter(name__startswith="Member").order_by("name")[:2])
    screens = []
    for person in two:
        screen = signed_in(open_asgi_page, person, "Africa/Nairobi")
        screen.goto(f"/m/{personas.meeting.slug}/sessions/{session.pk}/icebreaker/")
        screen.page.get_by_role("button", name="Shuffle me").click()
        screen.page.wait_for_selector("text=Finding people you have not met yet")
        screens.append(screen)
    screens[1].page.wait_for_selector("text=2 people are waiting")
    clock[0] += timedelta(seconds=100)  # nobody clicks; the screens' heartbeat (every 15 s) applies the rule
    for screen, other in zip(screens, reversed(two), strict=True):
        screen.page.wait_for_selector("#icebreaker-card >> text=Group 1", timeout=25_000)
        assert other.name in screen.page.locator("#icebreaker-card").inner_text()
        screen.check()
