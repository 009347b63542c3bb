"""Background work, through Django's Tasks framework (django-tasks, database backend).

`deliver_announcement` is queued by `services.announcement_send`, `deliver_invitations` by
`invitations.invitations_queue`. `sweep` runs every
minute while a worker runs (`convener worker`): it sends due reminders, restarts any
announcement whose delivery task failed, and queues its own next run.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from convener.announcements import invitations, services

SWEEP_EVERY = timedelta(seconds=60)


@task()
def deliver_announcement(announcement_id: int) -> int:
    return services.deliver_pending(announcement_id)


@task()
def deliver_invitations(meeting_id: int) -> int:
    return invitations.deliver_invitations(meeting_id)


@task()
def sweep() -> int:
    sent = services.send_due_reminders()
    stalled = timezone.now() - services.SWEEP_AGE
    for announcement_id in services.pending_announcements(stalled):
        sent += services.deliver_pending(announcement_id)
    for meeting_id in invitations.stalled_meetings(stalled):
        sent += invitations.deliver_invitations(meeting_id)
    schedule_sweep(after=SWEEP_EVERY)
    return sent


def schedule_sweep(after: timedelta = timedelta(0)) -> None:
    """Queue the next sweep, unless one is already waiting."""
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=sweep.module_path, status="READY").exists()
    if not waiting:
        sweep.using(run_after=timezone.now() + after).enqueue()
