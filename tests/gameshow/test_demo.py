"""The demo meeting's game show is imported and ready to run, the helpdesk's staff member in the helpdesk."""

from __future__ import annotations

import pytest

from convener.demo import build_demo
from convener.gameshow.models import Show

pytestmark = pytest.mark.django_db


def test_the_demo_game_show_is_ready(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    result = build_demo(seed=2021)
    show = Show.objects.get(session__meeting=result.meeting)
    assert show.rounds.count() == 10 and show.current_round_id is None
    helpdesk = show.teams.get(is_helpdesk=True)
    members = list(helpdesk.members.all())
    assert len(members) == 1 and members[0].name in show.session.format
