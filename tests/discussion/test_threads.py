"""Forum threads per theme, session and presentation: Markdown made safe, an edit window, hide and lock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from convener.discussion import services, targets
from convener.discussion.models import Reply, Topic
from tests.factories import MeetingFactory, SessionFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def topics_url(kind, pk):
    return reverse(f"discussion:{kind}_topics", kwargs={"slug": "gnm", "pk": pk})


def topic_url(topic):
    return reverse("discussion:topic", kwargs={"slug": "gnm", "pk": topic.pk})


def test_a_member_starts_a_topic_about_a_theme_and_others_reply(personas):
    theme = ThemeFactory(meeting=personas.meeting, name="Data mobilisation")
    client = personas.client_for(personas.participant)
    response = client.post(topics_url("theme", theme.pk), {"title": "Tools?", "body": "Which **tools** do you use?"})
    topic = Topic.objects.get()
    assert response.status_code == 302 and response["Location"] == topic_url(topic)
    assert (topic.target_kind, topic.target_id, topic.author) == ("theme", theme.pk, personas.participant)
    reply = personas.client_for(personas.organiser).post(topic_url(topic), {"body": "We use *IPT*."})
    assert reply.status_code == 302
    page = client.get(topic_url(topic)).content.decode()
    assert "<strong>tools</strong>" in page and "<em>IPT</em>" in page
    assert "Tools?" in client.get(topics_url("theme", theme.pk)).content.decode()
    SessionFactory(meeting=personas.meeting, theme=theme)
    program = client.get(reverse("program:program", kwargs={"slug": "gnm"})).content.decode()
    assert topics_url("theme", theme.pk) in program  # the program links each theme's discussion


def test_markdown_from_users_is_sanitised(personas, live):
    topic = services.topic_create(
        meeting=personas.meeting,
        kind="session",
        target_id=live.pk,
        by=personas.participant,
        title="<img src=x onerror=alert(1)>",
        body="<script>alert(1)</script>\n\n[click](javascript:alert(1)) <a href='x' onclick='y'>z</a>",
    )
    page = personas.client_for(personas.organiser).get(topic_url(topic)).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert 'href="javascript' not in page and "<a href='x' onclick" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_topics_can_only_be_about_things_in_the_same_meeting(personas):
    elsewhere = SessionFactory(meeting=MeetingFactory(slug="other"))
    with pytest.raises(ValidationError, match="no such theme, session or presentation"):
        services.topic_create(
            meeting=personas.meeting,
            kind="session",
            target_id=elsewhere.pk,
            by=personas.participant,
            title="t",
            body="b",
        )
    for kind, pk in [("planet", 1), ("session", "abc"), ("session", -1), ("session", 2**70), (None, 1)]:
        assert targets.resolve(meeting=personas.meeting, kind=kind, pk=pk) is None
    client = personas.client_for(personas.participant)
    assert client.get(topics_url("session", elsewhere.pk)).status_code == 404
    assert not Topic.objects.exists()


def test_topics_about_a_presentation_promote_into_its_sessions(personas, live):
    from convener.videos.models import Presentation

    presentation = Presentation.objects.create(
        meeting=personas.meeting,
        title="Seven minutes on data quality",
        video_url="https://vimeo.com/76979871",
        duration_seconds=400,
        release_at=timezone.now(),
    )
    presentation.sessions.add(live)
    response = personas.client_for(personas.participant).post(
        topics_url("presentation", presentation.pk), {"title": "Outliers", "body": "How do you flag them?"}
    )
    assert response.status_code == 302
    topic = Topic.objects.get(target_kind="presentation")
    target = targets.for_topic(topic)
    assert target.title == "Seven minutes on data quality" and target.session_ids == (live.pk,)
    theme = ThemeFactory(meeting=personas.meeting, name="Data quality")
    live.theme = theme
    live.save()
    services.topic_create(
        meeting=personas.meeting,
        kind="theme",
        target_id=theme.pk,
        by=personas.participant,
        title="Theme-wide worry",
        body="Anyone?",
    )
    services.topic_create(
        meeting=personas.meeting,
        kind="theme",
        target_id=ThemeFactory(meeting=personas.meeting).pk,
        by=personas.organiser,
        title="Another theme's topic",
        body="Not for this session",
    )
    moderate = reverse("discussion:moderate", kwargs={"slug": "gnm", "pk": live.pk})
    forum = personas.client_for(personas.facilitator).get(moderate).content.decode().split("From the forum")[1]
    assert "Outliers" in forum and "Theme-wide worry" in forum and "Another theme" not in forum
    question = services.question_promote(topic=topic, session=live, by=personas.facilitator)
    assert question.status == "approved" and "Outliers" in question.text
    forum = personas.client_for(personas.facilitator).get(moderate).content.decode().split("From the forum")[1]
    assert "Outliers" not in forum and "Theme-wide worry" in forum


def test_authors_edit_within_the_window_and_not_after(personas, live):
    topic = services.topic_create(
        meeting=personas.meeting,
        kind="session",
        target_id=live.pk,
        by=personas.participant,
        title="Typo",
        body="Teh text",
    )
    client = personas.client_for(personas.participant)
    edit = reverse("discussion:topic_edit", kwargs={"slug": "gnm", "pk": topic.pk})
    assert client.post(edit, {"title": "Fixed", "body": "The text"}).status_code == 302
    topic.refresh_from_db()
    assert (topic.title, topic.body) == ("Fixed", "The text") and topic.edited_at is not None
    assert personas.client_for(personas.organiser).post(edit, {"title": "Mine now", "body": "x"}).status_code == 403
    Topic.objects.filter(pk=topic.pk).update(created_at=timezone.now() - services.EDIT_WINDOW - timedelta(seconds=1))
    response = client.post(edit, {"title": "Too late", "body": "Changed later"})
    assert response.status_code == 400 and "that time is over" in response.content.decode()
    topic.refresh_from_db()
    assert topic.title == "Fixed"
    reply = services.reply_create(topic=topic, by=personas.participant, body="First")
    reply_edit = reverse("discussion:reply_edit", kwargs={"slug": "gnm", "pk": reply.pk})
    assert client.post(reply_edit, {"body": "First, edited"}).status_code == 302
    Reply.objects.filter(pk=reply.pk).update(created_at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError, match="that time is over"):
        services.reply_edit(reply=reply, by=personas.participant, body="Later")


def test_organisers_hide_and_lock(personas, live):
    topic = services.topic_create(
        meeting=personas.meeting,
        kind="session",
        target_id=live.pk,
        by=personas.participant,
        title="Off topic",
        body="Spam",
    )
    reply = services.reply_create(topic=topic, by=personas.participant, body="More spam")
    moderate = reverse("discussion:topic_moderate", kwargs={"slug": "gnm", "pk": topic.pk})
    assert personas.client_for(personas.participant).post(moderate, {"locked": "1"}).status_code == 403
    organiser = personas.client_for(personas.organiser)
    assert organiser.post(moderate, {"locked": "1"}).status_code == 302
    with pytest.raises(ValidationError, match="locked"):
        services.reply_create(topic=topic, by=personas.participant, body="Can I still?")
    hide_reply = reverse("discussion:reply_moderate", kwargs={"slug": "gnm", "pk": reply.pk})
    assert organiser.post(hide_reply, {"hidden": "1"}).status_code == 302
    assert "More spam" not in personas.client_for(personas.guest).get(topic_url(topic)).content.decode()
    assert "More spam" in organiser.get(topic_url(topic)).content.decode()
    assert organiser.post(moderate, {"hidden": "1"}).status_code == 302
    assert personas.client_for(personas.participant).get(topic_url(topic)).status_code == 404
    assert (
        "Off topic"
        not in personas.client_for(personas.participant).get(topics_url("session", live.pk)).content.decode()
    )
    assert organiser.get(topic_url(topic)).status_code == 200
    assert organiser.post(moderate, {"hidden": "maybe"}).status_code == 302
    topic.refresh_from_db()
    assert topic.is_hidden and topic.is_locked
    # the session's moderator may hide topics about their session
    services.topic_moderate(topic=topic, by=personas.facilitator, hidden=False)
    theme_topic = Topic.objects.create(
        meeting=personas.meeting, target_kind="theme", target_id=1, author=personas.participant, title="t", body="b"
    )
    with pytest.raises(PermissionDenied):
        services.topic_moderate(topic=theme_topic, by=personas.facilitator, hidden=True)


def test_guests_read_but_do_not_post(personas, live):
    topic = services.topic_create(
        meeting=personas.meeting,
        kind="session",
        target_id=live.pk,
        by=personas.participant,
        title="Readable",
        body="By guests",
    )
    guest = personas.client_for(personas.guest)
    assert "By guests" in guest.get(topic_url(topic)).content.decode()
    assert guest.post(topic_url(topic), {"body": "Me too"}).status_code == 403
    assert guest.post(topics_url("session", live.pk), {"title": "x", "body": "y"}).status_code == 403
    assert personas.client_for(personas.stranger).get(topic_url(topic)).status_code == 403
    assert Topic.objects.count() == 1 and not Reply.objects.exists()


def test_a_refused_post_keeps_what_was_typed(personas, live):
    client = personas.client_for(personas.participant)
    response = client.post(topics_url("session", live.pk), {"title": "", "body": "My long careful text"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "The title is empty" in body and "My long careful text" in body
    assert not Topic.objects.exists()
