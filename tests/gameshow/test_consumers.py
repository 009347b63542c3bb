"""The game show's websocket: a host and three participants over sockets through a show; who hears what; a
socket that (re)connects gets the whole state from the database; junk never breaks it."""

from __future__ import annotations

import re

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from convener.gameshow import services
from convener.gameshow.models import Round
from tests.discussion.conftest import ws_headers

pytestmark = pytest.mark.django_db(transaction=True)


def connect(headers, session, view=""):
    from convener.asgi import application

    path = f"/ws/gameshow/{session.pk}/" + (f"?view={view}" if view else "")
    return WebsocketCommunicator(application, path, headers=headers)


def as_(personas, who):
    return ws_headers(personas.client_for(who))


async def receive_all(communicator, timeout=3):
    parts = [await communicator.receive_from(timeout=timeout)]
    while not await communicator.receive_nothing(timeout=0.2):
        parts.append(await communicator.receive_from(timeout=timeout))
    return "".join(parts)


def score(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'class="points" data-team="\d+">(\d+)<', html)]


def test_host_and_three_participants_follow_a_show_live(personas, game, show, players):
    host_person = personas.facilitator
    people = players(3)
    nodes = show.teams.get(name="Nodes")
    services.member_set(show=show, by=host_person, participant_id=people[0].pk, team_id=nodes.pk)
    host_headers = as_(personas, host_person)
    headers = [as_(personas, p) for p in people]
    call = {name: database_sync_to_async(getattr(services, name)) for name in services.__all__}

    async def scenario():
        host = connect(host_headers, game, view="host")
        phones = [connect(h, game) for h in headers]
        screen = connect(headers[1], game, view="screen")
        for socket in (host, *phones, screen):
            assert (await socket.connect())[0]
        first = {"host": await receive_all(host), "phone": await receive_all(phones[1])}
        heard = {}
        for number in range(1, 4):
            await call["round_start"](show=show, by=host_person)
            await call["breakout_start"](show=show, by=host_person)
            heard.setdefault("breakout_team", await receive_all(phones[0]))
            heard.setdefault("breakout_other", await receive_all(phones[1]))
            await call["poll_open"](show=show, by=host_person)
            round_ = await database_sync_to_async(Round.objects.get)(show=show, number=number)
            option = await database_sync_to_async(lambda r=round_: r.options.first().pk)()
            for socket in (host, screen, phones[2]):
                await receive_all(socket)
            for p in people:
                await call["answer"](show=show, by=p, round_id=round_.pk, option_ids=[option])
            heard.setdefault("counts_host", await receive_all(host))
            heard.setdefault("counts_screen", await receive_all(screen))
            heard.setdefault("counts_phone_silent", await phones[2].receive_nothing(timeout=0.3))
            await call["judge"](show=show, by=host_person, verdict="nodes" if number != 2 else "helpdesk")
            await call["reveal"](show=show, by=host_person)
            heard[f"phone_{number}"] = await receive_all(phones[2])
            await receive_all(screen)
            heard[f"host_{number}"] = await receive_all(host)
        # A host who reloads: a new socket gets the whole console from the database.
        await host.disconnect()
        again = connect(host_headers, game, view="host")
        assert (await again.connect())[0]
        heard["reload"] = await receive_all(again)
        await again.disconnect()
        for socket in (*phones, screen):
            await socket.disconnect()
        return first, heard

    first, heard = async_to_sync(scenario)()
    assert "Start the first round" in first["host"] and "The show has not started yet" in first["phone"]
    assert "join your breakout room" in heard["breakout_team"] and "gameshow-1-" in heard["breakout_team"]
    assert "breakout room" not in heard["breakout_other"].replace("Team in its breakout room", "")
    assert "data-ends-at" in heard["breakout_other"]
    assert '<span class="voter-count">3</span>' in heard["counts_host"]
    assert '<span class="voter-count">3</span>' in heard["counts_screen"]
    assert heard["counts_phone_silent"]  # phones hear no counts while the poll is open
    assert score(heard["host_3"])[-2:] == [2, 1] and score(heard["phone_3"])[-2:] == [2, 1]
    assert "Suggested answer" in heard["phone_3"] and 'class="grade"' in heard["phone_3"]
    assert score(heard["reload"]) == [2, 1] and "Next round" in heard["reload"]


def test_a_phone_reconnecting_gets_its_own_answer_back(personas, game, show):
    person = personas.participant
    round_ = services.round_start(show=show, by=personas.facilitator)
    services.poll_open(show=show, by=personas.facilitator)
    option = round_.options.first()
    services.answer(show=show, by=person, round_id=round_.pk, option_ids=[option.pk])
    headers = as_(personas, person)

    async def scenario():
        phone = connect(headers, game)
        assert (await phone.connect())[0]
        html = await receive_all(phone)
        await phone.disconnect()
        return html

    html = async_to_sync(scenario)()
    assert f"Your answer is counted: {option.text}. The grades" in html and "Send my answer" not in html


def test_who_may_listen(personas, game, show):
    async def attempt(headers, view=""):
        socket = connect(headers, game, view)
        connected, _ = await socket.connect()
        html = await receive_all(socket) if connected else ""
        await socket.disconnect()
        return connected, html

    stranger = async_to_sync(attempt)(as_(personas, personas.stranger))
    assert stranger == (False, "")
    connected, html = async_to_sync(attempt)(as_(personas, personas.participant), "host")
    assert connected and "Start the first round" not in html  # not a host: the participants' view
    connected, html = async_to_sync(attempt)(as_(personas, personas.guest), "screen")
    assert connected and 'id="gs-screen-live"' in html


def test_junk_gets_a_notice_and_changes_nothing(personas, game, show):
    headers = as_(personas, personas.facilitator)

    async def scenario():
        socket = connect(headers, game, "host")
        assert (await socket.connect())[0]
        await receive_all(socket)
        replies = []
        for frame in ("not json", '{"action": "judge"}', "x" * 5000, '{"action": "ping"}'):
            await socket.send_to(text_data=frame)
            replies.append(await receive_all(socket))
        await socket.send_to(bytes_data=b"\x00")
        replies.append(await receive_all(socket))
        await socket.disconnect()
        return replies

    replies = async_to_sync(scenario)()
    assert "Malformed" in replies[0] and "Unknown action" in replies[1] and "too large" in replies[2]
    assert "Connected." in replies[3] and "text frames only" in replies[4]
    assert show.rounds.exclude(phase=Round.Phase.WAITING).count() == 0
