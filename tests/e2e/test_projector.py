"""The Q&A big screen as a projector view, and live pages that log no htmx errors while the moderators work.

The big screen is shown at 1920×1080 and 1280×900: no site menu or footer, the question being answered, the
top of the queue and the open poll inside the viewport without scrolling, and a QR code (made by segno on the
server) for the Q&A page. Screenshots go to projector-<width>x<height>[-long].png in the temporary folder
(/tmp), or in CONVENER_SCREENSHOTS.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import pytest
import segno

from convener.discussion import services
from convener.discussion.models import Question
from tests.e2e.test_live_qa import in_thread, open_live, signed_in
from tests.factories import ParticipantFactory, SessionFactory, SessionRoleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = Path(os.environ.get("CONVENER_SCREENSHOTS") or tempfile.gettempdir())
SIZES = [(1920, 1080), (1280, 900)]
LONG = (
    "Our node publishes checklists from three herbarium partners and two citizen-science platforms, and each "
    "of them keeps its own taxonomic backbone, its own identifiers and its own release rhythm; how should we "
    "reconcile the names before publishing, who decides when two of them disagree about a synonym, and would "
    "the secretariat consider a shared validation service that nodes could run before each release? "
)


def console_errors(checked) -> list[str]:
    """Collect the page's console errors (htmx logs htmx:oobErrorNoTarget there) and uncaught exceptions; the
    site has no favicon, which Chromium reports as a failed load on the site's own pages."""
    errors: list[str] = []

    def on_console(message) -> None:
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            errors.append(f"{message.text} ({message.location.get('url')})")

    checked.page.on("console", on_console)
    checked.page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def inside_viewport(page, selector: str) -> None:
    box = page.locator(selector).bounding_box()
    size = page.viewport_size
    assert box is not None, f"{selector} is not shown"
    assert box["x"] >= 0 and box["y"] >= 0, f"{selector} starts outside the screen: {box}"
    assert box["x"] + box["width"] <= size["width"] + 0.5, f"{selector} is cut on the right: {box} in {size}"
    assert box["y"] + box["height"] <= size["height"] + 0.5, f"{selector} is below the fold: {box} in {size}"


def ask_and_approve(session, by, moderator, text, voters=()):
    question = in_thread(services.question_ask, session=session, by=by, text=text)
    question = in_thread(services.question_moderate, question=question, by=moderator, action="approve")
    for voter in voters:
        in_thread(services.question_vote, question=question, by=voter)
    return question


