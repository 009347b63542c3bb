"""A participant's path through the program in a real browser."""

from __future__ import annotations

import re

import pytest
from icalendar import Calendar

from convener.demo import PARTICIPANT_EMAIL, build_demo
from convener.program.models import Session

pytestmark = pytest.mark.django_db(transaction=True)

ICEBREAKER = "Icebreaker virtual networking activity"
MONDAY_QA = "Theme 3: Product development and tools — live Q&A"


@pytest.fixture
def demo(transactional_db):
    return build_demo(seed=2021)


def row_text(page, title: str) -> str:
    session = Session.objects.get(title=title)
    return page.page.locator(f"#session-{session.pk}").inner_text()


@pytest.mark.parametrize(
    ("zone", "thursday", "monday"),
    [
        # The meeting's clocks change on Sunday 28 March (CET -> CEST); Bogota and
        # Kathmandu keep theirs, so the same 14:00 meeting time moves an hour for them.
        ("America/Bogota", "08:00", "07:00"),
        ("Asia/Kathmandu", "18:45", "17:45"),
    ],
)
def test_the_program_reads_in_the_viewers_zone_across_a_dst_change(demo, open_page, zone, thursday, monday):
    page = open_page(zone)
    page.goto("/")  # the first visit detects the browser's zone and reloads once
    page.page.wait_for_selector(f"text=Times in {zone}")
    page.check()
    assert page.page.url.endswith("/m/gnm-demo/")
    icebreaker = row_text(page, ICEBREAKER)
    assert icebreaker.startswith(thursday)
    assert "14:00 CET" in icebreaker
    live_qa = row_text(page, MONDAY_QA)
    assert live_qa.startswith(monday)
    assert "14:00 CEST" in live_qa


def test_a_participant_signs_in_stars_a_session_and_downloads_its_ics(demo, open_page):
    email, password = next(login for login in demo.logins if login.email == PARTICIPANT_EMAIL)
    page = open_page("Asia/Kathmandu")
    page.goto("/")
    page.page.get_by_role("link", name="Sign in").click()
    page.check()
    page.page.get_by_label("Email").fill(email)
    page.page.get_by_label("Password").fill(password)
    page.page.get_by_role("button", name="Sign In").click()
    page.page.wait_for_url(re.compile(r".*/m/gnm-demo/$"))
    page.check()

    page.page.get_by_role("link", name=MONDAY_QA).click()
    page.page.wait_for_selector("h1")
    page.check()
    assert page.page.get_by_role("link", name="Join the session").get_attribute("href").startswith("https://")
    page.page.get_by_role("button", name=f"Add to my agenda “{MONDAY_QA}”").click()
    page.page.get_by_role("button", name=f"In my agenda “{MONDAY_QA}”, press to remove").wait_for()
    assert "/sessions/" in page.page.url  # htmx swapped the button; no page load

    page.page.get_by_role("link", name="My agenda").click()
    page.page.wait_for_selector("h1:text('My agenda')")
    page.check()
    assert MONDAY_QA in page.page.inner_text("main")
    assert ICEBREAKER not in page.page.inner_text("main")

    page.page.get_by_role("link", name=MONDAY_QA).click()
    page.page.wait_for_selector("h1")
    page.check()
    with page.page.expect_download() as download_info:
        page.page.get_by_role("link", name="Add to calendar (ICS)").click()
    path = download_info.value.path()
    calendar = Calendar.from_ical(path.read_bytes())
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == MONDAY_QA
    assert event["DTSTART"].params["TZID"] == "Europe/Copenhagen"
    assert str(event["LOCATION"]).startswith("https://meet.jit.si/")


def test_a_visitor_sees_no_join_link_and_can_pick_a_zone(demo, open_page):
    page = open_page("Europe/Copenhagen")
    page.goto("/")
    page.page.get_by_role("link", name=ICEBREAKER).click()
    page.page.wait_for_selector("h1")
    page.check()
    assert page.page.get_by_role("link", name="Join the session").count() == 0
    assert "Sign in to see the join link" in page.page.inner_text("main")

    page.page.get_by_role("link", name=re.compile("Times in")).click()
    page.page.wait_for_selector("h1:text('Your time zone')")
    page.check()
    page.page.get_by_label("Your time zone").select_option("Pacific/Auckland")
    page.page.get_by_role("button", name="Show times in this zone").click()
    page.page.wait_for_selector("text=Times in Pacific/Auckland")
    page.check()
    # Thursday 14:00 in Copenhagen is 02:00 on Friday in Auckland.
    assert "Friday 26 March 2027" in page.page.inner_text("main")
    page.goto("/m/gnm-demo/")  # remembered on the next visit
    assert "Times in Pacific/Auckland" in page.page.inner_text("header")


def test_the_program_page_is_light_on_a_cold_load(demo, open_page):
    page = open_page("America/Bogota")
    page.goto("/m/gnm-demo/")  # sets the zone cookie; the measured load below is cold otherwise
    context = page.page.context
    cold = context.new_page()
    cold.route("**/*", lambda route: route.continue_())  # no cache: every request reaches the server
    transferred: list[int] = []

    def count(response) -> None:
        sizes = response.request.sizes()
        transferred.append(sizes["responseBodySize"] + sizes["responseHeadersSize"])

    cold.on("requestfinished", lambda request: count(request.response()))
    cold.goto(page.base_url + "/m/gnm-demo/", wait_until="networkidle")
    total = sum(transferred)
    assert len(transferred) >= 3  # the page, its stylesheet and its scripts
    assert total < 150 * 1024, f"program page cold load is {total / 1024:.0f} KB"
    cold.close()
