"""Fixtures for discussion tests: a live Q&A session of the personas' meeting, moderated by the facilitator."""

from __future__ import annotations

import pytest

from convener.program.models import SessionRole
from tests.factories import ParticipantFactory, SessionFactory, SessionRoleFactory, UserFactory


@pytest.fixture
def live(personas):
    """A Q&A session whose moderator is Fatou Facilitator (she is no organiser)."""
    session = SessionFactory(meeting=personas.meeting, kind="live_qa", title="Open floor")
    SessionRoleFactory(session=session, participant=personas.facilitator, role=SessionRole.Role.MODERATOR)
    return session


@pytest.fixture
def members(personas):
    """A factory of more participants of the meeting: members(5) -> five of them."""

    def make(count: int, prefix: str = "voter") -> list:
        return [
            ParticipantFactory(
                meeting=personas.meeting, name=f"{prefix.title()} {i:02d}", user=UserFactory(username=f"{prefix}{i}")
            )
            for i in range(count)
        ]

    return make


def ws_headers(client) -> list[tuple[bytes, bytes]]:
    """Headers for a WebsocketCommunicator that is the test client's signed-in user."""
    cookie = client.cookies["sessionid"].value
    return [(b"origin", b"http://127.0.0.1"), (b"host", b"127.0.0.1"), (b"cookie", f"sessionid={cookie}".encode())]
