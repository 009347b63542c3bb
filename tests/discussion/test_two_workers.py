"""Two real ASGI worker processes on PostgreSQL + Redis (127.0.0.1): the scale-out path of the live Q&A.

A question posted through worker A reaches a websocket client of worker B; then worker A is killed
(SIGKILL) in the middle of a stream of questions and votes, and every question and vote that A
acknowledged is in the database and shown by worker B. The database is created for this test and
dropped after it; the workers are `convener serve` processes, exactly as deployed.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import string
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlparse

import pytest

from tests.conftest import require_service

_SUITE_DB = os.environ.get("CONVENER_DATABASE_URL", "")
POSTGRES_URL = os.environ.get("CONVENER_TEST_POSTGRES_URL") or (  # the server the suite uses, else the local one
    _SUITE_DB.rsplit("/", 1)[0] + "/postgres"
    if _SUITE_DB.startswith(("postgres", "pgsql"))
    else "postgres://postgres@127.0.0.1:5432/postgres"
)
REDIS_URL = os.environ.get("CONVENER_TEST_QA_REDIS_URL", "redis://127.0.0.1:6379/7")
CONVENER = str(Path(sys.executable).parent / "convener")
SETUP = r"""
import json
from datetime import datetime, timedelta, timezone
from django.test import Client
from convener.people.models import Node, Participant, Region
from convener.program.models import Meeting, Session
from django.contrib.auth import get_user_model

User = get_user_model()
meeting = Meeting.objects.create(name="Scale-out meeting", slug="scale", start_date="2027-03-25",
                                 end_date="2027-03-31", time_zone="UTC")
node = Node.objects.create(name="Node", region=Region.objects.create(name="Region", slug="region"))
start = datetime(2027, 3, 25, 13, tzinfo=timezone.utc)
session = Session.objects.create(meeting=meeting, title="Live Q&A", kind="live_qa", starts_at=start,
                                 ends_at=start + timedelta(hours=1))

def person(name, role):
    user = User.objects.create_user(username=name, email=f"{name}@example.org", password="x-" + name)
    Participant.objects.create(meeting=meeting, user=user, name=name.title(), node=node, role=role)
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value

