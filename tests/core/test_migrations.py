from datetime import UTC, datetime

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_models_and_migrations_agree():
    # Exits non-zero (SystemExit) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_availability_polls_keep_their_rows_when_they_move_to_their_own_app():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from tests.factories import MeetingFactory

    executor = MigrationExecutor(connection)
    before = [("scheduling", "0001_initial"), ("availability", None)]
    executor.migrate(before)
    try:
        meeting = MeetingFactory()
        old = executor.loader.project_state(before[0]).apps
        poll = old.get_model("scheduling", "AvailabilityPoll").objects.create(meeting_id=meeting.pk, title="Follow-up")
        start = datetime(2027, 3, 26, 9, tzinfo=UTC)
        old.get_model("scheduling", "PollOption").objects.create(poll=poll, starts_at=start)
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())

    from convener.availability.models import AvailabilityPoll

    moved = AvailabilityPoll.objects.get(pk=poll.pk)
    assert (moved.title, moved.options.count()) == ("Follow-up", 1)
