"""A new organiser builds a meeting in the browser, from nothing to a published program and an
announcement to one region: no shell, no /admin/."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import mail

from convener import worker
from convener.people.models import Participant, Region
from convener.program.models import Session

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "a-long-organiser-password"  # noqa: S105 - a test account
NODES = [
    ("GBIF Benin", "BJ", "Africa", "Africa/Porto-Novo", "fr; en"),
    ("GBIF Nepal", "NP", "Asia", "Asia/Kathmandu", "en"),
    ("GBIF Colombia", "CO", "Latin America", "America/Bogota", "es; en"),
]
SESSIONS = [
    # title, day, start (meeting time), facilitator's line in the CSV
    ("Opening plenary", "2027-03-25", "14:00", 0),
    ("Data papers", "2027-03-25", "16:00", 1),
    ("Africa regional", "2027-03-26", "10:00", 3),
    ("Asia regional", "2027-03-26", "08:00", 4),
    ("Americas regional", "2027-03-29", "15:00", 5),
    ("Closing", "2027-03-30", "14:00", 6),
]


def people_csv() -> str:
    rows = ["name,email,node,country,region,languages,time zone,role,working hours"]
    for i in range(30):
        node, country, region, zone, languages = NODES[i % 3]
        person = f"Person {i:02d},person{i:02d}@example.org"
        rows.append(f"{person},{node},{country},{region},{languages},{zone},,08:00-16:00")
    return "\n".join(rows) + "\n"


@pytest.fixture
def organiser_account(transactional_db):
    for name in ("Africa", "Asia", "Latin America"):
        Region.objects.create(name=name, slug=name.lower().replace(" ", "-"))
    user = get_user_model().objects.create_user("nia@example.org", "nia@example.org", PASSWORD)
    user.user_permissions.add(Permission.objects.get(codename="add_meeting"))
    return user


def sign_in(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.page.get_by_label("Email").fill(email)
    page.page.get_by_label("Password").fill(password)
    page.page.get_by_role("button", name="Sign In").click()
    page.page.wait_for_load_state("load")
    page.check()


def test_a_new_organiser_builds_publishes_and_announces(organiser_account, open_page, tmp_path):
    page = open_page("Europe/Copenhagen", viewport={"width": 1280, "height": 900})
    sign_in(page, "nia@example.org", PASSWORD)

    # A meeting from nothing.
    page.goto("/organise/new/")
    form = page.page
    form.get_by_label("Name").fill("Nodes Meeting 2027")
    form.get_by_label("Slug").fill("nodes-2027")
    form.get_by_label("Start date").fill("2027-03-25")
    form.get_by_label("End date").fill("2027-03-31")
    form.get_by_label("Time zone").fill("Europe/Copenhagen")
    form.get_by_role("button", name="Create the meeting").click()
    form.wait_for_url(re.compile(r"/m/nodes-2027/organise/$"))
    page.check()
    assert form.get_by_role("link", name="Organise", exact=True).is_visible()

    # Thirty people from a CSV, with their three nodes made on the way.
    page.goto("/m/nodes-2027/organise/people/import/")
    upload = tmp_path / "people.csv"
    upload.write_text(people_csv())
    form.get_by_label("CSV file").set_input_files(str(upload))
    form.get_by_role("button", name="Preview").click()
    page.check()
    assert "30 new account" in form.locator(".org-summary").inner_text()
    form.get_by_label("Create the 3 new nodes").check()
    form.get_by_role("button", name="Import 30 people").click()
    form.wait_for_url(re.compile(r"/organise/people/$"))
    page.check()
    assert Participant.objects.filter(meeting__slug="nodes-2027").count() == 31  # and Nia

    # Six sessions on the grid, each with a facilitator picked from this meeting's people.
    for title, day, start, who in SESSIONS:
        page.goto("/m/nodes-2027/organise/program/new/")
        form.get_by_label("Title").fill(title)
        form.get_by_label("Start").fill(f"{day}T{start}")
        form.get_by_label("Duration (minutes)").fill("60")
        form.get_by_label("Search Facilitators").fill(f"Person {who:02d}")
        form.get_by_label("Facilitators", exact=True).select_option(label=f"Person {who:02d} · {NODES[who % 3][0]}")
        form.get_by_role("button", name="Create the draft").click()
        form.wait_for_url(re.compile(r"/organise/program/\?"))
        page.check()
    assert form.locator(".tt-block.tt-draft").count() == 6

    # Drag "Closing" to Wednesday at 10:00.
    closing = form.locator(".tt-block", has_text="Closing")
    wednesday = form.locator('.tt-lane-bg[data-date="2027-03-31"]')
    hour = form.locator(".tt-hour").first.bounding_box()
    first_hour = int(form.locator("#timetable").get_attribute("data-first-hour"))
    top = wednesday.bounding_box()["y"]
    quarter = hour["height"] / 4
    ten = (10 - first_hour) * 4 * quarter + 5
    closing.drag_to(wednesday, source_position={"x": 10, "y": 5}, target_position={"x": 20, "y": ten})
    form.wait_for_selector("text=now starts")
    page.check()
    moved = Session.objects.get(title="Closing")
    assert moved.starts_at == datetime(2027, 3, 31, 8, tzinfo=UTC)  # 10:00 CEST
    assert top > 0

    # Publish, and read the program as a participant in Bogota.
    form.get_by_role("button", name="Publish 6 drafts").click()
    form.wait_for_selector("text=Published 6 sessions")
    person = Participant.objects.get(user__email="person05@example.org")
    person.user.set_password(PASSWORD)
    person.user.save()
    reader = open_page("America/Bogota")
    sign_in(reader, "person05@example.org", PASSWORD)
    reader.goto("/m/nodes-2027/")
    reader.page.wait_for_selector("text=Times in America/Bogota")
    program = reader.page.locator("main").inner_text()
    assert "Opening plenary" in program and "Closing" in program
    opening = Session.objects.get(title="Opening plenary")
    assert reader.page.locator(f"#session-{opening.pk}").inner_text().startswith("08:00")  # 14:00 CET
    reader.check()

    # An announcement to Asia only, sent by the background worker.
    page.goto("/m/nodes-2027/organise/announcements/new/")
    form.get_by_label("Subject").fill("Asia: your regional session")
    form.get_by_label("Body").fill("See you on **Friday**.")
    form.get_by_label("Who gets it").select_option("region")
    form.get_by_label("Region").select_option(label="Asia")
    form.get_by_role("button", name="Preview").click()
    page.check()
    form.get_by_role("button", name="Send to 10 people").click()
    form.wait_for_selector("text=emails are on their way")
    page.check()
    worker.run(batch=True)
    asia = set(
        Participant.objects.filter(meeting__slug="nodes-2027", node__region__name="Asia").values_list(
            "user__email", flat=True
        )
    )
    assert len(asia) == 10
    assert sorted(address for message in mail.outbox for address in message.to) == sorted(asia)
    for width, height in [(1280, 900), (390, 844)]:
        form.set_viewport_size({"width": width, "height": height})
        for name in ("", "program/", "people/"):
            page.goto(f"/m/nodes-2027/organise/{name}")
            form.screenshot(path=str(tmp_path / f"organise-{name.strip('/') or 'dashboard'}-{width}.png"))
