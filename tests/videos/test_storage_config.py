"""Where uploads are kept: <data dir>/media by default, or a django-storages backend."""

from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from convener.core import env


def test_uploads_live_under_the_data_dir_by_default(monkeypatch):
    monkeypatch.delenv("CONVENER_STORAGE", raising=False)
    monkeypatch.delenv("CONVENER_STORAGE_OPTIONS", raising=False)
    assert env.storage("STORAGE", Path("/srv/data/media")) == {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": "/srv/data/media"},
    }


def test_an_s3_bucket_takes_its_options_from_json(monkeypatch, tmp_path):
    monkeypatch.setenv("CONVENER_STORAGE", "s3")
    secret = tmp_path / "options.json"
    secret.write_text('{"bucket_name": "convener-media", "access_key": "k"}')
    monkeypatch.setenv("CONVENER_STORAGE_OPTIONS_FILE", str(secret))
    assert env.storage("STORAGE", tmp_path) == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {"bucket_name": "convener-media", "access_key": "k"},
    }


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("CONVENER_STORAGE", "dropbox", "is not a storage"),
        ("CONVENER_STORAGE_OPTIONS", "{bucket", "is not valid JSON"),
        ("CONVENER_STORAGE_OPTIONS", "[1]", "must be a JSON object"),
    ],
)
def test_a_bad_storage_setting_stops_the_start_naming_it(monkeypatch, tmp_path, variable, value, message):
    monkeypatch.setenv(variable, value)
    with pytest.raises(ImproperlyConfigured, match=message) as error:
        env.storage("STORAGE", tmp_path)
    assert variable.removesuffix("_OPTIONS") in str(error.value)
