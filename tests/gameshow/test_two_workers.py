"""1,000 concurrent poll answers, 500 through each of two `convener serve` workers on PostgreSQL + Redis: the
counts are exact (one ballot per person, duplicates refused), and a host console socket on worker B hears the
final count of answers sent through both workers."""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.discussion.test_two_workers import (  # noqa: F401 - the database fixture is used by name
    CONVENER,
    REDIS_URL,
    Listener,
    database,
    free_port,
    post,
    reachable,
    shell,
)

PEOPLE = 1000
QUESTIONS = Path(__file__).resolve().parents[2] / "src/convener/gameshow/fixtures/nodes-vs-helpdesk.yaml"
SETUP = r"""
import json
from datetime import datetime, timedelta, timezone
from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import SESSION_KEY, BACKEND_SESSION_KEY, HASH_SESSION_KEY
from convener.gameshow import services
from convener.people.models import Node, Participant, Region
from convener.program.models import Meeting, Session

User = get_user_model()
meeting = Meeting.objects.create(name="Game show meeting", slug="show", start_date="2027-03-25",
                                 end_date="2027-03-31", time_zone="UTC")
node = Node.objects.create(name="Node", region=Region.objects.create(name="Region", slug="region"))
start = datetime(2027, 3, 25, 13, tzinfo=timezone.utc)
session = Session.objects.create(meeting=meeting, title="Nodes vs Helpdesk", kind="game_show", starts_at=start,
                                 ends_at=start + timedelta(hours=1))

def person(name, role):
    user = User(username=name, email=f"{name}@example.org")
    user.set_unusable_password()
    user.save()
    participant = Participant.objects.create(meeting=meeting, user=user, name=name.title(), node=node, role=role)
    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return participant, store.session_key

host, host_cookie = person("olga", "organiser")
people = [person(f"member{i}", "participant") for i in range(PEOPLE)]
show = services.show_import(session=session, by=host, text=open(QUESTIONS).read())
services.round_start(show=show, by=host)
round_ = services.poll_open(show=show, by=host)
options = list(round_.options.values_list("pk", flat=True))
print(json.dumps({"session": session.pk, "round": round_.pk, "options": options, "host": host_cookie,
                  "people": [cookie for _, cookie in people]}))
"""


@pytest.fixture
def site(database, tmp_path):  # noqa: F811 - the imported fixture
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("CONVENER_", "DJANGO_"))}
    environment.update(
        CONVENER_DATA_DIR=str(tmp_path),
        CONVENER_DATABASE_URL=database,
        CONVENER_REDIS_URL=REDIS_URL,
        CONVENER_HTTPS="false",
        CONVENER_DEBUG="false",
        CONVENER_MANIFEST_STATIC="false",
        CONVENER_ALLOWED_HOSTS="127.0.0.1,localhost",
        CONVENER_LOG_LEVEL="ERROR",
    )
    run = {"env": environment, "capture_output": True, "text": True, "timeout": 600}
    migrated = subprocess.run([CONVENER, "manage", "migrate", "--noinput"], **run)
    assert migrated.returncode == 0, migrated.stderr
    code = SETUP.replace("PEOPLE", str(PEOPLE)).replace("QUESTIONS", repr(str(QUESTIONS)))
    made = subprocess.run([CONVENER, "manage", "shell", "-c", code], **run)
    assert made.returncode == 0, made.stderr
    data = json.loads(made.stdout.strip().splitlines()[-1])
    workers = {}
    for name in ("A", "B"):
        port = free_port()
        log = open(tmp_path / f"worker-{name}.log", "w")  # noqa: SIM115 - closed below
        process = subprocess.Popen(
            [CONVENER, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        workers[name] = {"process": process, "port": port, "url": f"http://127.0.0.1:{port}", "log": log}
    for worker in workers.values():
        deadline = time.monotonic() + 60
        while not reachable(worker["url"], worker["port"]):
            assert worker["process"].poll() is None, (tmp_path / "worker-A.log").read_text()
            assert time.monotonic() < deadline, "a worker did not start within 60 s"
            time.sleep(0.2)
    try:
        yield {"workers": workers, "data": data, "env": environment}
    finally:
        for worker in workers.values():
            if worker["process"].poll() is None:
                worker["process"].terminate()
                try:
                    worker["process"].wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker["process"].kill()
            worker["log"].close()


def test_a_thousand_concurrent_answers_on_two_workers_give_exact_counts(site):
    a, b = site["workers"]["A"], site["workers"]["B"]
    data = site["data"]
    path = f"/m/show/sessions/{data['session']}/gameshow/answer/"
    host_on_b = Listener(b, f"/ws/gameshow/{data['session']}/?view=host", data["host"])
    time.sleep(0.5)  # let the subscription reach Redis
    options = data["options"]
    statuses: dict[int, int] = {}

    def answer(i: int) -> None:
        worker = a if i % 2 == 0 else b
        body = {"round": str(data["round"]), "option": str(options[i % len(options)])}
        statuses[i] = post(worker["url"], path, data["people"][i], body)[0]

    duplicates: list[int] = []

    def again(i: int) -> None:  # the same person once more, through the other worker
        worker = b if i % 2 == 0 else a
        duplicates.append(
            post(worker["url"], path, data["people"][i], {"round": str(data["round"]), "option": str(options[0])})[0]
        )

    with ThreadPoolExecutor(max_workers=16) as pool:
        list(pool.map(answer, range(PEOPLE)))
        list(pool.map(again, range(0, PEOPLE, 10)))
    assert sorted(set(statuses.values())) == [200], {
        s: list(statuses.values()).count(s) for s in set(statuses.values())
    }
    assert set(duplicates) == {400}
    stored = json.loads(
        shell(
            site,
            "import json; from convener.gameshow.models import Ballot, Option; "
            f"r = {data['round']}; "
            "print(json.dumps({'ballots': Ballot.objects.filter(round_id=r).count(), "
            "'counts': [o.ballots.count() for o in Option.objects.filter(round_id=r).order_by('order')]}))",
        )
    )
    expected = [len(range(k, PEOPLE, len(options))) for k in range(len(options))]
    assert stored == {"ballots": PEOPLE, "counts": expected}
    final = host_on_b.wait_for(f'<span class="voter-count">{PEOPLE}</span>', timeout=60)
    for option, count in zip(options, expected, strict=True):
        assert re.search(rf'data-option="{option}">{count} · ', final)
    host_on_b.close()
