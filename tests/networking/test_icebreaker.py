"""The drop-in icebreaker: "shuffle me" groups people who have not met, with a prompt, live to every screen."""

from __future__ import annotations

from datetime import datetime, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from convener.networking import icebreaker, services
from convener.networking.models import IcebreakerGroup, IcebreakerTicket, Prompt
from tests.factories import NodeFactory, ParticipantFactory, RegionFactory, SessionFactory, UserFactory

UTC = ZoneInfo("UTC")
STARTS = datetime(2027, 3, 25, 14, tzinfo=UTC)
DURING = STARTS + timedelta(minutes=10)


@pytest.fixture
def drop_in(personas):
    """An icebreaker and 9 members from 5 nodes in 3 regions."""
    regions = [RegionFactory(name=name) for name in ("Africa", "Asia", "Europe")]
    nodes = [NodeFactory(name=f"Node {i}", region=regions[i % 3]) for i in range(5)]
    people = [
        ParticipantFactory(
            meeting=personas.meeting, node=nodes[i % 5], name=f"Member {i}", user=UserFactory(username=f"ice{i}")
        )
        for i in range(9)
    ]
    session = SessionFactory(
        meeting=personas.meeting,
        kind="icebreaker",
        title="Icebreaker",
        starts_at=STARTS,
        ends_at=STARTS + timedelta(hours=1),
    )
    return session, people


def members_of(group):
    return {t.participant_id for t in IcebreakerTicket.objects.filter(group=group)}


@pytest.mark.django_db
def test_the_third_person_forms_a_group_of_three_who_had_not_met(drop_in):
    session, people = drop_in
    first = icebreaker.shuffle_me(session=session, participant=people[0], now=DURING)
    second = icebreaker.shuffle_me(session=session, participant=people[1], now=DURING)
    assert first.group is None and second.group is None
    third = icebreaker.shuffle_me(session=session, participant=people[2], now=DURING)
    assert third.group is not None
    assert members_of(third.group) == {people[0].pk, people[1].pk, people[2].pk}
    assert third.group.prompt  # a conversation starter comes with every group
    card = icebreaker.card_for(session, people[0], now=DURING)
    assert card.state == "grouped"
    assert {p.pk for p in card.companions} == {people[1].pk, people[2].pk}
    assert card.link.startswith("https://meet.jit.si/") and third.group.token in card.link


@pytest.mark.django_db
def test_shuffling_again_never_puts_you_with_someone_you_met(drop_in):
    session, people = drop_in
    for person in people:
        icebreaker.shuffle_me(session=session, participant=person, now=DURING)
    later = DURING + timedelta(minutes=5)
    for person in people:
        icebreaker.shuffle_me(session=session, participant=person, now=later)
    groups = list(IcebreakerGroup.objects.filter(session=session))
    assert len(groups) >= 4
    seen: set[frozenset[int]] = set()
    for group in groups:
        pairs = {frozenset(pair) for pair in combinations(members_of(group), 2)}
        assert not pairs & seen, "two people met twice"
        seen |= pairs
        assert 3 <= len(members_of(group)) <= 4


@pytest.mark.django_db
def test_people_who_met_in_a_breakout_room_are_not_grouped_again(personas, drop_in):
    session, people = drop_in
    speed = SessionFactory(meeting=personas.meeting, kind="networking", starts_at=STARTS - timedelta(hours=2))
    plan = services.plan_configure(
        session=speed, by=personas.organiser, rounds=1, minutes_per_round=8, room_min=3, room_max=4
    )
    plan = services.plan_generate(plan=plan, by=personas.organiser)
    services.round_start_next(plan=plan, by=personas.organiser)
    met = icebreaker.met_pairs(personas.meeting.pk)
    assert met, "the played round's rooms count as met"
    for person in people:
        icebreaker.shuffle_me(session=session, participant=person, now=DURING)
    for group in IcebreakerGroup.objects.filter(session=session):
        pairs = {frozenset(map(str, pair)) for pair in combinations(members_of(group), 2)}
        assert not pairs & met


@pytest.mark.django_db
def test_someone_alone_long_enough_gets_a_pair(drop_in):
    session, people = drop_in
    icebreaker.shuffle_me(session=session, participant=people[0], now=DURING)
    ticket = icebreaker.shuffle_me(session=session, participant=people[1], now=DURING + timedelta(seconds=30))
    assert ticket.group is None
    ticket = icebreaker.shuffle_me(session=session, participant=people[1], now=DURING + timedelta(seconds=120))
    assert ticket.group is not None and members_of(ticket.group) == {people[0].pk, people[1].pk}


