"""The Q&A big screen as a projector view, what its live group hears, and the asker's note about moderation."""

from __future__ import annotations

import re

import pytest
import segno
from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async

from convener.core import live as live_module
from convener.discussion import fragments, services
from convener.discussion.models import Question
from tests.discussion.conftest import ws_headers
from tests.discussion.test_consumers import connect, receive_all
from tests.discussion.test_polls import make_poll
from tests.discussion.test_qa import approved, qa_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch, django_capture_on_commit_callbacks):
    """Every {group: html} the services broadcast, once their transaction commits."""
    messages: list[dict[str, str]] = []
    monkeypatch.setattr(live_module, "send_html", messages.append)

    class Capture:
        def __call__(self, function, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return function(**kwargs)

        @property
        def groups(self) -> dict[str, str]:
            joined: dict[str, str] = {}
            for message in messages:
                for group, html in message.items():
                    joined[group] = joined.get(group, "") + html
            return joined

        def clear(self) -> None:
            messages.clear()

    return Capture()


def headings(html: str) -> list[int]:
    return [int(level) for level in re.findall(r"<h([1-6])[\s>]", html)]


def test_the_screen_is_its_own_page_without_the_sites_menu_and_footer(personas, live):
    page = personas.client_for(personas.guest).get(qa_url("screen", live)).content.decode()
    assert "<nav" not in page and "<footer" not in page and 'class="site"' not in page
    assert "Skip to content" not in page and 'class="messages"' not in page
    assert f'ws-connect="/ws/qa/{live.pk}/?view=screen"' in page
    assert 'class="projector"' in page


def test_the_qr_code_is_segnos_svg_of_the_qa_pages_address(personas, live):
    page = personas.client_for(personas.guest).get(qa_url("screen", live)).content.decode()
    address = "http://testserver" + qa_url("qa", live)
    expected = segno.make(address, error="m").svg_inline(scale=1, omitsize=True)
    svg = re.search(r'<svg role="img" viewBox="[^"]+" class="segno">.*?</svg>', page, re.S)
    assert svg is not None, "no inline SVG QR code"
    assert re.search(r' d="([^"]+)"', svg[0])[1] == re.search(r' d="([^"]+)"', expected)[1]
    assert f"<title>QR code: {address}</title>" in svg[0]  # its text alternative
    assert address in page


def test_the_screen_shows_the_one_answered_now_and_the_top_five_by_votes(personas, live, members):
    voters = members(6)
    askers = members(4, "asker")
    queue = [approved(personas, live, f"Queued {i}", by=voters[i]) for i in range(6)]
    for i, question in enumerate(queue):
        for voter in voters[: 6 - i]:  # Queued 0 has six votes ... Queued 5 one
            services.question_vote(question=question, by=voter)
    now = approved(personas, live, "Being answered", by=askers[0], anonymous=True)
    services.question_moderate(question=now, by=personas.organiser, action="answering")
    done = approved(personas, live, "Done already", by=askers[1])
    services.question_moderate(question=done, by=personas.organiser, action="answered")
    services.question_ask(session=live, by=askers[2], text="Still waiting")
    hidden = approved(personas, live, "Hidden one", by=askers[3])
    services.question_moderate(question=hidden, by=personas.organiser, action="hide")
    page = personas.client_for(personas.guest).get(qa_url("screen", live)).content.decode()
    now_part, queue_part = page.split('id="screen-queue"')
    assert "Being answered" in now_part and "Now answering" in now_part
    assert "Anonymous" in now_part and askers[0].name not in page
    assert re.findall(r"Queued \d", queue_part) == ["Queued 0", "Queued 1", "Queued 2", "Queued 3", "Queued 4"]
    for absent in ("Queued 5", "Done already", "Still waiting", "Hidden one"):
        assert absent not in page


def test_only_the_open_poll_is_on_screen_with_its_chart_and_headings_in_order(personas, live):
    draft = make_poll(personas, live, choices=("Draft a", "Draft b"))
    closed = make_poll(personas, live, choices=("Closed a", "Closed b"))
    services.poll_set_status(poll=closed, by=personas.organiser, status="open")
    services.poll_set_status(poll=closed, by=personas.organiser, status="closed")
    poll = make_poll(personas, live)
    services.poll_set_status(poll=poll, by=personas.organiser, status="open")
    services.poll_answer(poll=poll, by=personas.participant, choice_ids=[poll.choices.first().pk])
    approved(personas, live, "On screen")
    page = personas.client_for(personas.guest).get(qa_url("screen", live)).content.decode()
    assert f'id="poll-{poll.pk}"' in page and "1 · 100%" in page and 'class="fill"' in page
    assert f"poll-{draft.pk}" not in page and f"poll-{closed.pk}" not in page
    assert "<form" not in page  # nothing to answer on a projector
    levels = headings(page)
    assert levels[0] == 1 and all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels


def test_a_reconnecting_screen_re_reads_its_live_part(personas, live):
    approved(personas, live, "After a reconnect")
    response = personas.client_for(personas.guest).get(qa_url("screen", live), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<main" not in html and "<h1" not in html
    assert 'id="screen-live"' in html and "After a reconnect" in html and "hx-swap-oob" not in html
    assert "<svg" not in html  # the QR code is drawn once, outside the live part


def test_the_screen_group_hears_its_whole_live_part_after_each_change_it_shows(personas, live, members, sent):
    screen = fragments.screen_group(live.pk)
    question = sent(services.question_ask, session=live, by=personas.participant, text="Waiting <b>one</b>")
    assert screen not in sent.groups  # a waiting question is never on the screen
    sent(services.question_moderate, question=question, by=personas.facilitator, action="approve")
    html = sent.groups[screen]
    assert 'id="screen-live"' in html and 'hx-swap-oob="true"' in html and "Waiting &lt;b&gt;one&lt;/b&gt;" in html
    assert "data-into" not in html
    sent.clear()
    sent(services.question_vote, question=question, by=members(1)[0])
    assert 'data-votes="1"' in sent.groups[screen]
    sent.clear()
    poll = sent(
        services.poll_create, session=live, by=personas.organiser, question="Ready?", kind="single", choices=["Y", "N"]
    )
    assert screen not in sent.groups  # a draft is for the moderators
    sent(services.poll_set_status, poll=poll, by=personas.organiser, status="open")
    assert f'id="poll-{poll.pk}"' in sent.groups[screen]
    sent.clear()
    sent(services.poll_answer, poll=poll, by=personas.participant, choice_ids=[poll.choices.first().pk])
    assert "1 · 100%" in sent.groups[screen]
    sent.clear()
    sent(services.qa_set_status, session=live, by=personas.organiser, status="closed")
    assert "The Q&amp;A is closed" in sent.groups[screen]


@pytest.mark.django_db(transaction=True)
def test_a_screen_socket_hears_the_screen_and_not_the_participants_fragments(personas, live):
    ask = database_sync_to_async(services.question_ask)
    moderate = database_sync_to_async(services.question_moderate)
    headers = ws_headers(personas.client_for(personas.organiser))

    async def scenario():
        screen = connect(headers, live, view="screen")
        assert (await screen.connect())[0]
        question = await ask(session=live, by=personas.participant, text="On the wall?", anonymous=True)
        await moderate(question=question, by=personas.organiser, action="approve")
        html = await receive_all(screen)
        await screen.disconnect()
        return html

    html = async_to_sync(scenario)()
    assert 'id="screen-live"' in html and "On the wall?" in html
    assert "Pablo Participant" not in html and "Approve" not in html
    assert "data-into" not in html  # no per-question fragments: they would target elements the screen lacks


def test_the_asker_is_told_the_question_waits_in_a_note_that_names_it(personas, live):
    client = personas.client_for(personas.participant)
    response = client.post(qa_url("ask", live), {"text": "Named note?"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    question = Question.objects.get()
    assert f'id="q-{question.pk}"' in html
    assert re.search(r'<div id="qa-feedback" hx-swap-oob="innerHTML">\s*<p class="ok" data-awaits="q-\d+">', html)
    assert f'data-awaits="q-{question.pk}"' in html and "waits for a moderator" in html


def test_without_javascript_the_thank_you_does_not_claim_a_state_it_cannot_keep(personas, live):
    client = personas.client_for(personas.participant)
    page = client.post(qa_url("ask", live), {"text": "No script here"}, follow=True).content.decode()
    assert "Thank you for your question." in page
    assert "waits for a moderator" not in page  # the list's badge says it, and changes when approved
    assert "waiting for a moderator" in page
