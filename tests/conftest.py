"""Shared fixtures: personas of one meeting, and the rule for external services.

Services the scale-out path needs (PostgreSQL, Redis, Chromium) are used for
real when present. On a developer's fresh machine a missing one skips its
tests with the reason; under CI=true a missing one fails them.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client

from convener.people.models import Participant
from convener.program.models import Meeting
from tests.factories import MeetingFactory, NodeFactory, ParticipantFactory, UserFactory

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def pytest_configure(config: pytest.Config) -> None:
    # Tests hash many passwords; a fast hasher keeps personas cheap. Production is unchanged.
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Serve static files from the apps' folders: tests run without collectstatic.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    # SQLite: a file test database (fresh per run), so the ASGI live server's threads share it with the tests.
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(Path(tempfile.mkdtemp(prefix="convener-test-")) / "db.sqlite3")
    # The test client and the live server speak plain HTTP.
    settings.HTTPS = settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = settings.CSRF_COOKIE_SECURE = False


def require_service(available: bool, reason: str) -> None:
    """Skip (or, in CI, fail) the calling test when a real service is missing."""
    if available:
        return
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing service is a failure, not a skip)")
    pytest.skip(reason)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Browser tests last: Playwright keeps an event loop in the main thread until the end."""
    items.sort(key=lambda item: "/e2e/" in str(item.path))


@dataclass
class Personas:
    meeting: Meeting
    organiser: Participant
    facilitator: Participant
    participant: Participant
    guest: Participant
    stranger: object  # a signed-in user who has not registered for the meeting

    def client_for(self, who: Participant | object | None) -> Client:
        client = Client()
        if who is None:
            return client
        user = who.user if isinstance(who, Participant) else who
        client.force_login(user)
        return client


def make_personas(meeting: Meeting, node: object) -> dict[str, object]:
    """One participant of each role in ``meeting`` (all of ``node``), and a stranger."""
    role = Participant.Role

    def person(name: str, r: str) -> Participant:
        return ParticipantFactory(
            meeting=meeting,
            node=node,
            name=name,
            role=r,
            user=UserFactory(username=name.lower().replace(" ", ".")),
        )

    return {
        "organiser": person("Olga Organiser", role.ORGANISER),
        "facilitator": person("Fatou Facilitator", role.FACILITATOR),
        "participant": person("Pablo Participant", role.PARTICIPANT),
        "guest": person("Gita Guest", role.GUEST),
        "stranger": UserFactory(username="sam.stranger"),
    }


@pytest.fixture
def personas(db) -> Personas:  # noqa: ARG001 - db fixture enables database access
    meeting = MeetingFactory(slug="gnm")
    node = NodeFactory(name="GBIF Colombia", country="CO")
    return Personas(meeting=meeting, **make_personas(meeting, node))