@pytest.mark.django_db
def test_the_meetings_prompt_bank_is_used_when_it_has_prompts(personas, drop_in):
    session, people = drop_in
    Prompt.objects.create(meeting=personas.meeting, text="Which dataset would you rescue first?")
    for person in people[:3]:
        ticket = icebreaker.shuffle_me(session=session, participant=person, now=DURING)
    assert ticket.group.prompt == "Which dataset would you rescue first?"


@pytest.mark.django_db
def test_stale_and_stopped_tickets_do_not_count_as_waiting(drop_in):
    session, people = drop_in
    icebreaker.shuffle_me(session=session, participant=people[0], now=DURING)
    icebreaker.shuffle_me(session=session, participant=people[1], now=DURING)
    icebreaker.stop_waiting(session=session, participant=people[1])
    later = DURING + icebreaker.STALE_AFTER + timedelta(minutes=1)
    icebreaker.shuffle_me(session=session, participant=people[2], now=later)
    ticket = icebreaker.shuffle_me(session=session, participant=people[3], now=later)
    assert ticket.group is None  # people[0] left the page long ago and people[1] stopped: two are waiting
    assert IcebreakerTicket.objects.filter(session=session, group__isnull=True).count() == 2


@pytest.mark.django_db
def test_closed_times_wrong_kinds_and_outsiders_are_refused(personas, drop_in):
    session, people = drop_in
    with pytest.raises(ValidationError, match="has not opened yet"):
        icebreaker.shuffle_me(session=session, participant=people[0], now=STARTS - timedelta(hours=1))
    with pytest.raises(ValidationError, match="has ended"):
        icebreaker.shuffle_me(session=session, participant=people[0], now=STARTS + timedelta(hours=2))
    panel = SessionFactory(meeting=personas.meeting, kind="panel", starts_at=STARTS)
    with pytest.raises(ValidationError, match="icebreaker sessions"):
        icebreaker.shuffle_me(session=panel, participant=people[0], now=DURING)
    with pytest.raises(PermissionDenied):
        icebreaker.shuffle_me(session=session, participant=personas.guest, now=DURING)
    assert not IcebreakerTicket.objects.exists()


