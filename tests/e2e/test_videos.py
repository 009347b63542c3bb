"""A participant plays a short video the test suite made, seeks in it and it counts as watched."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
import time_machine

from convener.videos import services
from convener.videos.models import Watch
from tests.factories import PASSWORD, SessionFactory
from tests.videos import clips

pytestmark = pytest.mark.django_db(transaction=True)
UTC = ZoneInfo("UTC")


@pytest.fixture
def settings_media(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path)}},
    }


def sign_in(page, email: str, next_path: str) -> None:
    page.goto(f"/accounts/login/?next={quote(next_path)}")
    page.page.get_by_label("Email").fill(email)
    page.page.get_by_label("Password").fill(PASSWORD)
    page.page.get_by_role("button", name="Sign In").click()
    page.page.wait_for_url(re.compile(re.escape(next_path) + "$"))
    page.check()


def test_a_participant_plays_a_presentation_and_it_is_marked_watched(personas, open_page, settings_media):
    with time_machine.travel(datetime(2027, 3, 20, 12, tzinfo=UTC), tick=True):
        session = SessionFactory(meeting=personas.meeting, kind="panel", title="Theme 3 live Q&A")
        talk = services.presentation_save(
            meeting=personas.meeting,
            by=personas.organiser,
            title="The IPT in four seconds",
            presenters=[personas.facilitator],
            release_at=datetime(2027, 3, 18, 8, tzinfo=UTC),
            sessions=[session],
            video_file=clips.upload(clips.webm(4, fps=5, size=64)),
            captions=clips.upload(clips.VTT, "captions.vtt", "text/vtt"),
        )
        page = open_page("Europe/Copenhagen")
        sign_in(page, personas.participant.user.email, f"/m/gnm/sessions/{session.pk}/")
        ahead = page.page.locator(".watch-ahead")
        assert "1 min in all" in ahead.inner_text() or "1 minutes in all" in ahead.inner_text()
        ahead.get_by_role("link", name="The IPT in four seconds").click()
        page.page.wait_for_url(re.compile(rf".*/library/presentations/{talk.pk}/$"))
        page.check()
        video = page.page.locator("video#player")
        page.page.wait_for_function("() => document.querySelector('video#player').readyState >= 1")
        assert page.page.evaluate("document.querySelector('video#player').duration") == pytest.approx(4, abs=0.5)
        assert page.page.get_by_text("Not watched yet").is_visible()
        page.page.evaluate("document.querySelector('video#player').muted = true")
        video.evaluate("v => { v.currentTime = 2; }")  # a seek: the browser asks for a byte range
        page.page.wait_for_function("() => document.querySelector('video#player').currentTime >= 2")
        video.evaluate("v => v.play()")
        page.page.wait_for_function("() => document.querySelector('video#player').ended", timeout=15000)
        page.page.get_by_text("✓ Watched").wait_for(timeout=10000)
        watch = Watch.objects.get(participant=personas.participant, presentation=talk)
        assert watch.watched and watch.seconds >= 3
        page.page.reload()
        page.check()
        assert page.page.get_by_text("✓ Watched").is_visible()
        page.page.get_by_role("button", name="Mark as not watched").click()
        page.page.get_by_role("button", name="Mark as watched").wait_for()
        page.check()
        assert Watch.objects.get(pk=watch.pk).watched is False


def test_a_linked_video_loads_no_third_party_player_until_asked(personas, open_page):
    with time_machine.travel(datetime(2027, 3, 20, 12, tzinfo=UTC), tick=True):
        talk = services.presentation_save(
            meeting=personas.meeting,
            by=personas.organiser,
            title="A private Vimeo talk",
            presenters=[personas.facilitator],
            release_at=datetime(2027, 3, 18, 8, tzinfo=UTC),
            video_url="https://vimeo.com/123456/abcdef1234",
            duration_seconds=300,
        )
        page = open_page("Europe/Copenhagen")
        requests: list[str] = []
        page.page.on("request", lambda request: requests.append(request.url))
        sign_in(page, personas.participant.user.email, f"/m/gnm/library/presentations/{talk.pk}/")
        button = page.page.get_by_role("button", name=re.compile("Play the video"))
        assert button.is_visible() and "loads Vimeo's player" in button.inner_text()
        assert page.page.locator("iframe").count() == 0
        box = page.page.locator("[data-embed-src]")
        assert box.get_attribute("data-embed-src") == "https://player.vimeo.com/video/123456?h=abcdef1234&dnt=1"
        assert all(url.startswith(page.base_url) for url in requests), requests
