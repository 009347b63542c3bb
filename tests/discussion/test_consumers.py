"""The Q&A websocket: who may listen, what each audience hears, and that junk never breaks it."""

from __future__ import annotations

import json

import pytest
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator

from convener.discussion import services
from convener.discussion.models import Question
from tests.discussion.conftest import ws_headers

pytestmark = pytest.mark.django_db(transaction=True)


def connect(headers, session, view=""):
    from convener.asgi import application

    path = f"/ws/qa/{session.pk}/" + (f"?view={view}" if view else "")
    return WebsocketCommunicator(application, path, headers=headers)


def as_(personas, who):
    return ws_headers(personas.client_for(who))


async def receive_all(communicator, timeout=3):
    """Every message until the socket is quiet for a moment, joined."""
    parts = [await communicator.receive_from(timeout=timeout)]
    while not await communicator.receive_nothing(timeout=0.2):
        parts.append(await communicator.receive_from(timeout=timeout))
    return "".join(parts)


def test_moderators_hear_new_questions_with_names_and_participants_once_approved(personas, live, members):
    other = members(1)[0]
    ask = database_sync_to_async(services.question_ask)
    moderate = database_sync_to_async(services.question_moderate)
    mod_headers, participant_headers = as_(personas, personas.facilitator), as_(personas, other)

    async def scenario():
        moderator = connect(mod_headers, live, view="mod")
        participant = connect(participant_headers, live)
        assert (await moderator.connect())[0] and (await participant.connect())[0]
        question = await ask(session=live, by=personas.participant, text="Anonymous <script>?", anonymous=True)
        to_moderator = await receive_all(moderator)
        assert await participant.receive_nothing(timeout=0.3)  # a waiting question stays with the moderators
        await moderate(question=question, by=personas.facilitator, action="approve")
        to_participant = await receive_all(participant)
        again = await receive_all(moderator)
        await moderator.disconnect()
        await participant.disconnect()
        return question, to_moderator, to_participant, again

    question, to_moderator, to_participant, again = async_to_sync(scenario)()
    assert f'id="q-{question.pk}"' in to_moderator and 'hx-swap-oob="true"' in to_moderator
    assert "Pablo Participant" in to_moderator and "asked anonymously" in to_moderator
    assert "&lt;script&gt;" in to_moderator and "<script>" not in to_moderator
    assert f'id="q-{question.pk}"' in to_participant and 'data-into="#qa-list"' in to_participant
    assert "Anonymous" in to_participant and "Pablo Participant" not in to_participant
    assert "Approve" not in to_participant and "state-approved" in again


def test_an_organiser_on_the_participants_page_hears_what_participants_hear(personas, live):
    ask = database_sync_to_async(services.question_ask)
    moderate = database_sync_to_async(services.question_moderate)
    headers = as_(personas, personas.organiser)

    async def scenario():
        screen = connect(headers, live)  # no ?view=mod: the public audience (the big screen has ?view=screen)
        assert (await screen.connect())[0]
        question = await ask(session=live, by=personas.participant, text="On the wall?", anonymous=True)
        await moderate(question=question, by=personas.organiser, action="approve")
        html = await receive_all(screen)
        await screen.disconnect()
        return html

    html = async_to_sync(scenario)()
    assert "On the wall?" in html and "Pablo Participant" not in html and "Hide" not in html


def test_votes_and_hiding_reach_every_listener_as_one_fragment(personas, live, members):
    voter = members(1)[0]
    question = services.question_moderate(
        question=services.question_ask(session=live, by=personas.participant, text="Count me"),
        by=personas.organiser,
        action="approve",
    )
    vote = database_sync_to_async(services.question_vote)
    moderate = database_sync_to_async(services.question_moderate)
    headers = [as_(personas, who) for who in (personas.guest, personas.participant)]

    async def scenario():
        listeners = [connect(h, live) for h in headers]
        for listener in listeners:
            assert (await listener.connect())[0]
        await vote(question=question, by=voter)
        voted = [await receive_all(listener) for listener in listeners]
        await moderate(question=question, by=personas.organiser, action="hide")
        hidden = [await receive_all(listener) for listener in listeners]
        for listener in listeners:
            await listener.disconnect()
        return voted, hidden

    voted, hidden = async_to_sync(scenario)()
    assert voted[0] == voted[1] and 'data-votes="1"' in voted[0]
    assert 'aria-pressed="true"' not in voted[0]  # nobody's own vote state is in a broadcast
    assert hidden[0] == hidden[1] == f'<div id="q-{question.pk}" hx-swap-oob="delete" data-gone></div>'


