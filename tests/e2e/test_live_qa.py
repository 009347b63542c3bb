"""The live Q&A in real browsers over websockets: a participant asks, a moderator approves, others upvote live.

Four people on four screens (asker, moderator, a second participant, the big screen); nobody reloads.
Set CONVENER_SCREENSHOTS=<folder> to keep screenshots of each view.
"""

from __future__ import annotations

import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connections
from django.test import Client

from convener.discussion import services
from convener.discussion.models import Question, Vote
from convener.program.models import SessionRole
from tests.factories import ParticipantFactory, SessionFactory, SessionRoleFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)
SHOTS = os.environ.get("CONVENER_SCREENSHOTS")
WATCH_SOCKET = "document.addEventListener('htmx:wsOpen', () => { window.socketOpen = true; });"


def in_thread(function, **kwargs):
    """Call a service beside Playwright's event loop (its broadcast needs a thread without one); the thread's
    database connection is closed before the thread ends."""

    def call():
        try:
            return function(**kwargs)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(call).result(timeout=30)


def signed_in(open_asgi_page, participant, zone="UTC", **options):
    client = Client()
    client.force_login(participant.user)
    page = open_asgi_page(zone, **options)
    page.page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": page.base_url}]
    )
    page.page.add_init_script(WATCH_SOCKET)
    return page


def open_live(page, path):
    page.goto(path)
    page.page.wait_for_function("() => window.socketOpen === true")
    page.page.evaluate("window.stillTheSamePage = true")


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_asking_upvoting_and_moderating_live(personas, open_asgi_page):
    slug = personas.meeting.slug
    session = SessionFactory(meeting=personas.meeting, kind="live_qa", title="Open floor")
    SessionRoleFactory(session=session, participant=personas.facilitator, role=SessionRole.Role.MODERATOR)
    second = ParticipantFactory(meeting=personas.meeting, name="Sofia Second", user=UserFactory(username="sofia"))
    earlier = in_thread(
        services.question_moderate,
        question=in_thread(
            services.question_ask, session=session, by=second, text="How do nodes share training material?"
        ),
        by=personas.organiser,
        action="approve",
    )
    poll = in_thread(
        services.poll_create,
        session=session,
        by=personas.facilitator,
        question="Where are you joining from?",
        kind="single",
        choices=["Africa", "Americas", "Asia-Pacific", "Europe"],
    )
    qa = f"/m/{slug}/sessions/{session.pk}/qa/"

    moderator = signed_in(open_asgi_page, personas.facilitator, "Europe/Copenhagen")
    asker = signed_in(open_asgi_page, personas.participant, "America/Bogota")
    other = signed_in(open_asgi_page, second, "Asia/Kathmandu")
    screen = signed_in(open_asgi_page, personas.organiser, "Europe/Copenhagen", viewport={"width": 1280, "height": 800})
    open_live(moderator, qa + "moderate/")
    open_live(asker, qa)
    open_live(other, qa)
    open_live(screen, qa + "screen/")

    # The participant asks anonymously; only they and the moderators see the waiting question.
    asker.page.get_by_label("Your question").fill("Will the API keep <b>version 1</b> alive?")
    asker.page.get_by_label(re.compile("Show my question as anonymous")).check()
    asker.page.get_by_role("button", name="Ask").click()
    asker.page.wait_for_selector("#qa-list >> text=waiting for a moderator")
    asker.page.get_by_text("Thank you: your question waits for a moderator.").wait_for()
    assert asker.page.get_by_label("Your question").input_value() == ""
    asker.check()
    question = Question.objects.get(text__startswith="Will the API")
    item = f"#q-{question.pk}"
    moderator.page.wait_for_selector(f"{item} >> text=Pablo Participant", timeout=10_000)
    assert "asked anonymously" in moderator.page.locator(item).inner_text()
    assert other.page.locator(item).count() == 0
    moderator.check()
    shot(moderator, "qa-moderator")

    # The moderator approves: it reaches every participant's list, shown as anonymous.
    moderator.page.locator(item).get_by_role("button", name="Approve").click()
    other.page.wait_for_selector(f"{item} >> text=Will the API keep <b>version 1</b> alive?", timeout=10_000)
    assert "Anonymous" in other.page.locator(item).inner_text()
    assert "Pablo" not in other.page.locator("#qa-list").inner_text()
    asker.page.wait_for_selector(f"{item}.state-approved", timeout=10_000)
    screen.page.wait_for_selector(f"{item}", timeout=10_000)

    # Sofia upvotes it: her button says so, and everyone's count and order follow.
    other.page.locator(item).get_by_role("button", name=re.compile("Upvote")).click()
    other.page.wait_for_selector(f"{item} button.vote[aria-pressed='true']")
    asker.page.wait_for_selector(f"{item}[data-votes='1']", timeout=10_000)
    moderator.page.wait_for_selector(f"{item}[data-votes='1']", timeout=10_000)
    assert asker.page.locator("#qa-list > li").first.get_attribute("id") == f"q-{question.pk}"
    assert Vote.objects.filter(question=question, participant=second).count() == 1
    other.check()

    # A vote cast elsewhere (Pablo's phone) updates the count on every open page.
    in_thread(services.question_vote, question=earlier, by=personas.participant)
    asker.page.wait_for_selector(f"#q-{earlier.pk}[data-votes='1']", timeout=10_000)

    # The moderator opens a poll and marks the question as the one being answered.
    moderator.page.locator(f"#poll-{poll.pk}").get_by_role("button", name=re.compile("Open the poll")).click()
    moderator.page.wait_for_selector("text=The poll is open.")
    moderator.page.wait_for_function("() => window.socketOpen === true")
    other.page.wait_for_selector(f"#poll-{poll.pk} >> text=Where are you joining from?", timeout=10_000)
    other.page.locator(f"#poll-{poll.pk}").get_by_label("Asia-Pacific").check()
    other.page.locator(f"#poll-{poll.pk}").get_by_role("button", name=re.compile("Answer")).click()
    other.page.wait_for_selector(f"#poll-{poll.pk} >> text=Your answer: Asia-Pacific")
    asker.page.wait_for_selector(f"#poll-{poll.pk}-results >> text=1 · 100%", timeout=10_000)
    moderator.page.locator(item).get_by_role("button", name=re.compile("Now answering")).click()
    asker.page.wait_for_selector(f"{item} >> text=Now answering", timeout=10_000)
    screen.page.wait_for_selector(f"{item}.state-answering", timeout=10_000)
    moderator.check()
    asker.check()
    screen.check()
    shot(asker, "qa-participant")
    shot(screen, "qa-big-screen")
    for page in (asker, other, screen):
        assert page.page.evaluate("window.stillTheSamePage") is True, "a page reloaded"
    assert Question.objects.get(pk=question.pk).status == "answering"


