"""Fifty people upvote the same question at the same instant: exactly fifty votes, on SQLite and PostgreSQL.

Real threads, each with its own database connection, against the transactional test database (run the
suite with CONVENER_DATABASE_URL=postgres://… for PostgreSQL; .ci/run does).
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from convener.discussion import services
from convener.discussion.models import Question, Vote

pytestmark = pytest.mark.django_db(transaction=True)
PEOPLE = 50


def run_at_once(calls):
    """Run every call in its own thread, all released together; returns what each returned or raised."""
    barrier = threading.Barrier(len(calls))

    def run(call):
        try:
            barrier.wait(timeout=30)
            return call()
        except Exception as exc:  # noqa: BLE001 - the test inspects what each thread met
            return exc
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_fifty_simultaneous_upvotes_count_exactly_fifty(personas, live, members):
    voters = members(PEOPLE)
    question = services.question_moderate(
        question=services.question_ask(session=live, by=personas.participant, text="Everyone agrees?"),
        by=personas.organiser,
        action="approve",
    )
    results = run_at_once([lambda v=v: services.question_vote(question=question, by=v) for v in voters])
    assert [r for r in results if isinstance(r, Exception)] == []
    question.refresh_from_db()
    assert question.votes == PEOPLE
    assert Vote.objects.filter(question=question).count() == PEOPLE
    assert Vote.objects.values("participant").distinct().count() == PEOPLE
    print(f"{PEOPLE} concurrent votes on {connection.vendor}: {question.votes}")


def test_one_person_voting_from_many_tabs_at_once_counts_once(personas, live):
    question = services.question_moderate(
        question=services.question_ask(session=live, by=personas.organiser, text="Twice?"),
        by=personas.organiser,
        action="approve",
    )
    results = run_at_once([lambda: services.question_vote(question=question, by=personas.participant)] * 10)
    accepted = [r for r in results if isinstance(r, Question)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(accepted) == 1 and len(refused) == 9
    assert all("already voted" in " ".join(r.messages) for r in refused)
    question.refresh_from_db()
    assert question.votes == 1 == Vote.objects.count()
