"""Surveys in a real browser: answered on a phone, conditional questions shown as answers change, results read."""

from __future__ import annotations

import os
import re
import tempfile
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from convener.surveys import services
from convener.surveys.models import Answer, Question, Respondent
from tests.factories import PASSWORD
from tests.surveys.conftest import answers, build_survey

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
SHOTS = Path(os.environ.get("CONVENER_SCREENSHOTS") or Path(tempfile.gettempdir()) / "convener-screenshots")


def sign_in(page, zone: str, email: str, next_path: str) -> None:
    page.goto(f"/accounts/login/?next={quote(next_path)}")
    page.page.wait_for_selector(f"text=Times in {zone}")
    page.check()
    page.page.get_by_label("Email").fill(email)
    page.page.get_by_label("Password").fill(PASSWORD)
    page.page.get_by_role("button", name="Sign In").click()
    page.page.wait_for_url(re.compile(re.escape(next_path) + "$"))
    page.check()


def shot(page, name: str, **options: object) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(SHOTS / f"{name}.png"), **options)


@pytest.fixture
def live_survey(personas):
    now = timezone.now()
    return build_survey(personas, opens=now - timedelta(hours=1), closes=now + timedelta(days=2))


def test_a_participant_answers_on_a_phone(personas, live_survey, open_page):
    built = live_survey
    path = reverse("surveys:answer", kwargs={"slug": "gnm", "pk": built.survey.pk})
    page = open_page("America/Bogota", **PHONE)
    sign_in(page, "America/Bogota", personas.participant.user.email, path)
    p = page.page
    why = p.locator(f"#sq-{built.why.pk}")
    assert why.is_hidden()  # shown only for "Maybe" or "No"
    assert p.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # no sideways scrolling
    rating = p.locator(f"#sq-{built.rating.pk}")
    rating.get_by_role("radio", name="9", exact=True).check()
    again = p.locator(f"#sq-{built.again.pk}")
    again.get_by_role("radio", name="Maybe").check()
    assert why.is_visible()
    again.get_by_role("radio", name="Yes").check()
    assert why.is_hidden()
    again.get_by_role("radio", name="No").check()
    assert why.is_visible()
    p.locator(f"#sq-{built.sessions.pk} input").fill("99")
    shot(page, "survey-phone-form", full_page=True)
    p.get_by_role("button", name="Send my answers").click()
    p.get_by_text("Nothing was saved: please correct the answers marked below.").wait_for()
    page.check()
    assert "“What would make you come?” needs an answer." in p.locator(f"#sq-{built.why.pk}").inner_text()
    assert "99 is out of range" in p.locator(f"#sq-{built.sessions.pk}").inner_text()
    assert Respondent.objects.count() == 0
    shot(page, "survey-phone-errors", full_page=True)
    # The answers given stay selected; the conditional question is still shown after the reload.
    assert p.locator(f"#sq-{built.again.pk}").get_by_role("radio", name="No").is_checked()
    assert p.locator(f"#sq-{built.why.pk}").is_visible()
    p.locator(f"#sq-{built.why.pk} textarea").fill("Sessions at night for me")
    p.locator(f"#sq-{built.sessions.pk} input").fill("12")
    p.locator(f"#sq-{built.kinds.pk}").get_by_role("checkbox", name="Demos").check()
    p.locator(f"#sq-{built.likert.pk}").get_by_role("radio", name="Agree", exact=True).check()
    p.get_by_role("button", name="Send my answers").click()
    p.get_by_text("Thank you: your answers are saved, anonymously.").wait_for()
    page.check()
    shot(page, "survey-phone-thanks")
    assert Answer.objects.get(question=built.why).text == "Sessions at night for me"
    assert Answer.objects.get(question=built.kinds).choices == ["Demos"]
    assert Answer.objects.get(question=built.likert).number == 4


