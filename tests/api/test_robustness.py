"""No input makes the API answer 500; the OpenAPI document describes it."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from django.test import Client

from convener.program.models import Session
from tests.api.conftest import UTC, make_session, session_body

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"[]",
        b'"a string"',
        b"null",
        b'{"title": "\\ud800 lone surrogate"}',
        json.dumps(session_body(title="\ud83d\ude00" * 300)).encode(),
        json.dumps(session_body(people=[{"participant_id": 1}] * 101)).encode(),
        json.dumps(session_body(people="everyone")).encode(),
        json.dumps(session_body(starts_at=10**20)).encode(),
        json.dumps(session_body(starts_at="2027-03-26T14:00:00+25:00")).encode(),
        b"\xff\xfe\x00garbage",
    ],
)
def test_it_answers_malformed_bodies_with_a_4xx(team, raw):
    response = team.api(team.organiser).post(f"{team.base}/sessions", raw)
    assert 400 <= response.status_code < 500, response.content
    assert not Session.objects.exists()


def test_it_rejects_a_lone_surrogate_in_text_with_422(team):
    raw = json.dumps(session_body()).replace("Panel: data use", "\\ud800").encode()
    response = team.api(team.organiser).post(f"{team.base}/sessions", raw)
    assert response.status_code == 422


def test_it_accepts_a_form_encoded_body_only_as_an_error(team):
    client = Client()
    client.force_login(team.organiser.user)
    response = client.post(f"/api{team.base}/sessions", {"title": "x"})
    assert 400 <= response.status_code < 500


@pytest.mark.parametrize(
    "path",
    [
        "/meetings/gnm-2027/sessions/0",
        "/meetings/gnm-2027/sessions/-1",
        "/meetings/gnm-2027/sessions/abc",
        "/meetings/gnm-2027/sessions/99999999999999999999999",
        "/meetings/gnm-2027/participants/0",
    ],
)
def test_it_answers_bad_ids_with_a_4xx(team, path):
    api = team.api(team.organiser)
    assert api.get(path).status_code in {404, 405, 422}
    assert api.patch(path, {"role": "guest"}).status_code in {404, 405, 422}


def test_it_answers_an_unknown_method_with_405(team):
    session = make_session(team)
    response = team.api(team.organiser).client.put(
        f"/api{team.base}/sessions/{session.pk}", "{}", content_type="application/json"
    )
    assert response.status_code == 405


def test_the_openapi_document_is_json_with_every_path(team):
    response = Client().get("/api/openapi.json")
    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["info"]["title"] == "convener API"
    assert set(document["paths"]) == {
        "/api/meetings",
        "/api/meetings/{slug}",
        "/api/meetings/{slug}/themes",
        "/api/meetings/{slug}/sessions",
        "/api/meetings/{slug}/sessions/{session_id}",
        "/api/meetings/{slug}/sessions/{session_id}/gameshow",
        "/api/meetings/{slug}/sessions/{session_id}/gameshow/rounds",
        "/api/meetings/{slug}/sessions/{session_id}/gameshow/scores",
        "/api/meetings/{slug}/sessions/{session_id}/gameshow/actions",
        "/api/meetings/{slug}/sessions/{session_id}/gameshow/answers",
        "/api/meetings/{slug}/participants",
        "/api/meetings/{slug}/participants/{participant_id}",
        "/api/nodes",
        "/api/regions",
    }
    sessions = document["paths"]["/api/meetings/{slug}/sessions"]
    assert set(sessions) == {"get", "post"}
    assert set(document["components"]["securitySchemes"]) == {"ApiTokenAuth", "SessionAuthWithCsrf"}


def test_the_openapi_document_keeps_every_choice_list_apart(team):
    document = Client().get("/api/openapi.json").json()
    schemas = document["components"]["schemas"]
    kinds = schemas["SessionOut"]["properties"]["kind"]["enum"]
    assert "panel" in kinds and "national" not in kinds
    node_kinds = schemas["NodeOut"]["properties"]["kind"]["enum"]
    assert "national" in node_kinds and "panel" not in node_kinds


def test_the_docs_page_loads(team):
    assert Client().get("/api/docs").status_code == 200


def test_it_reads_data_outside_the_years_it_accepts_as_input(team):
    # Made in the admin, say: the API may refuse such input, but must still show it.
    team.meeting.start_date = date(1850, 1, 1)
    team.meeting.save()
    session = make_session(team, starts_at=datetime(1850, 1, 1, 12, tzinfo=UTC))
    response = team.api(team.participant).get(f"{team.base}/sessions/{session.pk}")
    assert response.status_code == 200
    assert response.json()["starts_at"] == "1850-01-01T12:00:00Z"
