"""Live Q&A as participants and moderators use it: asking, pending, anonymity, votes, moderation, limits."""

from __future__ import annotations

import socket
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from convener.discussion import selectors, services
from convener.discussion.models import Question, Topic, Vote
from convener.program.models import SessionRole

pytestmark = pytest.mark.django_db


def qa_url(name, session, **extra):
    return reverse(f"discussion:{name}", kwargs={"slug": "gnm", "pk": session.pk, **extra})


def approved(personas, live, text="What is next for the data portal?", by=None, anonymous=False):
    question = services.question_ask(session=live, by=by or personas.participant, text=text, anonymous=anonymous)
    return services.question_moderate(question=question, by=personas.organiser, action="approve")


def test_a_new_question_waits_and_only_its_author_and_the_moderators_see_it(personas, live, members):
    other = members(1)[0]
    client = personas.client_for(personas.participant)
    response = client.post(qa_url("ask", live), {"text": "Will the <b>API</b> change?"})
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.status == "pending" and question.author == personas.participant
    mine = client.get(qa_url("qa", live)).content.decode()
    assert "Will the &lt;b&gt;API&lt;/b&gt; change?" in mine and "waiting for a moderator" in mine
    assert "Will the" not in personas.client_for(other).get(qa_url("qa", live)).content.decode()
    assert "Will the" in personas.client_for(personas.facilitator).get(qa_url("moderate", live)).content.decode()
    services.question_moderate(question=question, by=personas.facilitator, action="approve")
    assert "Will the" in personas.client_for(other).get(qa_url("qa", live)).content.decode()


def test_anonymous_questions_hide_the_name_from_participants_but_never_from_moderators(personas, live, members):
    approved(personas, live, "Who funds the nodes?", anonymous=True)
    participant_view = personas.client_for(members(1)[0]).get(qa_url("qa", live)).content.decode()
    assert "Who funds the nodes?" in participant_view and "Anonymous" in participant_view
    assert "Pablo Participant" not in participant_view
    screen = personas.client_for(personas.organiser).get(qa_url("screen", live)).content.decode()
    assert "Who funds the nodes?" in screen and "Pablo Participant" not in screen
    moderator_view = personas.client_for(personas.facilitator).get(qa_url("moderate", live)).content.decode()
    assert "Pablo Participant" in moderator_view and "asked anonymously" in moderator_view


def test_each_member_upvotes_once_and_the_count_is_the_number_of_votes(personas, live, members):
    question = approved(personas, live)
    voters = members(3)
    vote_url = reverse("discussion:vote", kwargs={"slug": "gnm", "pk": question.pk})
    for voter in voters:
        response = personas.client_for(voter).post(vote_url, HTTP_HX_REQUEST="true")
        assert response.status_code == 200 and 'aria-pressed="true"' in response.content.decode()
    again = personas.client_for(voters[0]).post(
        reverse("discussion:vote", kwargs={"slug": "gnm", "pk": question.pk}), HTTP_HX_REQUEST="true"
    )
    assert again.status_code == 400 and "already voted" in again.content.decode()
    assert again["HX-Retarget"] == "#qa-feedback"
    question.refresh_from_db()
    assert question.votes == 3 == Vote.objects.filter(question=question).count()
    page = personas.client_for(voters[1]).get(qa_url("qa", live)).content.decode()
    assert f'data-my-votes="{question.pk}"' in page


def test_pending_and_hidden_questions_cannot_be_voted_for(personas, live):
    question = services.question_ask(session=live, by=personas.participant, text="Pending?")
    with pytest.raises(ValidationError, match="in the queue"):
        services.question_vote(question=question, by=personas.organiser)
    services.question_moderate(question=question, by=personas.organiser, action="hide")
    with pytest.raises(ValidationError, match="in the queue"):
        services.question_vote(question=question, by=personas.organiser)
    assert not Vote.objects.exists()


@pytest.mark.parametrize("who", ["guest", "stranger"])
def test_guests_and_strangers_neither_ask_nor_vote(personas, live, who):
    question = approved(personas, live)
    client = personas.client_for(getattr(personas, who))
    assert client.post(qa_url("ask", live), {"text": "Me too?"}).status_code == 403
    vote = client.post(reverse("discussion:vote", kwargs={"slug": "gnm", "pk": question.pk}), HTTP_HX_REQUEST="true")
    assert vote.status_code == 403
    assert Question.objects.count() == 1 and not Vote.objects.exists()


def test_a_guest_reads_the_queue_and_a_stranger_does_not(personas, live):
    approved(personas, live, "Readable by guests?")
    guest_page = personas.client_for(personas.guest).get(qa_url("qa", live))
    assert guest_page.status_code == 200 and "Readable by guests?" in guest_page.content.decode()
    assert "qa-readonly" in guest_page.content.decode()
    assert personas.client_for(personas.stranger).get(qa_url("qa", live)).status_code == 403
    assert personas.client_for(None).get(qa_url("qa", live)).status_code == 302


