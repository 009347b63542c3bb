"""The settings module as an operator meets it: start-up errors and a clean deploy check."""

import os
import subprocess
import sys

import pytest


def run_convener(tmp_path, *args, **env):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CONVENER_")}
    environment.update({"CONVENER_DATA_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "-m", "convener.cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        ("CONVENER_DEBUG", "maybe"),
        ("CONVENER_DATABASE_URL", "mysql://x/y"),
        ("CONVENER_REDIS_URL", "http://127.0.0.1:6379"),
        ("CONVENER_HSTS_SECONDS", "-1"),
        ("CONVENER_LIVE_TRANSPORT", "carrier-pigeon"),
    ],
)
def test_a_bad_value_stops_the_start_naming_the_variable(tmp_path, variable, value):
    result = run_convener(tmp_path, "manage", "check", **{variable: value})
    assert result.returncode != 0
    assert variable in result.stderr
    assert "ImproperlyConfigured" in result.stderr


def test_production_settings_pass_the_deploy_check(tmp_path):
    result = run_convener(
        tmp_path,
        "manage",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        CONVENER_SECRET_KEY="x" * 20 + "production-secret-key-from-the-environment-0123456789",
        CONVENER_ALLOWED_HOSTS="meeting.example.org",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_every_page_sends_security_headers(client):
    response = client.get("/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_pages_carry_no_inline_script_or_style(personas, client):
    from tests.factories import SessionFactory

    session = SessionFactory(meeting=personas.meeting)
    client.force_login(personas.participant.user)
    for url in ["/m/gnm/", f"/m/gnm/sessions/{session.pk}/", "/m/gnm/agenda/", "/time-zone/", "/accounts/login/"]:
        body = client.get(url).content.decode()
        assert "<style" not in body, url
        assert " style=" not in body, url
        for tag in body.split("<script")[1:]:
            assert tag.lstrip().startswith("src="), (url, tag[:80])