def test_a_hidden_answer_is_not_sent(personas, live_survey, open_page):
    built = live_survey
    path = reverse("surveys:answer", kwargs={"slug": "gnm", "pk": built.survey.pk})
    page = open_page("Europe/Copenhagen", **PHONE)
    sign_in(page, "Europe/Copenhagen", personas.facilitator.user.email, path)
    p = page.page
    p.locator(f"#sq-{built.rating.pk}").get_by_role("radio", name="7", exact=True).check()
    p.locator(f"#sq-{built.again.pk}").get_by_role("radio", name="No").check()
    p.locator(f"#sq-{built.why.pk} textarea").fill("typed, then changed my mind")
    p.locator(f"#sq-{built.again.pk}").get_by_role("radio", name="Yes").check()
    p.get_by_role("button", name="Send my answers").click()
    p.get_by_text("Thank you").first.wait_for()
    page.check()
    assert not Answer.objects.filter(question=built.why).exists()


def test_the_organiser_reads_the_results_and_reorders(personas, live_survey, open_page):
    built = live_survey
    for who, rating, again in [(personas.participant, "9", "Yes"), (personas.facilitator, "6", "Maybe")]:
        services.response_submit(
            survey=built.survey, participant=who, data=answers(built, rating=rating, again=again, why="Shorter days")
        )
    results = reverse("surveys:results", kwargs={"slug": "gnm", "pk": built.survey.pk})
    page = open_page("Asia/Kathmandu", viewport={"width": 1100, "height": 900})
    sign_in(page, "Asia/Kathmandu", personas.organiser.user.email, results)
    p = page.page
    assert "2 of 3 participants answered (67%)" in p.locator(".sv-big").first.inner_text()
    again = p.locator(f"#result-{built.again.pk}")
    assert re.search(r"Yes\s+1\s+50%", again.inner_text()) and re.search(r"Maybe\s+1\s+50%", again.inner_text())
    assert "Mean 7.5 · median 7.5 · count 2" in p.locator(f"#result-{built.rating.pk}").inner_text()
    shot(page, "survey-results", full_page=True)
    p.emulate_media(media="print")
    assert p.locator("header.site").is_hidden() and p.locator(".sv-actions").is_hidden()
    shot(page, "survey-results-print", full_page=True)
    p.emulate_media(media="screen")
    p.set_viewport_size({"width": 390, "height": 844})
    assert p.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "survey-results-phone", full_page=True)
    p.set_viewport_size({"width": 1100, "height": 900})

    fresh = build_survey(personas, title="Draft")
    build = reverse("surveys:build", kwargs={"slug": "gnm", "pk": fresh.survey.pk})
    page.goto(build)
    p.get_by_role("button", name="Move “Overall rating” down").click()
    p.wait_for_load_state("load")
    page.check()
    first_two = list(Question.objects.filter(survey=fresh.survey).order_by("section__order", "order")[:2])
    assert [q.text for q in first_two] == ["Attend again?", "Overall rating"]
    # Drag "One word" (second section) to the top of the first section by its handle.
    handle = p.locator(f"#question-{fresh.comment.pk} .sv-handle")
    target = p.locator(f"#question-{fresh.again.pk}")
    assert p.evaluate("typeof window.Sortable") == "function"
    p.set_viewport_size({"width": 1100, "height": 2400})  # both questions on screen
    p.evaluate("window.scrollTo(0, 0)")
    start, end = handle.bounding_box(), target.bounding_box()
    p.mouse.move(start["x"] + start["width"] / 2, start["y"] + start["height"] / 2)
    p.mouse.down()
    p.mouse.move(end["x"] + 30, end["y"] + 4, steps=12)
    p.mouse.move(end["x"] + 30, end["y"] + 2, steps=3)
    p.mouse.up()
    p.get_by_text("The new order is saved.").wait_for()
    page.check()
    order = list(
        Question.objects.filter(survey=fresh.survey).order_by("section__order", "order").values_list("text", flat=True)
    )
    assert order[0] == "One word" and Question.objects.get(pk=fresh.comment.pk).section_id == fresh.rating.section_id
    shot(page, "survey-build", full_page=True)
