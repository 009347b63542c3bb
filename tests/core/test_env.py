import pytest
from django.core.exceptions import ImproperlyConfigured

from convener.core import env


@pytest.mark.parametrize("value", ["yes please", "2", "truthy"])
def test_a_bad_boolean_names_the_variable(monkeypatch, value):
    monkeypatch.setenv("CONVENER_DEBUG", value)
    with pytest.raises(ImproperlyConfigured, match="CONVENER_DEBUG"):
        env.env_bool("DEBUG", False)


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("False", False), ("", True), ("0", False)])
def test_booleans(monkeypatch, value, expected):
    monkeypatch.setenv("CONVENER_HTTPS", value)
    assert env.env_bool("HTTPS", True) is expected


def test_a_bad_database_url_names_the_variable(monkeypatch):
    monkeypatch.setenv("CONVENER_DATABASE_URL", "mysql://db/convener")
    with pytest.raises(ImproperlyConfigured, match="CONVENER_DATABASE_URL must be a URL starting with"):
        env.env_url("DATABASE_URL", {"sqlite", "postgres"})


def test_a_bad_number_names_the_variable(monkeypatch):
    monkeypatch.setenv("CONVENER_EMAIL_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match="CONVENER_EMAIL_PORT='twenty-five' is not a whole number"):
        env.env_int("EMAIL_PORT", 25)


def test_an_unknown_time_zone_names_the_variable(monkeypatch):
    monkeypatch.setenv("CONVENER_DEFAULT_TIME_ZONE", "Europe/Atlantis")
    with pytest.raises(ImproperlyConfigured, match="CONVENER_DEFAULT_TIME_ZONE='Europe/Atlantis'"):
        env.env_time_zone("DEFAULT_TIME_ZONE", "UTC")


def test_a_secret_key_is_generated_once_and_kept(monkeypatch, tmp_path):
    monkeypatch.delenv("CONVENER_SECRET_KEY", raising=False)
    first = env.secret_key(tmp_path)
    assert len(first) >= 50
    assert env.secret_key(tmp_path) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o777 == 0o600


def test_a_short_secret_key_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("CONVENER_SECRET_KEY", "short")
    with pytest.raises(ImproperlyConfigured, match="at least 50 characters"):
        env.secret_key(tmp_path)


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    key_file = tmp_path / "key"
    key_file.write_text("k" * 60 + "\n")
    monkeypatch.delenv("CONVENER_SECRET_KEY", raising=False)
    monkeypatch.setenv("CONVENER_SECRET_KEY_FILE", str(key_file))
    assert env.secret_key(tmp_path) == "k" * 60
