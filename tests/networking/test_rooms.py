"""Breakout rooms as organisers and participants use them: plan, grid, Zoom CSV, live cards."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from itertools import combinations
from zoneinfo import ZoneInfo

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.core.exceptions import ValidationError
from django.urls import reverse

from convener.networking import selectors, services
from convener.networking.models import NetworkingPlan, Prompt, Room, Round, Seat, VideoSettings
from convener.people.models import Participant
from tests.factories import NodeFactory, ParticipantFactory, RegionFactory, SessionFactory, UserFactory

UTC = ZoneInfo("UTC")


@pytest.fixture
def speed(personas):
    """A networking session with 14 more participants from 7 nodes in 3 regions (17 members, the guest aside)."""
    regions = [RegionFactory(name=name) for name in ("Africa", "Asia", "Europe")]
    nodes = [NodeFactory(name=f"GBIF Node {i}", region=regions[i % 3]) for i in range(7)]
    for i in range(14):
        ParticipantFactory(
            meeting=personas.meeting, node=nodes[i % 7], name=f"Member {i:02d}", user=UserFactory(username=f"member{i}")
        )
    for i, text in enumerate(["What is your node proud of?", "Which data gap worries you most?"]):
        Prompt.objects.create(meeting=personas.meeting, text=text, order=i)
    session = SessionFactory(
        meeting=personas.meeting,
        kind="networking",
        title="Speed networking",
        starts_at=datetime(2027, 3, 26, 15, tzinfo=UTC),
    )
    return session


def planned(personas, session, rounds=4):
    plan = services.plan_configure(
        session=session, by=personas.organiser, rounds=rounds, minutes_per_round=8, room_min=3, room_max=5
    )
    return services.plan_generate(plan=plan, by=personas.organiser, time_budget=30)


def pairs_by_round(plan):
    result = []
    for round_ in plan.round_set.all():
        met = set()
        for room in round_.rooms.all():
            ids = [seat.participant_id for seat in room.seats.all()]
            met |= {frozenset(pair) for pair in combinations(ids, 2)}
        result.append(met)
    return result


@pytest.mark.django_db
def test_planning_seats_everyone_once_per_round_without_repeats(personas, speed):
    plan = planned(personas, speed)
    members = Participant.objects.filter(meeting=personas.meeting).exclude(role="guest").count()
    for round_ in plan.round_set.all():
        sizes = [room.seats.count() for room in round_.rooms.all()]
        assert sum(sizes) == members == 17
        assert all(3 <= size <= 5 for size in sizes)
    rounds = pairs_by_round(plan)
    assert all(not (a & b) for a, b in combinations(rounds, 2))
    assert plan.quality["repeat_pairs"] == 0
    assert [r.prompt.text for r in plan.round_set.all()][:2] == [
        "What is your node proud of?",
        "Which data gap worries you most?",
    ]


@pytest.mark.django_db
def test_replanning_after_people_leave_keeps_played_rounds_and_avoids_repeats(personas, speed):
    plan = planned(personas, speed)
    services.round_start_next(plan=plan, by=personas.organiser)
    Participant.objects.filter(name__in=["Member 00", "Member 01"]).delete()  # two people leave
    first = {(s.room.number, s.participant_id) for s in Seat.objects.filter(round__plan=plan, round__number=1)}
    plan = services.plan_generate(plan=NetworkingPlan.objects.get(pk=plan.pk), by=personas.organiser, time_budget=30)
    assert {(s.room.number, s.participant_id) for s in Seat.objects.filter(round__plan=plan, round__number=1)} == first
    rounds = pairs_by_round(plan)
    assert all(not (a & b) for a, b in combinations(rounds, 2))
    assert Seat.objects.filter(round__plan=plan, round__number=2).count() == 15


@pytest.mark.django_db
def test_it_refuses_a_head_count_rooms_cannot_hold(personas):
    session = SessionFactory(meeting=personas.meeting, kind="networking")
    Participant.objects.exclude(pk__in=[personas.organiser.pk, personas.participant.pk]).delete()
    plan = services.plan_configure(
        session=session, by=personas.organiser, rounds=2, minutes_per_round=5, room_min=3, room_max=5
    )
    with pytest.raises(ValidationError):
        services.plan_generate(plan=plan, by=personas.organiser)
    assert not Round.objects.exists()


@pytest.mark.django_db
def test_only_organisers_plan(personas, speed):
    with pytest.raises(Exception, match="organisers"):
        services.plan_configure(
            session=speed, by=personas.participant, rounds=3, minutes_per_round=5, room_min=3, room_max=5
        )
    client = personas.client_for(personas.participant)
    assert client.get(reverse("networking:manage", kwargs={"slug": "gnm", "pk": speed.pk})).status_code == 403
    assert client.post(reverse("networking:generate", kwargs={"slug": "gnm", "pk": speed.pk})).status_code == 403


@pytest.mark.django_db
def test_the_zoom_csv_is_in_zooms_column_layout(personas, speed):
    plan = planned(personas, speed, rounds=2)
    client = personas.client_for(personas.organiser)
    response = client.get(reverse("networking:zoom_csv", kwargs={"slug": "gnm", "pk": speed.pk, "number": 1}))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = response.content.decode()
    assert body.startswith("Pre-assign Room Name,Email Address\r\n")
    rows = list(csv.reader(io.StringIO(body)))[1:]
    assert len(rows) == 17
    rooms = plan.round_set.get(number=1).rooms.all()
    assert {row[0] for row in rows} == {f"Round 1 Room {room.number}" for room in rooms}
    assert all(row[1].endswith("@example.org") for row in rows)


@pytest.mark.django_db
def test_the_zoom_csv_refuses_more_than_a_hundred_rooms(personas, speed):
    plan = NetworkingPlan.objects.create(session=speed, status="planned")
    round_ = Round.objects.create(plan=plan, number=1)
    Room.objects.bulk_create(Room(round=round_, number=i + 1, token=f"t{i}") for i in range(101))
    with pytest.raises(ValidationError, match="Zoom imports at most 100 per file"):
        services.zoom_csv(round_)


@pytest.mark.django_db
def test_room_links_come_from_the_provider(personas, speed):
    plan = planned(personas, speed, rounds=1)
    room = plan.round_set.get().rooms.first()
    jitsi = services.room_link(room, speed, None)
    assert jitsi.startswith("https://meet.jit.si/gnm-r1-1-") and room.token in jitsi and len(room.token) >= 16
    zoom = VideoSettings.objects.create(meeting=personas.meeting, provider="zoom")
    assert services.room_link(room, speed, zoom) == speed.join_link


@pytest.mark.django_db
def test_a_participant_sees_round_room_companions_prompt_and_join(personas, speed):
    plan = planned(personas, speed)
    client = personas.client_for(personas.participant)
    url = reverse("networking:live", kwargs={"slug": "gnm", "pk": speed.pk})
    assert "Round 1 of 4 starts soon" in client.get(url).content.decode()
    services.round_start_next(plan=plan, by=personas.organiser)
    html = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    seat = Seat.objects.get(round__plan=plan, round__number=1, participant=personas.participant)
    assert f"Round 1 of 4 · Room {seat.room.number}" in html
    others = Seat.objects.filter(room=seat.room).exclude(participant=personas.participant)
    assert all(other.participant.name in html for other in others)
    assert "Prompt: What is your node proud of?" in html
    assert seat.room.token in html
    assert "data-ends-at" in html


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["guest", "stranger", None])
def test_cards_are_for_registered_participants(personas, speed, who):
    planned(personas, speed, rounds=1)
    client = personas.client_for(getattr(personas, who) if who else None)
    response = client.get(reverse("networking:live", kwargs={"slug": "gnm", "pk": speed.pk}))
    assert response.status_code in {302, 403}
    assert b"meet.jit.si" not in response.content


@pytest.mark.django_db
def test_the_grid_query_count_does_not_grow_with_rounds(personas, speed, django_assert_max_num_queries):
    plan = planned(personas, speed, rounds=4)
    with django_assert_max_num_queries(6):
        rounds = selectors.plan_rounds(plan)
        names = [s.participant.node.region.name for r in rounds for room in r.rooms.all() for s in room.seats.all()]
    assert len(names) == 4 * 17


@pytest.mark.django_db(transaction=True)
def test_starting_a_round_pushes_the_new_card_to_the_participants_socket(personas, speed):
    from convener.asgi import application

    plan = planned(personas, speed)

    async def scenario():
        communicator = WebsocketCommunicator(
            application,
            f"/ws/networking/{speed.pk}/",
            headers=[
                (b"origin", b"http://127.0.0.1"),
                (b"host", b"127.0.0.1"),
                (b"cookie", f"sessionid={session_cookie}".encode()),
            ],
        )
        connected, _ = await communicator.connect()
        assert connected
        first = await communicator.receive_from(timeout=5)  # the current card, on every (re)connect
        assert "Round 1 of 4 starts soon" in first
        await communicator.send_to(text_data="{not json")  # malformed frames are ignored
        from channels.db import database_sync_to_async

        await database_sync_to_async(services.round_start_next)(plan=plan, by=personas.organiser)
        html = await communicator.receive_from(timeout=5)
        await communicator.disconnect()
        return html

    client = personas.client_for(personas.participant)
    session_cookie = client.cookies["sessionid"].value
    html = async_to_sync(scenario)()
    assert 'id="card"' in html and "Round 1 of 4 · Room" in html


@pytest.mark.django_db(transaction=True)
def test_a_socket_opened_before_any_plan_hears_the_set_up_and_round_1(personas, speed):
    from channels.db import database_sync_to_async

    from convener.asgi import application

    cookie = personas.client_for(personas.participant).cookies["sessionid"].value

    async def scenario() -> list[str]:
        communicator = WebsocketCommunicator(
            application,
            f"/ws/networking/{speed.pk}/",
            headers=[
                (b"origin", b"http://127.0.0.1"),
                (b"host", b"127.0.0.1"),
                (b"cookie", f"sessionid={cookie}".encode()),
            ],
        )
        connected, _ = await communicator.connect()
        assert connected
        heard = [await communicator.receive_from(timeout=5)]
        plan = await database_sync_to_async(services.plan_configure)(
            session=speed, by=personas.organiser, rounds=2, minutes_per_round=8, room_min=3, room_max=5
        )
        heard.append(await communicator.receive_from(timeout=5))
        await database_sync_to_async(services.plan_generate)(plan=plan, by=personas.organiser, time_budget=30)
        heard.append(await communicator.receive_from(timeout=5))
        await database_sync_to_async(services.round_start_next)(plan=plan, by=personas.organiser)
        heard.append(await communicator.receive_from(timeout=5))
        await communicator.disconnect()
        return heard

    connected, configured, planned_, started = async_to_sync(scenario)()
    assert "not planned yet" in connected
    assert "Round 1 of 2 starts soon" in configured and "Round 1 of 2 starts soon" in planned_
    assert "Round 1 of 2 · Room" in started


@pytest.mark.django_db(transaction=True)
def test_a_guest_cannot_open_the_socket(personas, speed):
    from convener.asgi import application

    planned(personas, speed, rounds=1)
    cookie = personas.client_for(personas.guest).cookies["sessionid"].value

    async def scenario():
        communicator = WebsocketCommunicator(
            application,
            f"/ws/networking/{speed.pk}/",
            headers=[
                (b"origin", b"http://127.0.0.1"),
                (b"host", b"127.0.0.1"),
                (b"cookie", f"sessionid={cookie}".encode()),
            ],
        )
        connected, _ = await communicator.connect()
        return connected

    assert async_to_sync(scenario)() is False


@pytest.mark.django_db
def test_organisers_edit_the_prompt_bank_and_choose_a_prompt_per_round(personas, speed):
    plan = planned(personas, speed)
    client = personas.client_for(personas.organiser)
    slug = personas.meeting.slug
    bank = reverse("networking:prompts", args=[slug, speed.pk])
    client.post(bank, {"action": "add", "text": "  Who   should we invite next year? "})
    added = Prompt.objects.get(text="Who should we invite next year?")
    response = client.post(bank, {"action": "add", "text": "x" * 301}, follow=True)
    assert "at most 300 characters" in response.content.decode()
    response = client.post(bank, {"action": "add", "text": "   "}, follow=True)
    assert "Write the prompt" in response.content.decode()
    client.post(bank, {"action": "update", "prompt": added.pk, "text": "Who should we invite in 2028?"})
    added.refresh_from_db()
    assert added.text == "Who should we invite in 2028?"

    round_2 = plan.round_set.get(number=2)
    client.post(reverse("networking:round_prompt", args=[slug, speed.pk, 2]), {"prompt": added.pk})
    round_2.refresh_from_db()
    assert round_2.prompt == added
    services.round_start_next(plan=plan, by=personas.organiser)
    response = client.post(reverse("networking:round_prompt", args=[slug, speed.pk, 1]), {"prompt": ""}, follow=True)
    assert "Round 1 has started" in response.content.decode()
    assert plan.round_set.get(number=1).prompt is not None

    client.post(bank, {"action": "delete", "prompt": added.pk})
    round_2.refresh_from_db()
    assert round_2.prompt is None and not Prompt.objects.filter(pk=added.pk).exists()
    response = client.post(bank, {"action": "update", "prompt": "nonsense", "text": "x"}, follow=True)
    assert "is not in this meeting" in response.content.decode()


@pytest.mark.django_db
def test_participants_cannot_edit_the_prompt_bank(personas, speed):
    client = personas.client_for(personas.participant)
    response = client.post(
        reverse("networking:prompts", args=[personas.meeting.slug, speed.pk]), {"action": "add", "text": "Sneaky"}
    )
    assert response.status_code == 403
    assert not Prompt.objects.filter(text="Sneaky").exists()


@pytest.mark.django_db
def test_the_zoom_csv_neutralises_a_formula_in_an_email_and_keeps_zooms_header(personas, speed):
    evil = "=1+2+cmd|'/Ccalc'!A0@example.org"
    type(personas.participant.user).objects.filter(pk=personas.participant.user.pk).update(email=evil)
    planned(personas, speed, rounds=1)
    client = personas.client_for(personas.organiser)
    body = client.get(reverse("networking:zoom_csv", kwargs={"slug": "gnm", "pk": speed.pk, "number": 1})).content
    assert body.decode().startswith("Pre-assign Room Name,Email Address\r\n")
    emails = {row[1] for row in csv.reader(io.StringIO(body.decode()))}
    assert "'" + evil in emails and evil not in emails
