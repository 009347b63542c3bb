"""An availability poll in a real browser: answered in Kathmandu, read by the organiser in Bogota."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from convener.availability import services as poll_services
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)
UTC = ZoneInfo("UTC")
THURSDAY = datetime(2027, 3, 25, 13, tzinfo=UTC)  # 14:00 CET
MONDAY = datetime(2027, 3, 29, 12, tzinfo=UTC)  # 14:00 CEST, after the meeting's clocks change


def sign_in(page, zone: str, email: str, next_path: str) -> None:
    page.goto(f"/accounts/login/?next={quote(next_path)}")
    page.page.wait_for_selector(f"text=Times in {zone}")  # the first visit remembers the browser's zone
    page.check()
    page.page.get_by_label("Email").fill(email)
    page.page.get_by_label("Password").fill(PASSWORD)
    page.page.get_by_role("button", name="Sign In").click()
    page.page.wait_for_url(re.compile(re.escape(next_path) + "$"))
    page.check()


def test_a_participant_answers_in_their_zone_and_the_organiser_sees_the_counts(personas, open_page):
    poll = poll_services.poll_create(
        meeting=personas.meeting,
        created_by=personas.organiser,
        title="Regional session: when?",
        duration_minutes=60,
        starts=[THURSDAY, MONDAY],
    )
    poll_services.poll_set_status(poll=poll, by=personas.organiser, status="open")
    thursday, monday = poll.options.order_by("starts_at")
    path = reverse("availability:poll_detail", kwargs={"slug": "gnm", "pk": poll.pk})

    page = open_page("Asia/Kathmandu")
    sign_in(page, "Asia/Kathmandu", personas.participant.user.email, path)
    first, second = page.page.locator(f"#option-{thursday.pk}"), page.page.locator(f"#option-{monday.pk}")
    assert "Thu 25 Mar, 18:45–19:45" in first.inner_text() and "14:00 CET" in first.inner_text()
    assert "Mon 29 Mar, 17:45–18:45" in second.inner_text() and "14:00 CEST" in second.inner_text()
    first.get_by_role("radio", name="Yes").check()
    second.get_by_role("radio", name="If need be").check()
    page.page.get_by_role("button", name="Save my answers").click()
    page.page.get_by_text("Your answers are saved.").wait_for()
    page.check()
    assert page.page.locator(f"#option-{monday.pk}").get_by_role("radio", name="If need be").is_checked()

    organiser = open_page("America/Bogota")
    sign_in(organiser, "America/Bogota", personas.organiser.user.email, path)
    best = organiser.page.locator(f"#result-{thursday.pk}")
    assert "Thu 25 Mar, 08:00–09:00" in best.inner_text()
    assert "1 yes · 0 if need be · 0 no" in best.inner_text()
    assert "Yes: Pablo Participant" in best.inner_text()
    assert "best" in best.inner_text().lower()
    assert "0 yes · 1 if need be · 0 no" in organiser.page.locator(f"#result-{monday.pk}").inner_text()
    organiser.page.get_by_role("button", name="Close the poll").click()
    organiser.page.get_by_text("The poll is now closed.").wait_for()
    organiser.check()