def test_a_forum_thread_is_promoted_into_the_live_queue(personas, open_asgi_page):
    slug = personas.meeting.slug
    session = SessionFactory(meeting=personas.meeting, kind="panel", title="Data quality panel")
    topic = in_thread(
        services.topic_create,
        meeting=personas.meeting,
        kind="session",
        target_id=session.pk,
        by=personas.participant,
        title="Flagging outliers",
        body="Which **tests** do you run before publishing?\n\n- ranges\n- dates",
    )
    in_thread(services.reply_create, topic=topic, by=personas.facilitator, body="We use the *data validator*.")
    organiser = signed_in(open_asgi_page, personas.organiser)
    organiser.goto(f"/m/{slug}/discussion/")
    organiser.page.get_by_role("link", name="Data quality panel").click()
    organiser.page.wait_for_selector("text=Start a topic")
    organiser.check()
    organiser.page.get_by_role("link", name="Flagging outliers").click()
    organiser.page.wait_for_selector("text=1 reply")
    organiser.check()
    assert organiser.page.locator(".prose strong").first.inner_text() == "tests"
    shot(organiser, "thread")
    organiser.page.get_by_role("button", name="Promote", exact=True).click()
    organiser.page.wait_for_selector("text=Promoted into the live Q&A")
    organiser.check()
    assert Question.objects.get(topic=topic).status == "approved"