@pytest.mark.django_db
def test_the_page_shuffles_through_htmx_and_shows_the_group(personas, drop_in, client: Client, monkeypatch):
    session, people = drop_in
    monkeypatch.setattr(icebreaker.timezone, "now", lambda: DURING)
    for person in people[:2]:
        icebreaker.shuffle_me(session=session, participant=person, now=DURING)
    client.force_login(people[2].user)
    url = reverse("networking:icebreaker", args=[personas.meeting.slug, session.pk])
    page = client.get(url)
    assert page.status_code == 200 and b">Shuffle me</button>" in page.content
    shuffle = reverse("networking:icebreaker_shuffle", args=[personas.meeting.slug, session.pk])
    response = client.post(shuffle, {"action": "shuffle"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="icebreaker-card"' in html and "Group 1" in html
    assert "Member 0" in html and "Member 1" in html and "Join group 1" in html


@pytest.mark.django_db
def test_the_page_says_when_the_icebreaker_opens_and_refuses_guests(personas, drop_in, client: Client):
    session, people = drop_in
    client.force_login(people[0].user)
    url = reverse("networking:icebreaker", args=[personas.meeting.slug, session.pk])
    page = client.get(url)  # today is long before March 2027
    assert b"The icebreaker opens on" in page.content and b"Shuffle me</button>" not in page.content
    response = client.post(
        reverse("networking:icebreaker_shuffle", args=[personas.meeting.slug, session.pk]),
        {"action": "shuffle"},
        follow=True,
    )
    assert b"has not opened yet" in response.content
    client.force_login(personas.guest.user)
    assert client.get(url).status_code == 403


@pytest.mark.django_db(transaction=True)
def test_a_waiting_screen_hears_when_its_group_forms(drop_in, monkeypatch):
    from convener.asgi import application

    session, people = drop_in
    monkeypatch.setattr(icebreaker.timezone, "now", lambda: DURING)
    browser = Client()
    browser.force_login(people[0].user)
    cookie = browser.cookies["sessionid"].value

    async def scenario() -> str:
        from channels.db import database_sync_to_async

        communicator = WebsocketCommunicator(
            application,
            f"/ws/icebreaker/{session.pk}/",
            headers=[
                (b"origin", b"http://127.0.0.1"),
                (b"host", b"127.0.0.1"),
                (b"cookie", f"sessionid={cookie}".encode()),
            ],
        )
        connected, _ = await communicator.connect()
        assert connected
        assert "Shuffle me" in await communicator.receive_from(timeout=5)  # the current card, on every connect
        for person in people[:3]:
            await database_sync_to_async(icebreaker.shuffle_me)(session=session, participant=person, now=DURING)
        message = await communicator.receive_from(timeout=5)
        await communicator.send_to(text_data="{not json")  # ignored, the socket stays up
        await communicator.disconnect()
        return message

    html = async_to_sync(scenario)()
    assert 'id="icebreaker-card"' in html and "Group 1" in html and "Member 1" in html


@pytest.mark.django_db(transaction=True)
def test_two_people_left_waiting_are_paired_by_a_waiting_screens_heartbeat(drop_in, time_machine):
    """Nobody presses a button: past 90 s, the heartbeat of either waiting screen pairs them, and both screens hear."""
    from channels.db import database_sync_to_async

    from convener.asgi import application

    session, people = drop_in
    time_machine.move_to(DURING, tick=False)
    icebreaker.shuffle_me(session=session, participant=people[0])
    time_machine.move_to(DURING + timedelta(seconds=10), tick=False)
    assert icebreaker.shuffle_me(session=session, participant=people[1]).group is None
    cookies = []
    for person in people[:2]:
        browser = Client()
        browser.force_login(person.user)
        cookies.append(browser.cookies["sessionid"].value)

    def screen(cookie: str) -> WebsocketCommunicator:
        return WebsocketCommunicator(
            application,
            f"/ws/icebreaker/{session.pk}/",
            headers=[
                (b"origin", b"http://127.0.0.1"),
                (b"host", b"127.0.0.1"),
                (b"cookie", f"sessionid={cookie}".encode()),
            ],
        )

    heartbeat = '{"action": "heartbeat", "HEADERS": {"HX-Request": "true"}}'

    async def scenario() -> tuple[bool, list[str]]:
        screens = [screen(cookie) for cookie in cookies]
        for communicator in screens:
            assert (await communicator.connect())[0]
            assert "2 people are waiting" in await communicator.receive_from(timeout=5)
        time_machine.move_to(DURING + timedelta(seconds=60), tick=False)
        await screens[1].send_to(text_data=heartbeat)  # too early for a pair: nothing happens
        quiet = await screens[0].receive_nothing(timeout=0.5)
        time_machine.move_to(DURING + timedelta(seconds=100), tick=False)
        await screens[1].send_to(text_data=heartbeat)
        heard = [await communicator.receive_from(timeout=5) for communicator in screens]
        for communicator in screens:
            await communicator.disconnect()
        await database_sync_to_async(lambda: None)()
        return quiet, heard

    quiet, heard = async_to_sync(scenario)()
    assert quiet
    group = IcebreakerGroup.objects.get(session=session)
    assert members_of(group) == {people[0].pk, people[1].pk}
    assert "Group 1" in heard[0] and people[1].name in heard[0]
    assert "Group 1" in heard[1] and people[0].name in heard[1]


@pytest.mark.django_db
def test_the_waiting_rule_pairs_only_past_90_s_and_never_people_who_met(drop_in):
    session, people = drop_in
    icebreaker.shuffle_me(session=session, participant=people[0], now=DURING)
    icebreaker.shuffle_me(session=session, participant=people[1], now=DURING + timedelta(seconds=10))
    assert icebreaker.match_waiting(session=session, now=DURING + timedelta(seconds=89)) == 0
    assert icebreaker.match_waiting(session=session, now=DURING + timedelta(seconds=95)) == 1
    pair = IcebreakerGroup.objects.get(session=session)
    assert members_of(pair) == {people[0].pk, people[1].pk}
    # They shuffle again and wait together: having met, they are never paired again, however long they wait.
    later = DURING + timedelta(minutes=3)
    icebreaker.shuffle_me(session=session, participant=people[0], now=later)
    icebreaker.shuffle_me(session=session, participant=people[1], now=later)
    assert icebreaker.match_waiting(session=session, now=later + timedelta(minutes=5)) == 0
    # A third person arriving is paired at once with one of them, who has waited long enough.
    ticket = icebreaker.shuffle_me(session=session, participant=people[2], now=later + timedelta(minutes=5))
    assert ticket.group is not None and len(members_of(ticket.group)) == 2
