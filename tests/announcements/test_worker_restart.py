"""A worker killed in the middle of an announcement loses no email and sends none twice.

Real processes on a real SQLite file: `convener manage migrate`, an announcement sent through
the services (its deliveries and its queued task commit together), `convener worker --batch`
SIGKILLed while it sends, then the sweep a later worker runs finishes the rest.
"""

from __future__ import annotations

import email
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

PEOPLE = 12
STALL_AT = 5
SETUP = f"""
from datetime import date
from django.contrib.auth import get_user_model
from convener.announcements import services
from convener.people.models import Participant
from convener.program.models import Meeting

User = get_user_model()
meeting = Meeting.objects.create(name="Restart meeting", slug="restart", start_date=date(2027, 3, 25),
                                 end_date=date(2027, 3, 31), time_zone="UTC")
def person(name, role="participant"):
    user = User.objects.create_user(username=name, email=name + "@example.org")
    return Participant.objects.create(meeting=meeting, user=user, name=name, role=role)
olga = person("olga", "organiser")
for i in range({PEOPLE - 1}):
    person(f"member{{i}}")
a = services.announcement_save(meeting=meeting, by=olga, subject="Welcome", body="Hello **all**.",
                               audience="everyone")
print(services.announcement_send(announcement=a, by=olga))
"""
LATER = """
from datetime import timedelta
from django.utils import timezone
from convener.announcements.models import Announcement
from convener.announcements.tasks import schedule_sweep
Announcement.objects.update(sent_at=timezone.now() - timedelta(minutes=10))  # the sweep's wait has passed
schedule_sweep()
"""


def _run(env: dict[str, str], *args: str, timeout: int = 120) -> str:
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "convener.cli", *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def test_a_killed_worker_loses_nothing_and_sends_nothing_twice(tmp_path: Path):
    mail = tmp_path / "mail"
    mail.mkdir()
    env = os.environ | {
        "CONVENER_DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CONVENER_DATA_DIR": str(tmp_path),
        "CONVENER_EMAIL_BACKEND": "tests.announcements.slow_mail.Backend",
        "CONVENER_TEST_MAIL_DIR": str(mail),
        "CONVENER_TEST_MAIL_STALL_AT": str(STALL_AT),
        "CONVENER_HTTPS": "false",
        "DJANGO_SETTINGS_MODULE": "convener.settings",
    }
    _run(env, "manage", "migrate", "--verbosity", "0")
    assert _run(env, "manage", "shell", "-c", SETUP).split()[-1] == str(PEOPLE)

    log = tmp_path / "worker.log"
    with log.open("wb") as output:
        worker = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "convener.cli", "worker", "--batch"], env=env, stdout=output, stderr=output
        )
    try:
        deadline = time.monotonic() + 120
        while not (mail / "stalled").exists():
            assert worker.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, "the worker never reached the stall"
            time.sleep(0.1)
        worker.send_signal(signal.SIGKILL)
    finally:
        worker.kill()
        worker.wait(timeout=30)
    assert len(list(mail.glob("*.eml"))) == STALL_AT  # killed mid-way

    _run(env, "manage", "shell", "-c", LATER)
    _run(env, "worker", "--batch")
    recipients = Counter(email.message_from_bytes(p.read_bytes())["To"] for p in mail.glob("*.eml"))
    assert len(recipients) == PEOPLE  # nobody lost
    assert set(recipients.values()) == {1}  # nobody twice
