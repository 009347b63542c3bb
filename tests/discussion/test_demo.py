"""The demo meeting has something to show in discussion: threads, a live queue with votes, a prepared poll."""

from __future__ import annotations

import pytest

from convener.demo import PARTICIPANT_EMAIL, build_demo
from convener.discussion.models import LivePoll, Question, Reply, Topic, Vote

pytestmark = pytest.mark.django_db


def test_the_demo_meeting_has_threads_questions_with_votes_and_a_draft_poll(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    result = build_demo(seed=2021)
    topics = Topic.objects.filter(meeting=result.meeting)
    assert topics.count() == 2 and Reply.objects.filter(topic__in=topics).count() == 3
    questions = Question.objects.filter(session__meeting=result.meeting)
    assert questions.filter(status="approved").count() == 6 and questions.filter(status="pending").count() == 1
    assert questions.filter(topic__isnull=False).count() == 1
    for question in questions:
        assert question.votes == Vote.objects.filter(question=question).count()
    assert sum(q.votes for q in questions) > 10
    assert not Vote.objects.filter(participant__user__email=PARTICIPANT_EMAIL).exists()  # left for the visitor
    poll = LivePoll.objects.get(session__meeting=result.meeting)
    assert poll.status == "draft" and poll.choices.count() == 4
