"""Fixtures for game show tests: a game-show session hosted by Fatou Facilitator, the ten-round question set."""

from __future__ import annotations

from pathlib import Path

import pytest

from convener.gameshow import services
from convener.program.models import SessionRole
from tests.factories import ParticipantFactory, SessionFactory, SessionRoleFactory, UserFactory

QUESTIONS = Path(__file__).resolve().parents[2] / "src/convener/gameshow/fixtures/nodes-vs-helpdesk.yaml"


@pytest.fixture
def question_text() -> str:
    return QUESTIONS.read_text(encoding="utf-8")


@pytest.fixture
def game(personas):
    """A game-show session whose host is Fatou Facilitator (she is no organiser)."""
    session = SessionFactory(meeting=personas.meeting, kind="game_show", title="Nodes vs Helpdesk")
    SessionRoleFactory(session=session, participant=personas.facilitator, role=SessionRole.Role.FACILITATOR)
    return session


@pytest.fixture
def show(game, personas, question_text):
    return services.show_import(session=game, by=personas.facilitator, text=question_text)


@pytest.fixture
def players(personas):
    """A factory of more participants of the meeting."""

    def make(count: int, prefix: str = "player") -> list:
        return [
            ParticipantFactory(
                meeting=personas.meeting, name=f"{prefix.title()} {i:02d}", user=UserFactory(username=f"{prefix}{i}")
            )
            for i in range(count)
        ]

    return make
