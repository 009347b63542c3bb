"""``convener worker``: runs the background tasks (announcement mail, reminders).

Django's Tasks framework with the django-tasks database backend: the queue is a table in
the site's own database, so the embedded default needs no other service. Run one worker
beside `convener serve` (more are safe: each task row is claimed by one worker).
`convener demo` starts one for you.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys


def run(*, batch: bool = False) -> int:
    """Queue the minute sweep (reminders, stalled mail), then work the queue until stopped."""
    from django.core.management import call_command

    from convener.announcements.tasks import schedule_sweep

    if not batch:
        schedule_sweep()
    options = ["--queue-name", "*", "--no-startup-delay", "--no-reload"]
    call_command("db_worker", *options, *(["--batch"] if batch else []))
    return 0


def start_in_background() -> subprocess.Popen[bytes]:
    """A worker process beside the server, on the same settings (used by `convener demo`)."""
    return subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "convener.cli", "worker"], env=os.environ.copy()
    )


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "worker",
        help="run the background tasks: announcement mail and reminders",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--batch", action="store_true", help="work what is queued now, then exit")
    parser.set_defaults(func=cmd_worker)


def cmd_worker(args: argparse.Namespace) -> int:
    from convener.cli import _django_setup, check_migrated

    _django_setup()
    check_migrated("worker")
    return run(batch=args.batch)
