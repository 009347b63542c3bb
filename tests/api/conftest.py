"""Personas of one meeting for the API tests, and small helpers to call the API.

organiser, facilitator, participant and guest are Participants of ``meeting``;
stranger is signed in but not registered; anonymous is ``client_for(None)``;
staff is a staff user who takes part in no meeting.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpResponse
from django.test import Client

from convener.api.services import api_token_create
from convener.people.models import Node, Participant, Region
from convener.program.models import Meeting, Session, Theme
from tests.conftest import make_personas
from tests.factories import (
    MeetingFactory,
    NodeFactory,
    RegionFactory,
    SessionFactory,
    SessionRoleFactory,
    ThemeFactory,
    UserFactory,
)

UTC = ZoneInfo("UTC")
# MeetingFactory's meeting runs 25-31 March 2027 in Europe/Copenhagen.
DAY_ONE = datetime(2027, 3, 25, 13, 0, tzinfo=UTC)


class Api:
    """A Django test client that speaks JSON to /api/."""

    def __init__(self, client: Client, headers: dict[str, str] | None = None):
        self.client = client
        self.headers = headers or {}

    def get(self, path: str, **params: Any) -> HttpResponse:
        return self.client.get(f"/api{path}", params, headers=self.headers)

    def post(self, path: str, body: Any = None) -> HttpResponse:
        return self._send("post", path, body)

    def patch(self, path: str, body: Any = None) -> HttpResponse:
        return self._send("patch", path, body)

    def delete(self, path: str) -> HttpResponse:
        return self.client.delete(f"/api{path}", headers=self.headers)

    def _send(self, method: str, path: str, body: Any) -> HttpResponse:
        data = body if isinstance(body, str | bytes) else json.dumps(body or {})
        send = getattr(self.client, method)
        return send(f"/api{path}", data, content_type="application/json", headers=self.headers)


@dataclass
class Team:
    meeting: Meeting
    organiser: Participant
    facilitator: Participant
    participant: Participant
    guest: Participant
    stranger: AbstractBaseUser
    staff: AbstractBaseUser
    region: Region
    node: Node
    theme: Theme

    def api(self, who: Participant | AbstractBaseUser | None) -> Api:
        client = Client()
        if who is not None:
            client.force_login(who.user if isinstance(who, Participant) else who)
        return Api(client)

    def token_api(self, who: Participant | AbstractBaseUser) -> Api:
        user = who.user if isinstance(who, Participant) else who
        _, raw = api_token_create(user, "tests")
        return Api(Client(), {"Authorization": f"Bearer {raw}"})

    @property
    def base(self) -> str:
        return f"/meetings/{self.meeting.slug}"


@pytest.fixture
def team(db: Any) -> Team:
    meeting = MeetingFactory(slug="gnm-2027", name="Global Nodes Meeting 2027")
    region = RegionFactory(name="Latin America", slug="latin-america")
    node = NodeFactory(name="GBIF Colombia", country="CO", region=region)

    return Team(
        meeting=meeting,
        **make_personas(meeting, node),
        staff=UserFactory(username="stella.staff", is_staff=True),
        region=region,
        node=node,
        theme=ThemeFactory(meeting=meeting, name="Data use"),
    )


def make_session(
    team: Team,
    *,
    starts_at: datetime = DAY_ONE,
    minutes: int = 60,
    lead: Participant | None = None,
    **fields: Any,
) -> Session:
    session = SessionFactory(
        meeting=team.meeting,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        theme=fields.pop("theme", team.theme),
        **fields,
    )
    if lead is not None:
        SessionRoleFactory(session=session, participant=lead)
    return session


def session_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "panel",
        "title": "Panel: data use",
        "starts_at": "2027-03-26T14:00:00Z",
        "ends_at": "2027-03-26T15:00:00Z",
        "join_link": "https://meet.example.org/panel-secret",
    }
    body.update(overrides)
    return body
