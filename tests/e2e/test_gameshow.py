"""The game show in the browser: the host imports the question set and runs rounds on the console, the big
screen (1920×1080) and one phone follow live over websockets; a host reload mid-round keeps the score.
Screenshots go to gameshow-*.png in the temporary folder (/tmp), or in CONVENER_SCREENSHOTS."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest

from convener.program.models import SessionRole
from tests.e2e.test_live_qa import open_live, signed_in
from tests.e2e.test_projector import console_errors, inside_viewport
from tests.factories import ParticipantFactory, SessionFactory, SessionRoleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(os.environ.get("CONVENER_SCREENSHOTS") or tempfile.gettempdir())
QUESTIONS = Path(__file__).resolve().parents[2] / "src/convener/gameshow/fixtures/nodes-vs-helpdesk.yaml"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}


def click(page, name: str) -> None:
    page.page.get_by_role("button", name=name, exact=True).click()


def test_a_show_runs_on_the_console_the_big_screen_and_a_phone(personas, open_asgi_page):
    slug = personas.meeting.slug
    session = SessionFactory(meeting=personas.meeting, kind="game_show", title="GBIF.org: Nodes vs Helpdesk")
    SessionRoleFactory(session=session, participant=personas.facilitator, role=SessionRole.Role.FACILITATOR)
    player = ParticipantFactory(meeting=personas.meeting, name="Nadia Node", user=UserFactory(username="nadia"))
    base = f"/m/{slug}/sessions/{session.pk}/gameshow"

    host = signed_in(open_asgi_page, personas.facilitator, viewport={"width": 1280, "height": 900})
    host.goto(base + "/host/")
    host.page.set_input_files("#gs-file", str(QUESTIONS))
    click(host, "Import")
    host.page.wait_for_load_state("load")
    host.check()
    host.page.select_option("#gs-person", value=str(player.pk))
    host.page.select_option("#gs-person-team", label="Nodes")
    click(host, "Put in the team")
    host.page.wait_for_load_state("load")
    host.check()
    open_live(host, base + "/host/")
    host_errors = console_errors(host)

    screen = signed_in(open_asgi_page, personas.organiser, viewport={"width": 1920, "height": 1080})
    open_live(screen, base + "/screen/")
    screen_errors = console_errors(screen)
    phone = signed_in(open_asgi_page, player, **PHONE)
    open_live(phone, base + "/")
    phone_errors = console_errors(phone)
    assert "The show has not started yet" in phone.page.inner_text("#gs-stage")

    # Round 1: question, breakout with a countdown on every screen, the poll, the judgement, the reveal.
    click(host, "Start the first round")
    screen.page.wait_for_selector(".gs-screen-question >> text=Round 1 of 10")
    phone.page.wait_for_selector("#gs-stage >> text=Round 1 of 10")
    click(host, "Send the team to its room")
    for page in (host, screen, phone):
        page.page.wait_for_function(
            "() => /\\d+:\\d\\d left/.test(document.querySelector('.gs-countdown')?.textContent || '')"
        )
    assert "join your breakout room" in phone.page.inner_text("#gs-room")
    click(host, "Open the poll")
    phone.page.wait_for_selector("#gs-poll form")
    phone.page.get_by_label("The Metrics tab of an occurrence search").check()
    phone.check()
    click(phone, "Send my answer")
    phone.page.wait_for_selector("#gs-poll >> text=Your answer is counted")
    screen.page.wait_for_selector('.gs-screen-poll .voter-count:text-is("1")')
    host.page.wait_for_selector('#gs-host .voter-count:text-is("1")')
    screen.check()
    screen.page.screenshot(path=str(SHOTS / "gameshow-screen-poll-1920x1080.png"))
    phone.page.screenshot(path=str(SHOTS / "gameshow-phone-answered.png"), full_page=True)
    click(host, "The team is back")
    click(host, "Correct: the nodes' point")
    host.page.wait_for_selector("#gs-host >> text=Correct: a point for Nodes.")
    click(host, "Reveal")
    screen.page.wait_for_selector(".gs-screen-question >> text=Suggested answer")
    screen.page.wait_for_selector(".gs-screen-poll .grade >> text=Best")
    phone.page.wait_for_selector("#gs-poll >> text=You chose: The Metrics tab of an occurrence search (Best)")
    for selector in (".screen-head", ".gs-screen-question", ".gs-screen-poll", ".gs-screen-score"):
        inside_viewport(screen.page, selector)
    screen.check()
    phone.check()
    screen.page.screenshot(path=str(SHOTS / "gameshow-screen-reveal-1920x1080.png"))
    phone.page.screenshot(path=str(SHOTS / "gameshow-phone.png"), full_page=True)

    # Round 2 (multiple choice): the helpdesk takes the point; the host reloads mid-round.
    click(host, "Next round")
    phone.page.wait_for_selector("#gs-stage >> text=Round 2 of 10")
    click(host, "Open the poll")
    phone.page.wait_for_selector("#gs-poll form")
    phone.page.get_by_label("Publishing country").check()
    phone.page.get_by_label("Hosting organization").check()
    click(phone, "Send my answer")
    phone.page.wait_for_selector("#gs-poll >> text=Your answer is counted")
    click(host, "Pass to the helpdesk")
    host.page.wait_for_selector("#gs-host >> text=The point goes to Helpdesk.")
    open_live(host, base + "/host/")  # the reload
    scores = [int(n) for n in host.page.locator("#gs-host .gs-scores .points").all_inner_texts()]
    assert scores == [1, 1]
    assert "Round 2 of 10: Judged" in host.page.inner_text("#gs-host")
    click(host, "Undo the judgement")
    screen.page.wait_for_function(
        "() => [...document.querySelectorAll('.gs-screen-score .points')].map(e => e.textContent).join() === '1,0'"
    )
    click(host, "Correct: the nodes' point")
    click(host, "Reveal")
    screen.page.wait_for_function(
        "() => [...document.querySelectorAll('.gs-screen-score .points')].map(e => e.textContent).join() === '2,0'"
    )
    host.check()
    host.page.screenshot(path=str(SHOTS / "gameshow-host.png"), full_page=True)
    phone.page.wait_for_selector("#gs-poll >> text=Alternative")

    # Rounds 3 to 10, each through the same screens: the phone answers every poll, the points alternate.
    expected = [2, 0]
    for number in range(3, 11):
        click(host, "Next round")
        phone.page.wait_for_selector(f"#gs-stage >> text=Round {number} of 10")
        click(host, "Open the poll")
        phone.page.wait_for_selector("#gs-poll form")
        phone.page.locator("#gs-poll input.gs-choice").first.check()
        click(phone, "Send my answer")
        phone.page.wait_for_selector("#gs-poll >> text=Your answer is counted")
        verdict = "Correct: the nodes' point" if number % 2 else "Pass to the helpdesk"
        expected[0 if number % 2 else 1] += 1
        click(host, verdict)
        click(host, "Reveal")
        screen.page.wait_for_function(
            "(want) => [...document.querySelectorAll('.gs-screen-score .points')].map(e => e.textContent).join()"
            " === want",
            arg=",".join(map(str, expected)),
        )
        phone.page.wait_for_selector("#gs-poll >> text=You chose:")
    host.page.wait_for_selector("#gs-host >> text=The show is over: results")
    assert expected == [6, 4]

    results = signed_in(open_asgi_page, player)
    results.goto(base + "/results/")
    text = results.page.inner_text("main")
    assert re.search(r"Round 10", text) and "Publishing country" in text
    final = [int(n) for n in results.page.locator(".gs-scores").first.locator(".points").all_inner_texts()]
    assert final == [6, 4]
    results.page.screenshot(path=str(SHOTS / "gameshow-results.png"), full_page=True)
    for page in (host, screen, phone):
        assert page.page.evaluate("window.stillTheSamePage") is True or page is host
    assert not screen_errors and not phone_errors and not host_errors, (screen_errors, phone_errors, host_errors)