def test_only_organisers_and_the_sessions_moderators_moderate(personas, live):
    question = services.question_ask(session=live, by=personas.participant, text="Who moderates?")
    for who in ("participant", "guest"):
        client = personas.client_for(getattr(personas, who))
        assert client.get(qa_url("moderate", live)).status_code == 403
        url = reverse("discussion:question_moderate", kwargs={"slug": "gnm", "pk": question.pk})
        assert client.post(url, {"action": "approve"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.question_moderate(question=question, by=personas.participant, action="approve")
    SessionRole.objects.filter(session=live).delete()  # Fatou no longer moderates this session
    with pytest.raises(PermissionDenied):
        services.question_moderate(question=question, by=personas.facilitator, action="approve")
    services.question_moderate(question=question, by=personas.organiser, action="approve")
    assert Question.objects.get().status == "approved"


def test_one_question_is_answered_at_a_time(personas, live):
    first, second = approved(personas, live, "First?"), approved(personas, live, "Second?")
    services.question_moderate(question=first, by=personas.facilitator, action="answering")
    services.question_moderate(question=second, by=personas.facilitator, action="answering")
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.status, second.status) == ("answered", "answering")
    services.question_moderate(question=second, by=personas.facilitator, action="answered")
    assert not Question.objects.filter(status="answering").exists()


def test_unknown_moderation_actions_change_nothing(personas, live):
    question = services.question_ask(session=live, by=personas.participant, text="Hm?")
    client = personas.client_for(personas.organiser)
    url = reverse("discussion:question_moderate", kwargs={"slug": "gnm", "pk": question.pk})
    for junk in ({"action": "delete"}, {"action": "APPROVE"}, {}):
        response = client.post(url, junk, HTTP_HX_REQUEST="true")
        assert response.status_code == 400 and "Unknown action" in response.content.decode()
    assert Question.objects.get().status == "pending"


def test_questions_are_ordered_by_votes_or_by_time(personas, live, members):
    old, new = approved(personas, live, "Older question"), approved(personas, live, "Newer question")
    Question.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    services.question_vote(question=old, by=members(1)[0])
    client = personas.client_for(personas.participant)
    by_votes = client.get(qa_url("qa", live)).content.decode()
    assert by_votes.index("Older question") < by_votes.index("Newer question")
    by_time = client.get(qa_url("qa", live) + "?order=time").content.decode()
    assert by_time.index("Newer question") < by_time.index("Older question")
    assert [q.pk for q in selectors.questions_for_moderators(session=live, order="time")] == [new.pk, old.pk]


def test_the_question_length_is_limited_with_a_clear_message(personas, live):
    client = personas.client_for(personas.participant)
    response = client.post(qa_url("ask", live), {"text": "x" * 501})
    body = response.content.decode()
    assert response.status_code == 400
    assert "at most 500 characters (yours has 501)" in body and "x" * 501 in body  # the text is not lost
    assert client.post(qa_url("ask", live), {"text": "   "}, HTTP_HX_REQUEST="true").status_code == 400
    assert not Question.objects.exists()


def test_questions_are_rate_limited_per_person(personas, live):
    client = personas.client_for(personas.participant)
    for i in range(services.QUESTIONS_PER_MINUTE):
        assert client.post(qa_url("ask", live), {"text": f"Question {i}"}, HTTP_HX_REQUEST="true").status_code == 200
    refused = client.post(qa_url("ask", live), {"text": "One too many"}, HTTP_HX_REQUEST="true")
    assert refused.status_code == 429
    assert "Please wait a moment" in refused.content.decode()
    assert Question.objects.count() == services.QUESTIONS_PER_MINUTE
    Question.objects.update(created_at=timezone.now() - timedelta(minutes=2))
    assert client.post(qa_url("ask", live), {"text": "Later"}, HTTP_HX_REQUEST="true").status_code == 200
    # another person is not held back by Pablo's questions
    services.question_ask(session=live, by=personas.organiser, text="Mine")


def test_votes_are_rate_limited_per_person(personas, live, members, monkeypatch):
    monkeypatch.setattr(services.qa, "VOTES_PER_MINUTE", 2)
    questions = [approved(personas, live, f"Q{i}", by=author) for i, author in enumerate(members(3, "asker"))]
    voter = personas.participant
    services.question_vote(question=questions[0], by=voter)
    services.question_vote(question=questions[1], by=voter)
    with pytest.raises(ValidationError, match="voted 2 times in the last minute"):
        services.question_vote(question=questions[2], by=voter)
    assert Vote.objects.filter(participant=voter).count() == 2


def test_a_closed_session_accepts_nothing(personas, live):
    question = approved(personas, live)
    client = personas.client_for(personas.facilitator)
    assert client.post(qa_url("qa_status", live), {"status": "closed"}).status_code == 302
    assert not selectors.qa_is_open(live)
    with pytest.raises(ValidationError, match="closed"):
        services.question_ask(session=live, by=personas.participant, text="Late?")
    with pytest.raises(ValidationError, match="closed"):
        services.question_vote(question=question, by=personas.participant)
    page = personas.client_for(personas.participant).get(qa_url("qa", live)).content.decode()
    assert "The Q&amp;A is closed" in page
    assert client.post(qa_url("qa_status", live), {"status": "maybe"}).status_code == 302
    assert not selectors.qa_is_open(live)
    services.qa_set_status(session=live, by=personas.organiser, status="open")
    services.question_ask(session=live, by=personas.participant, text="Open again?")


def test_moderators_promote_a_forum_topic_into_the_live_queue(personas, live):
    topic = services.topic_create(
        meeting=personas.meeting,
        kind="session",
        target_id=live.pk,
        by=personas.participant,
        title="Data licences",
        body="Which **licence** is best?",
    )
    page = personas.client_for(personas.facilitator).get(qa_url("moderate", live)).content.decode()
    assert "Data licences" in page
    client = personas.client_for(personas.facilitator)
    url = reverse("discussion:topic_promote", kwargs={"slug": "gnm", "pk": topic.pk})
    assert client.post(url, {"session": live.pk}).status_code == 302
    question = Question.objects.get()
    assert question.status == "approved" and question.topic == topic and question.author == personas.participant
    assert question.text.startswith("Data licences")
    client.post(url, {"session": live.pk})
    assert Question.objects.count() == 1  # promoting twice does not duplicate
    assert "Data licences" not in client.get(qa_url("moderate", live)).content.decode().split("From the forum")[1]
    other = Topic.objects.create(
        meeting=personas.meeting,
        target_kind="session",
        target_id=live.pk + 1000,
        author=personas.participant,
        title="x",
        body="y",
    )
    with pytest.raises(ValidationError, match="not about that session"):
        services.question_promote(topic=other, session=live, by=personas.organiser)
    with pytest.raises(PermissionDenied):
        services.question_promote(topic=topic, session=live, by=personas.participant)


def test_the_session_page_links_the_qa_and_the_threads(personas, live):
    page = (
        personas.client_for(personas.participant)
        .get(reverse("program:session", kwargs={"slug": "gnm", "pk": live.pk}))
        .content.decode()
    )
    assert qa_url("qa", live) in page
    assert reverse("discussion:session_topics", kwargs={"slug": "gnm", "pk": live.pk}) in page


def test_the_big_screen_shows_the_queue_without_answered_or_waiting_questions(personas, live):
    top = approved(personas, live, "On screen")
    services.question_ask(session=live, by=personas.participant, text="Still waiting")
    done = approved(personas, live, "Done already")
    services.question_moderate(question=done, by=personas.organiser, action="answered")
    services.question_moderate(question=top, by=personas.organiser, action="answering")
    page = personas.client_for(personas.guest).get(qa_url("screen", live)).content.decode()
    assert "On screen" in page and "Now answering" in page
    assert "Still waiting" not in page and "Done already" not in page


def test_list_pages_do_not_grow_queries_with_questions(personas, live, members, django_assert_max_num_queries):
    client = personas.client_for(personas.participant)
    approved(personas, live, "one")
    with django_assert_max_num_queries(40) as few:
        client.get(qa_url("qa", live))
    for i, author in enumerate(members(3, "asker")):
        approved(personas, live, f"more {i}", by=author, anonymous=i % 2 == 0)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(qa_url("qa", live))


def test_the_page_re_reads_its_live_part_for_a_reconnecting_socket(personas, live, members):
    question = approved(personas, live, "Seen after a reconnect?")
    services.question_vote(question=question, by=personas.participant)
    waiting = services.question_ask(session=live, by=personas.participant, text="Mine, waiting")
    response = personas.client_for(personas.participant).get(qa_url("qa", live), HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert "<html" not in html and 'id="qa-list"' in html
    assert f'data-my-votes="{question.pk}"' in html and f'id="q-{waiting.pk}"' in html
    moderation = personas.client_for(personas.organiser).get(qa_url("moderate", live), HTTP_HX_REQUEST="true")
    assert "<html" not in moderation.content.decode() and "Mine, waiting" in moderation.content.decode()


@pytest.mark.parametrize("transport", ["fanout", "channels"])
@pytest.mark.django_db(transaction=True)
def test_a_question_is_kept_when_the_channel_layer_is_down(personas, live, settings, caplog, monkeypatch, transport):
    from convener.core import fanout

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # nothing listens there once the socket is closed
    settings.LIVE_TRANSPORT = transport
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            "CONFIG": {"hosts": [f"redis://127.0.0.1:{port}/0"]},
        }
    }
    monkeypatch.setattr(fanout, "_fanout", fanout.Fanout(f"redis://127.0.0.1:{port}/0"))
    response = personas.client_for(personas.participant).post(
        qa_url("ask", live), {"text": "Kept?"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert Question.objects.get().text == "Kept?"
    assert "in on_commit()" in caplog.text  # the failed broadcast is logged, not raised