cookies = {"organiser": person("olga", "organiser")}
cookies["people"] = [person(f"member{i}", "participant") for i in range(PEOPLE)]
print(json.dumps({"session": session.pk, **cookies}))
"""
PEOPLE = 24


def reachable(url: str, port: int) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or port), timeout=1):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def database():
    require_service(reachable(POSTGRES_URL, 5432), f"PostgreSQL is not reachable at {POSTGRES_URL}")
    require_service(reachable(REDIS_URL, 6379), f"Redis is not reachable at {REDIS_URL}")
    import psycopg

    name = f"convener_qa_{secrets.token_hex(6)}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield POSTGRES_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def site(database, tmp_path):
    """Migrate the fresh database, make the people, and start workers A and B on free ports."""
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
    run = {"env": environment, "capture_output": True, "text": True, "timeout": 300}
    migrated = subprocess.run([CONVENER, "manage", "migrate", "--noinput"], **run)
    assert migrated.returncode == 0, migrated.stderr
    made = subprocess.run([CONVENER, "manage", "shell", "-c", SETUP.replace("PEOPLE", str(PEOPLE))], **run)
    assert made.returncode == 0, made.stderr
    people = json.loads(made.stdout.strip().splitlines()[-1])
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
        yield {"workers": workers, "people": people, "env": environment, "tmp": tmp_path}
    finally:
        for worker in workers.values():
            if worker["process"].poll() is None:
                worker["process"].terminate()
                try:
                    worker["process"].wait(timeout=10)
                except subprocess.TimeoutExpired:
                    worker["process"].kill()
            worker["log"].close()


CSRF = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))


def post(base: str, path: str, cookie: str, data: dict[str, str]) -> tuple[int, str]:
    """POST like htmx does (CSRF header and cookie, HX-Request); (status, body), status 0 if no answer."""
    body = "&".join(f"{k}={urllib.request.quote(v)}" for k, v in data.items()).encode()
    request = urllib.request.Request(
        base + path,
        data=body,
        method="POST",
        headers={
            "Cookie": f"sessionid={cookie}; csrftoken={CSRF}",
            "X-CSRFToken": CSRF,
            "HX-Request": "true",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, ""


def get(base: str, path: str, cookie: str) -> str:
    request = urllib.request.Request(base + path, headers={"Cookie": f"sessionid={cookie}"})
    with urllib.request.urlopen(request, timeout=20) as response:
        return response.read().decode()


class Listener:
    """A websocket client of one worker, collecting every message in a thread."""

    def __init__(self, worker: dict, path: str, cookie: str):
        self.uri, self.origin, self.cookie = f"ws://127.0.0.1:{worker['port']}{path}", worker["url"], cookie
        self.messages: list[str] = []
        self.errors: list[BaseException] = []
        self.ready, self.stop = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()
        assert self.ready.wait(timeout=20), f"no websocket to {self.uri}: {self.errors}"

    def _run(self) -> None:
        from websockets.sync.client import connect

        try:
            with connect(
                self.uri, origin=self.origin, additional_headers={"Cookie": f"sessionid={self.cookie}"}, open_timeout=20
            ) as socket_:
                self.ready.set()
                while not self.stop.is_set():
                    try:
                        self.messages.append(socket_.recv(timeout=0.2))
                    except TimeoutError:
                        continue
        except Exception as exc:  # noqa: BLE001 - reported by wait_for
            self.errors.append(exc)
            self.ready.set()

    def wait_for(self, text: str, timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in list(self.messages):
                if text in message:
                    return message
            time.sleep(0.05)
        raise AssertionError(f"{text!r} did not arrive; got {len(self.messages)} messages, errors {self.errors}")

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)


def shell(site: dict, code: str) -> str:
    done = subprocess.run(
        [CONVENER, "manage", "shell", "-c", code], env=site["env"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_a_question_posted_on_one_worker_reaches_the_other_and_a_killed_worker_loses_nothing(site):
    a, b = site["workers"]["A"], site["workers"]["B"]
    people, session = site["people"], site["people"]["session"]
    organiser = people["organiser"]
    moderator_on_b = Listener(b, f"/ws/qa/{session}/?view=mod", organiser)
    participant_on_b = Listener(b, f"/ws/qa/{session}/", people["people"][-1])
    time.sleep(0.5)  # let both subscriptions reach Redis

    # 1. A question posted through worker A appears on worker B's sockets.
    status, html = post(
        a["url"], f"/m/scale/sessions/{session}/qa/ask/", people["people"][0], {"text": "Does this cross workers?"}
    )
    assert status == 200, html
    question = re.search(r'id="q-(\d+)"', html).group(1)
    assert "Does this cross workers?" in moderator_on_b.wait_for(f'id="q-{question}"')
    status, _ = post(a["url"], f"/m/scale/questions/{question}/moderate/", organiser, {"action": "approve"})
    assert status == 200
    assert "Does this cross workers?" in participant_on_b.wait_for(f'id="q-{question}"')

    # 2. A stream of questions and votes through worker A; A is killed in the middle of it.
    acknowledged_questions: list[str] = []
    acknowledged_votes: list[int] = []

    def ask(i: int) -> None:
        status, body = post(
            a["url"],
            f"/m/scale/sessions/{session}/qa/ask/",
            people["people"][i % PEOPLE],
            {"text": f"Streamed question {i}"},
        )
        if status == 200:
            acknowledged_questions.append(f"Streamed question {i}")

    def vote(i: int) -> None:
        status, _ = post(a["url"], f"/m/scale/questions/{question}/vote/", people["people"][i], {})
        if status == 200:
            acknowledged_votes.append(i)

    calls = [lambda i=i: ask(i) for i in range(PEOPLE * 2)]
    calls[1::2] = [lambda i=i: vote(i) for i in range(PEOPLE)]
    with ThreadPoolExecutor(max_workers=4) as pool:
        futures = [pool.submit(call) for call in calls]
        deadline = time.monotonic() + 60
        while len(acknowledged_questions) + len(acknowledged_votes) < 12 and time.monotonic() < deadline:
            time.sleep(0.01)
        a["process"].send_signal(signal.SIGKILL)  # no chance to flush anything
        a["process"].wait(timeout=10)
        for future in futures:
            future.result(timeout=60)
    assert acknowledged_questions and acknowledged_votes
    assert len(acknowledged_questions) + len(acknowledged_votes) < len(calls), "A died after the stream ended"

    # 3. Everything A acknowledged is in the database and on worker B's pages.
    stored = json.loads(
        shell(
            site,
            (
                "import json; from convener.discussion.models import Question, Vote; "
                f"q = Question.objects.get(pk={question}); "
                "print(json.dumps({'texts': list(Question.objects.values_list('text', flat=True)), "
                "'votes': q.votes, 'rows': Vote.objects.filter(question=q).count(), "
                "'voters': sorted(int(n.removeprefix('Member')) for n in "
                "Vote.objects.filter(question=q).values_list('participant__name', flat=True))}))"
            ),
        )
    )
    assert set(acknowledged_questions) <= set(stored["texts"])
    assert set(acknowledged_votes) <= set(stored["voters"])
    assert stored["votes"] == stored["rows"] >= len(acknowledged_votes)
    moderation_page = get(b["url"], f"/m/scale/sessions/{session}/qa/moderate/", organiser)
    assert all(text in moderation_page for text in acknowledged_questions)
    assert f'id="q-{question}" class="question state-approved" data-rank="2" data-votes="{stored["votes"]}"' in (
        moderation_page
    )

    # 4. Worker B carries on alone: a question posted through B reaches B's sockets.
    status, html = post(
        b["url"], f"/m/scale/sessions/{session}/qa/ask/", people["people"][-1], {"text": "Still here after A died?"}
    )
    assert status == 200, html
    later = re.search(r'id="q-(\d+)"', html).group(1)
    assert "Still here after A died?" in moderator_on_b.wait_for(f'id="q-{later}"')
    moderator_on_b.close()
    participant_on_b.close()
    print(
        f"acknowledged before the kill: {len(acknowledged_questions)} questions, {len(acknowledged_votes)} votes;"
        f" stored: {len(stored['texts'])} questions, {stored['votes']} votes"
    )
