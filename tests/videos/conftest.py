from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploads go to a fresh folder per test, like <data dir>/media does in production."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


PREPARATION_WEEK = "2027-03-20 12:00Z"  # after the demo-like release on 18 March, before the meeting


@pytest.fixture(autouse=True)
def in_preparation_week():
    """Every videos test runs at a fixed moment; tests that need another travel again inside it."""
    import time_machine

    with time_machine.travel(PREPARATION_WEEK, tick=True) as traveller:
        yield traveller
