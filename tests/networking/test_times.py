"""The room card and the icebreaker show their times in the reader's zone, the meeting's beside them."""

from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from asgiref.sync import async_to_sync
from channels.testing import WebsocketCommunicator
from django.urls import reverse

from convener.networking import icebreaker, services
from tests.networking.test_icebreaker import drop_in  # noqa: F401 - a fixture
from tests.networking.test_rooms import planned, speed  # noqa: F401 - speed is a fixture

BOGOTA = ZoneInfo("America/Bogota")


@pytest.mark.django_db
def test_the_room_card_says_when_the_round_ends_in_the_readers_zone(personas, speed):  # noqa: F811
    plan = planned(personas, speed, rounds=2)
    plan = services.round_start_next(plan=plan, by=personas.organiser)
    ends = plan.round_started_at + timedelta(minutes=plan.minutes_per_round)
    client = personas.client_for(personas.participant)
    client.cookies["convener_tz"] = "America/Bogota"
    html = client.get(reverse("networking:live", args=[personas.meeting.slug, speed.pk])).content.decode()
    shown = ends.astimezone(BOGOTA).strftime("%H:%M")
    assert f'data-zone="America/Bogota">{shown}</time>' in html
    assert "meeting time" not in html
    assert 'data-zone="Europe/Copenhagen">' in html  # the meeting's time beside it, labelled


@pytest.mark.django_db(transaction=True)
def test_the_card_pushed_over_the_socket_is_in_the_zone_of_the_page_that_opened_it(personas, speed):  # noqa: F811
    from channels.db import database_sync_to_async

    from convener.asgi import application

    plan = planned(personas, speed, rounds=2)

    async def scenario():
        communicator = WebsocketCommunicator(
            application,
            f"/ws/networking/{plan.pk}/",
            headers=[
                (b"origin", b"http://127.0.0.1"),
                (b"host", b"127.0.0.1"),
                (b"cookie", f"sessionid={session_cookie}; convener_tz=America%2FBogota".encode()),
            ],
        )
        connected, _ = await communicator.connect()
        assert connected
        started = await database_sync_to_async(services.round_start_next)(plan=plan, by=personas.organiser)
        html = await communicator.receive_from(timeout=5)
        await communicator.disconnect()
        return started, html

    session_cookie = personas.client_for(personas.participant).cookies["sessionid"].value
    started, html = async_to_sync(scenario)()
    ends = started.round_started_at + timedelta(minutes=started.minutes_per_round)
    assert f'data-zone="America/Bogota">{ends.astimezone(BOGOTA):%H:%M}</time>' in html


@pytest.mark.django_db
def test_the_icebreaker_says_when_it_opens_in_the_readers_zone(personas, drop_in, client):  # noqa: F811
    session, people = drop_in
    client.force_login(people[0].user)
    client.cookies["convener_tz"] = "America/Bogota"
    html = client.get(reverse("networking:icebreaker", args=[personas.meeting.slug, session.pk])).content.decode()
    opens = (session.starts_at - icebreaker.OPENS_BEFORE).astimezone(BOGOTA)
    assert "meeting time" not in html
    assert f'data-zone="America/Bogota">{opens:%a %-d %b} at {opens:%H:%M}</time>' in html
