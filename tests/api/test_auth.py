"""Signing in to the API: the browser session (with CSRF) or a bearer token."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client

from convener.api.models import ApiToken
from convener.api.services import api_token_create, token_hash
from tests.api.conftest import Api, session_body

pytestmark = pytest.mark.django_db


def test_it_answers_anonymous_callers_with_401_and_a_message(team):
    response = team.api(None).get(team.base)
    assert response.status_code == 401
    assert "Bearer" in response.json()["detail"]


def test_it_answers_anonymous_writes_with_401_not_a_csrf_error(team):
    api = Api(Client(enforce_csrf_checks=True))
    response = api.post(f"{team.base}/sessions", session_body())
    assert response.status_code == 401


def test_it_accepts_a_bearer_token(team):
    response = team.token_api(team.participant).get(team.base)
    assert response.status_code == 200
    assert response.json()["slug"] == team.meeting.slug


def test_it_rejects_a_wrong_token_with_401(team):
    api = Api(Client(), {"Authorization": "Bearer cvn_not-a-real-token"})
    response = api.get(team.base)
    assert response.status_code == 401
    assert response.json() == {"detail": "This API token is not valid (unknown or revoked)."}


def test_a_wrong_token_does_not_fall_back_to_the_session(team):
    client = Client()
    client.force_login(team.participant.user)
    response = Api(client, {"Authorization": "Bearer cvn_wrong"}).get(team.base)
    assert response.status_code == 401


def test_it_rejects_the_token_of_a_deactivated_user(team):
    api = team.token_api(team.participant)
    team.participant.user.is_active = False
    team.participant.user.save()
    assert api.get(team.base).status_code == 401


def test_it_rejects_a_revoked_token(team):
    token, raw = api_token_create(team.participant.user, "zoom sync")
    token.delete()
    api = Api(Client(), {"Authorization": f"Bearer {raw}"})
    assert api.get(team.base).status_code == 401


def test_it_stores_only_a_hash_and_a_prefix_of_the_token(team):
    token, raw = api_token_create(team.participant.user, "zoom sync")
    token.refresh_from_db()
    assert token.token_hash == token_hash(raw)
    assert raw not in (token.token_hash, token.prefix, token.name)
    assert raw.startswith(token.prefix)


def test_it_remembers_when_a_token_was_last_used(team):
    token, raw = api_token_create(team.participant.user, "zoom sync")
    assert token.last_used_at is None
    Api(Client(), {"Authorization": f"Bearer {raw}"}).get(team.base)
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_it_refuses_two_tokens_with_the_same_name_for_one_user(team):
    from django.core.exceptions import ValidationError

    api_token_create(team.participant.user, "zoom sync")
    with pytest.raises(ValidationError, match="already has an API token called 'zoom sync'"):
        api_token_create(team.participant.user, " zoom sync ")


def test_it_enforces_csrf_on_session_writes(team):
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.organiser.user)
    response = Api(client).post(f"{team.base}/sessions", session_body())
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    assert not team.meeting.sessions.exists()


def test_it_accepts_session_writes_that_send_the_csrf_token(team):
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.organiser.user)
    csrf = _get_new_csrf_string()
    client.cookies["csrftoken"] = csrf
    response = Api(client, {"X-CSRFToken": csrf}).post(f"{team.base}/sessions", session_body())
    assert response.status_code == 201


def test_it_needs_no_csrf_token_for_reads_in_a_session(team):
    client = Client(enforce_csrf_checks=True)
    client.force_login(team.participant.user)
    assert Api(client).get(team.base).status_code == 200


def test_token_writes_need_no_csrf_token(team):
    api = team.token_api(team.organiser)
    api.client = Client(enforce_csrf_checks=True)
    response = api.post(f"{team.base}/sessions", session_body())
    assert response.status_code == 201


def test_the_command_prints_a_working_token_once(team):
    out, err = StringIO(), StringIO()
    call_command("create_api_token", team.organiser.user.email, "zoom sync", stdout=out, stderr=err)
    raw = out.getvalue().strip()
    assert raw.startswith("cvn_")
    assert raw not in err.getvalue()
    assert "cannot be shown again" in err.getvalue()
    token = ApiToken.objects.get(user=team.organiser.user)
    assert token.name == "zoom sync"
    assert Api(Client(), {"Authorization": f"Bearer {raw}"}).get(team.base).status_code == 200


def test_the_command_says_when_no_user_has_the_email(team):
    with pytest.raises(CommandError, match="No user has the email address"):
        call_command("create_api_token", "nobody@example.org", "zoom sync", stdout=StringIO())


def test_the_revoke_command_makes_the_token_stop_working(team):
    out = StringIO()
    call_command("create_api_token", team.organiser.user.email, "zoom sync", stdout=out, stderr=StringIO())
    raw = out.getvalue().strip()
    call_command("revoke_api_token", team.organiser.user.email, "zoom sync", stdout=StringIO())
    assert Api(Client(), {"Authorization": f"Bearer {raw}"}).get(team.base).status_code == 401