def test_the_big_screen_is_a_projector_view_that_fits_and_stays_quiet(personas, open_asgi_page):
    slug = personas.meeting.slug
    session = SessionFactory(meeting=personas.meeting, kind="live_qa", title="Open floor: the data portal")
    SessionRoleFactory(session=session, participant=personas.facilitator, role="moderator")
    people = [
        ParticipantFactory(meeting=personas.meeting, name=f"Voter {i}", user=UserFactory(username=f"v{i}"))
        for i in range(6)
    ]
    # Seven approved questions with 6, 5, ... 0 votes: the screen shows the top five of them.
    queue = [
        ask_and_approve(session, people[i % 6], personas.organiser, (LONG if i < 2 else f"Question {i}?"), people[i:])
        for i in range(7)
    ]
    pending = in_thread(services.question_ask, session=session, by=personas.participant, text="Still waiting?")
    poll = in_thread(
        services.poll_create,
        session=session,
        by=personas.facilitator,
        question="Which release rhythm suits your node best, given your partners' own schedules and the "
        "time the secretariat needs to index a new version of each dataset?",
        kind="single",
        choices=["Monthly", "Quarterly", "Twice a year", "Yearly", "When the data change"]
        + [f"Another rhythm, number {i}, that a partner asked us to list here" for i in range(5)],
    )
    qa = f"/m/{slug}/sessions/{session.pk}/qa/"
    width, height = SIZES[0]
    screen = signed_in(open_asgi_page, personas.guest, viewport={"width": width, "height": height})
    moderator = signed_in(open_asgi_page, personas.facilitator, viewport={"width": 1280, "height": 900})
    participant = signed_in(open_asgi_page, people[0])
    errors = {"screen": console_errors(screen), "moderator": console_errors(moderator)}
    errors["participant"] = console_errors(participant)
    open_live(screen, qa + "screen/")
    open_live(moderator, qa + "moderate/")
    open_live(participant, qa)

    page = screen.page
    assert page.locator("header.site, nav, footer").count() == 0, "the projector view shows the site's chrome"
    # The QR code is segno's encoding of the Q&A page's absolute address.
    qa_address = screen.base_url + qa
    qr = page.locator("svg.segno path")
    assert qr.count() == 1
    expected = segno.make(qa_address, error="m").svg_inline(scale=1, omitsize=True)
    assert re.search(r' d="([^"]+)"', expected)[1] == qr.get_attribute("d")
    assert qa_address in page.locator(".screen-join").inner_text()

    # The moderators work: a new question, its approval, the one being answered, a poll opened, answers.
    newcomer = in_thread(services.question_ask, session=session, by=people[5], text="A late one?")
    moderator.page.wait_for_selector(f"#q-{newcomer.pk}", timeout=10_000)
    moderator.page.locator(f"#q-{pending.pk}").get_by_role("button", name="Approve").click()
    moderator.page.wait_for_selector(f"#q-{pending.pk}.state-approved", timeout=10_000)
    participant.page.wait_for_selector(f"#q-{pending.pk}", timeout=10_000)
    moderator.page.locator(f"#q-{queue[3].pk}").get_by_role("button", name="Now answering").click()
    page.wait_for_selector(f"#screen-now #q-{queue[3].pk}", timeout=10_000)
    moderator.page.locator(f"#poll-{poll.pk}").get_by_role("button", name=re.compile("Open the poll")).click()
    moderator.page.wait_for_selector("text=The poll is open.")
    moderator.check()
    moderator.page.wait_for_function("() => window.socketOpen === true")
    page.wait_for_selector(f"#poll-{poll.pk}", timeout=10_000)
    for voter, choice in zip(people[:3], poll.choices.all()[:3], strict=True):
        in_thread(services.poll_answer, poll=poll, by=voter, choice_ids=[choice.pk])
    page.wait_for_selector(f"#poll-{poll.pk} >> text=3 people have answered", timeout=10_000)
    moderator.page.locator(f"#q-{newcomer.pk}").get_by_role("button", name="Hide").click()
    moderator.page.wait_for_selector(f"#q-{newcomer.pk}.state-hidden", timeout=10_000)
    in_thread(services.question_vote, question=queue[5], by=people[0])
    page.wait_for_selector(f"#q-{queue[5].pk}[data-votes='2']", timeout=10_000)

    # The question being answered, then the top five of the rest by votes; nothing waiting, nothing answered.
    assert page.locator("#screen-now li.question").count() == 1
    shown = [
        int(i.removeprefix("q-"))
        for i in page.locator("#screen-queue li.question").evaluate_all("items => items.map(item => item.id)")
    ]
    assert shown == [q.pk for q in (queue[0], queue[1], queue[2], queue[4], queue[5])]
    assert f"q-{pending.pk}" not in page.locator("#screen-queue").inner_html()

    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        scroll = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        assert scroll[0] <= width and scroll[1] <= height, f"the screen scrolls at {width}×{height}: {scroll}"
        for selector in ("h1", "#screen-now", f"#q-{queue[3].pk}", "#screen-queue", f"#poll-{poll.pk}", ".qr svg"):
            inside_viewport(page, selector)
        # Big type: the question being answered is readable from the back of the room.
        size = page.locator(f"#screen-now #q-{queue[3].pk} .text").evaluate(
            "el => parseFloat(getComputedStyle(el).fontSize)"
        )
        assert size >= height / 30, f"the answered question's type is small at {width}×{height}: {size}px"
        screen.check()
        page.screenshot(path=str(SHOTS / f"projector-{width}x{height}.png"))

    # The longest question being answered still fits, in smaller type.
    moderator.page.locator(f"#q-{queue[0].pk}").get_by_role("button", name="Now answering").click()
    page.wait_for_selector(f"#screen-now #q-{queue[0].pk}", timeout=10_000)
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        for selector in ("#screen-now", "#screen-queue", f"#poll-{poll.pk}", ".qr svg"):
            inside_viewport(page, selector)
        page.screenshot(path=str(SHOTS / f"projector-{width}x{height}-long.png"))
    screen.check()

    moderator.check()
    participant.check()
    assert errors == {"screen": [], "moderator": [], "participant": []}
    assert Question.objects.get(pk=queue[0].pk).status == "answering"
    assert Question.objects.get(pk=queue[3].pk).status == "answered"


def test_the_waiting_note_goes_when_a_moderator_approves(personas, open_asgi_page):
    slug = personas.meeting.slug
    session = SessionFactory(meeting=personas.meeting, kind="live_qa", title="Open floor")
    asker = signed_in(open_asgi_page, personas.participant)
    errors = console_errors(asker)
    open_live(asker, f"/m/{slug}/sessions/{session.pk}/qa/")
    asker.page.get_by_label("Your question").fill("Is the note still here after approval?")
    asker.page.get_by_role("button", name="Ask").click()
    asker.page.get_by_text("Thank you: your question waits for a moderator.").wait_for()
    question = Question.objects.get(text__startswith="Is the note")
    in_thread(services.question_moderate, question=question, by=personas.organiser, action="approve")
    asker.page.wait_for_selector(f"#q-{question.pk}.state-approved", timeout=10_000)
    asker.page.get_by_text("waits for a moderator").wait_for(state="detached", timeout=10_000)
    asker.page.get_by_text("waiting for a moderator").wait_for(state="detached", timeout=10_000)
    assert "in the queue" in asker.page.locator("#qa-feedback").inner_text()
    asker.check()
    assert errors == []
