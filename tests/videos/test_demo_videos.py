"""The demo meeting's panels come with their pre-recorded presentations and a recording."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from convener.demo import ORGANISER_EMAIL, build_demo
from convener.program.models import ProgramChange, Session
from convener.videos import selectors
from convener.videos.models import Presentation, Recording

pytestmark = pytest.mark.django_db


def test_the_demo_panels_list_what_to_watch(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    result = build_demo(seed=2021)
    talks = Presentation.objects.filter(meeting=result.meeting)
    assert talks.count() == 22  # 5 + 6 + 5 + 5 theme talks and the marine data introduction
    assert max(talks.values_list("duration_seconds", flat=True)) <= 7 * 60
    assert all(t.embed is not None for t in talks)
    panel = Session.objects.get(meeting=result.meeting, title__startswith="Theme 1")
    organiser = result.meeting.participants.get(user__email=ORGANISER_EMAIL)
    during = datetime(2027, 3, 25, 12, tzinfo=ZoneInfo("UTC"))
    ahead = selectors.watch_ahead(session=panel, participant=organiser, now=during)
    assert len(ahead.items) == 5 and 20 <= ahead.total_minutes <= 35
    recording = Recording.objects.get(session__meeting=result.meeting)
    assert recording.chapters.count() == 5  # welcome, three demos, questions
    assert ProgramChange.objects.filter(meeting=result.meeting, kind=ProgramChange.Kind.RECORDING).count() == 1