@pytest.mark.parametrize("who", ["stranger", None])
def test_strangers_cannot_open_the_socket(personas, live, who):
    client = personas.client_for(getattr(personas, who) if who else None)
    cookie = client.cookies.get("sessionid")
    headers = [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1")]
    if cookie:
        headers.append((b"cookie", f"sessionid={cookie.value}".encode()))

    async def scenario():
        from convener.asgi import application

        communicator = WebsocketCommunicator(application, f"/ws/qa/{live.pk}/", headers=headers)
        connected, code = await communicator.connect()
        return connected, code

    assert async_to_sync(scenario)() == (False, 4403)


def test_an_unknown_session_closes_the_socket(personas):
    headers = as_(personas, personas.participant)

    async def scenario():
        from convener.asgi import application

        communicator = WebsocketCommunicator(application, "/ws/qa/99999999999999999999999/", headers=headers)
        return (await communicator.connect())[0]

    assert async_to_sync(scenario)() is False


def test_junk_frames_get_an_error_back_and_the_socket_keeps_working(personas, live):
    ask = database_sync_to_async(services.question_ask)
    junk = [
        "{not json",
        "[1, 2, 3]",
        json.dumps({"action": 7}),
        json.dumps({"action": "vote", "question": "all"}),
        json.dumps("just a string"),
        "null",
        "x" * 100_000,
        json.dumps({"action": "ping", "extra": [None] * 50}),
    ]

    headers = as_(personas, personas.organiser)

    async def scenario():
        moderator = connect(headers, live, view="mod")
        assert (await moderator.connect())[0]
        replies = []
        for frame in junk:
            await moderator.send_to(text_data=frame)
            replies.append(await moderator.receive_from(timeout=3))
        await moderator.send_to(bytes_data=b"\x00\xff binary")
        replies.append(await moderator.receive_from(timeout=3))
        question = await ask(session=live, by=personas.participant, text="Still listening?")
        after = await receive_all(moderator)
        await moderator.disconnect()
        return replies, question, after

    replies, question, after = async_to_sync(scenario)()
    assert all('id="qa-socket"' in reply for reply in replies)
    assert "Malformed message" in replies[0]
    assert "Unknown action" in replies[1] and "Unknown action" in replies[3]
    assert "too large" in replies[6] and "Connected." in replies[7] and "text frames only" in replies[8]
    assert f'id="q-{question.pk}"' in after
    assert Question.objects.count() == 1


def test_poll_changes_and_results_are_pushed(personas, live, members):
    voter = members(1)[0]
    create = database_sync_to_async(services.poll_create)
    set_status = database_sync_to_async(services.poll_set_status)
    answer = database_sync_to_async(services.poll_answer)
    participant_headers, mod_headers = as_(personas, personas.participant), as_(personas, personas.facilitator)

    async def scenario():
        participant = connect(participant_headers, live)
        moderator = connect(mod_headers, live, view="mod")
        assert (await participant.connect())[0] and (await moderator.connect())[0]
        poll = await create(
            session=live, by=personas.facilitator, question="Which region?", kind="single", choices=["Africa", "Asia"]
        )
        draft_to_moderator = await receive_all(moderator)
        assert await participant.receive_nothing(timeout=0.3)  # drafts are the moderators' business
        await set_status(poll=poll, by=personas.facilitator, status="open")
        opened = await receive_all(participant)
        await receive_all(moderator)
        choice = await database_sync_to_async(lambda: poll.choices.get(text="Asia").pk)()
        await answer(poll=poll, by=voter, choice_ids=[choice])
        results = await receive_all(participant)
        await participant.disconnect()
        await moderator.disconnect()
        return poll, draft_to_moderator, opened, results

    poll, draft, opened, results = async_to_sync(scenario)()
    assert f'id="poll-{poll.pk}"' in draft and "Open the poll" in draft
    assert f'id="poll-{poll.pk}"' in opened and 'name="choice"' in opened and "Open the poll" not in opened
    assert f'id="poll-{poll.pk}-results"' in results and "1 · 100%" in results and 'width="100"' in results
