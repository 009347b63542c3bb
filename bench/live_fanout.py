"""Live fan-out benchmark: N websocket clients on one session's Q&A, one process posting questions and votes.

For each target it starts the server, connects N clients (a separate process), then posts through the real
pages, one request after the other: a participant asks (moderators only hear of it), the moderator approves
it (every client gets the question), participants upvote it (every client gets the new count). It reports
the delivery latency to every client for every message (from the moment the poster sent the request that
caused it: the write, the commit, the rendering and the fan-out are all inside), the deliveries per second
in a burst, and the server's memory per connection.

Targets (``--targets``):

- ``fanout`` / ``channels``: one uvicorn worker, no Redis; live HTML through convener's per-process fan-out
  (``CONVENER_LIVE_TRANSPORT=fanout``, the default, see ``convener/core/fanout.py``) or through a Channels group
  send to every consumer (``channels``, the in-memory channel layer);
- ``fanout-redis`` / ``channels-redis``: two uvicorn workers with Redis on 127.0.0.1:6379 (Redis pub/sub, one
  subscription per worker; or channels-redis); skipped with a message when Redis is absent;
- ``plain``: a plain ``websockets`` server that broadcasts every message it is given (``websockets.broadcast``),
  the same sizes and count: the ceiling for Python on this machine.

Not a test: it prints numbers.

    .venv/bin/python bench/live_fanout.py --clients 1000
    .venv/bin/python bench/live_fanout.py --clients 5000 --targets fanout,fanout-redis,plain
"""

from __future__ import annotations

import argparse
import asyncio
import http.client
import itertools
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CSRF_SECRET = "b" * 32  # an unmasked CSRF secret, sent as cookie and header alike
_ROTATION = itertools.count()


# --- set-up: a database with one open Q&A, N participants and their signed-in sessions ----------------------------


def environment(data_dir: Path, database_url: str, redis_url: str = "") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONVENER_")}
    env.update(
        {
            "CONVENER_DATA_DIR": str(data_dir),
            "CONVENER_DATABASE_URL": database_url,
            "CONVENER_HTTPS": "false",
            "CONVENER_DEBUG": "false",
            "CONVENER_LOG_LEVEL": "ERROR",
            "PYTHONUNBUFFERED": "1",
            "DJANGO_SETTINGS_MODULE": "convener.settings",
        }
    )
    if redis_url:
        env["CONVENER_REDIS_URL"] = redis_url
    return env


def prepare(data_dir: Path, database_url: str, clients: int, voters: int) -> dict[str, object]:
    """Migrate, collect static files and create the meeting; returns cookies and ids (runs in a subprocess)."""
    script = f"""
import json, sys
sys.path.insert(0, {str(ROOT / "bench")!r})
from live_fanout import _prepare_in_django
print("JSON" + json.dumps(_prepare_in_django({clients}, {voters})))
"""
    env = environment(data_dir, database_url)
    subprocess.run(
        [sys.executable, "-m", "convener.cli", "manage", "migrate", "--noinput", "-v", "0"], env=env, check=True
    )
    subprocess.run(
        [sys.executable, "-m", "convener.cli", "manage", "collectstatic", "--noinput", "-v", "0"], env=env, check=True
    )
    out = subprocess.run([sys.executable, "-c", script], env=env, check=True, stdout=subprocess.PIPE, text=True).stdout
    return json.loads(out.split("JSON", 1)[1])


def _prepare_in_django(clients: int, voters: int) -> dict[str, object]:
    import django

    django.setup()
    from datetime import date, timedelta

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session as DjangoSession
    from django.utils import timezone

    from convener.discussion.models import LiveQA
    from convener.people.models import Node, Participant, Region
    from convener.program.models import Meeting, Session

    User = get_user_model()
    today = timezone.now().date()
    meeting = Meeting.objects.create(
        name="Fan-out bench",
        slug=f"bench-{secrets.token_hex(3)}",
        time_zone="UTC",
        start_date=today - timedelta(days=1),
        end_date=today + timedelta(days=1),
    )
    region = Region.objects.get_or_create(name="Bench region", defaults={"slug": "bench-region"})[0]
    node = Node.objects.get_or_create(name="Bench node", defaults={"region": region})[0]
    now = timezone.now()
    session = Session.objects.create(
        meeting=meeting,
        kind=Session.Kind.LIVE_QA,
        title="Live Q&A under load",
        starts_at=now - timedelta(minutes=5),
        ends_at=now + timedelta(hours=6),
    )
    LiveQA.objects.create(session=session, status=LiveQA.Status.OPEN)
    tag = meeting.slug
    people = clients + voters + 1
    users = User.objects.bulk_create(
        User(username=f"{tag}-{i}", email=f"{tag}-{i}@example.org", password="!") for i in range(people)
    )
    Participant.objects.bulk_create(
        Participant(
            meeting=meeting,
            user=user,
            name=f"Bench {i}",
            node=node,
            role=Participant.Role.ORGANISER if i == 0 else Participant.Role.PARTICIPANT,
        )
        for i, user in enumerate(users)
    )
    store = SessionStore()
    expiry = timezone.now() + timedelta(days=1)
    keys = [secrets.token_hex(16) for _ in users]
    DjangoSession.objects.bulk_create(
        DjangoSession(
            session_key=key,
            expire_date=expiry,
            session_data=store.encode(
                {
                    SESSION_KEY: str(user.pk),
                    BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                    HASH_SESSION_KEY: user.get_session_auth_hash(),
                }
            ),
        )
        for key, user in zip(keys, users, strict=True)
    )
    del date
    return {
        "slug": meeting.slug,
        "session": session.pk,
        "moderator": keys[0],
        "clients": keys[1 : clients + 1],
        "voters": keys[clients + 1 :],
    }


# --- servers ----------------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("the server did not start")


def start_convener(env: dict[str, str], workers: int, log: Path) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    with log.open("ab") as sink:  # uvicorn's access log, one line per request, would drown the figures
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "convener.cli",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(workers),
            ],
            env=env,
            start_new_session=True,
            stdout=sink,
            stderr=sink,
        )
    wait_port(port, proc)
    time.sleep(1.0 if workers > 1 else 0.2)  # every worker up
    return proc, port


def start_plain() -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--role", "plain-server", "--port", str(port)], start_new_session=True
    )
    wait_port(port, proc)
    return proc, port


def stop(proc: subprocess.Popen[bytes]) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=15)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and its descendants (uvicorn's workers), from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
            except (OSError, ValueError, IndexError):
                continue
    family, frontier = {pid}, [pid]
    while frontier:
        p = frontier.pop()
        for child, parent in parents.items():
            if parent == p and child not in family:
                family.add(child)
                frontier.append(child)
    total = 0
    for p in family:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


async def plain_server(port: int) -> None:
    """The baseline: every client on / gets every text message sent on /post, by websockets.broadcast."""
    from websockets.asyncio.server import broadcast, serve

    listeners: set[object] = set()

    async def handler(ws: object) -> None:
        if ws.request.path == "/post":  # type: ignore[attr-defined]
            async for message in ws:  # type: ignore[attr-defined]
                broadcast(listeners, message)  # type: ignore[arg-type]
                await ws.send("ok")  # type: ignore[attr-defined]
            return
        listeners.add(ws)
        try:
            await ws.wait_closed()  # type: ignore[attr-defined]
        finally:
            listeners.discard(ws)

    async with serve(handler, "127.0.0.1", port, max_size=2**20, ping_interval=None, backlog=8192):
        await asyncio.Future()


# --- clients (a separate process) ---------------------------------------------------------------------------------


async def run_clients(url: str, cookies: list[str], origin: str, expected: int, out: Path) -> None:
    """Connect every client, say READY, record the arrival time of every message until told to stop (stdin)."""
    from websockets.asyncio.client import connect

    arrivals: list[list[float]] = [[] for _ in cookies]
    sizes: list[int] = []  # the first client's message sizes, for the plain baseline
    sockets: list[object] = []

    async def one(i: int, cookie: str) -> None:
        headers = {"Origin": origin}
        if cookie:
            headers["Cookie"] = f"sessionid={cookie}"
        for attempt in range(5):
            try:
                ws = await connect(
                    url,
                    additional_headers=headers,
                    open_timeout=60,
                    ping_interval=None,
                    max_size=2**20,
                    compression=None,
                )
                break
            except OSError:
                await asyncio.sleep(0.2 * (attempt + 1))
        else:
            raise RuntimeError(f"client {i} could not connect")
        sockets.append(ws)
        mine = arrivals[i]

        async def read() -> None:
            try:
                async for message in ws:  # type: ignore[attr-defined]
                    mine.append(time.time())
                    if i == 0:
                        sizes.append(len(message))
            except Exception:  # noqa: BLE001, S110 - a closed socket ends the reading
                pass

        asyncio.ensure_future(read())

    batch = 200
    for start in range(0, len(cookies), batch):
        await asyncio.gather(*(one(i, c) for i, c in enumerate(cookies[start : start + batch], start=start)))
    print("READY", flush=True)
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.readline)  # the orchestrator says when to stop
    await asyncio.sleep(0)
    out.write_text(json.dumps({"arrivals": arrivals, "sizes": sizes}))
    for ws in sockets:
        await ws.close()  # type: ignore[attr-defined]
    print("DONE", flush=True)


def start_clients(url: str, cookies: list[str], origin: str, tmp: Path) -> tuple[subprocess.Popen[str], Path]:
    cookie_file = tmp / f"cookies-{secrets.token_hex(4)}.json"
    cookie_file.write_text(json.dumps(cookies))
    out = tmp / f"arrivals-{secrets.token_hex(4)}.json"
    proc = subprocess.Popen(
        [
            sys.executable,
            __file__,
            "--role",
            "clients",
            "--url",
            url,
            "--cookies",
            str(cookie_file),
            "--origin",
            origin,
            "--out",
            str(out),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    if line.strip() != "READY":
        raise RuntimeError(f"the clients did not connect: {line!r}")
    return proc, out


def finish_clients(proc: subprocess.Popen[str], out: Path) -> tuple[list[list[float]], list[int]]:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write("stop\n")
    proc.stdin.flush()
    proc.stdout.readline()
    proc.wait(timeout=120)
    data = json.loads(out.read_text())
    return data["arrivals"], data["sizes"]


# --- posting --------------------------------------------------------------------------------------------------------


class Poster:
    """Questions, approvals and votes through the real pages, one request at a time (keep-alive)."""

    def __init__(self, port: int, setup: dict[str, object]):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.slug = setup["slug"]
        self.session = setup["session"]
        self.moderator = str(setup["moderator"])
        self.voters = list(setup["voters"])  # type: ignore[arg-type]

    def post(self, path: str, cookie: str, fields: dict[str, str]) -> tuple[int, str]:
        body = "&".join(f"{k}={v}" for k, v in fields.items())
        self.conn.request(
            "POST",
            path,
            body=body,
            headers={
                "Cookie": f"sessionid={cookie}; csrftoken={CSRF_SECRET}",
                "X-CSRFToken": CSRF_SECRET,
                "Content-Type": "application/x-www-form-urlencoded",
                "HX-Request": "true",
            },
        )
        response = self.conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        return response.status, text

    def voter(self) -> str:
        """The next person, in one rotation over the whole run: nobody votes twice on a question, and nobody
        comes near the per-minute limits on questions and votes."""
        return self.voters[next(_ROTATION) % len(self.voters)]

    def ask(self, text: str) -> int:
        status, html = self.post(f"/m/{self.slug}/sessions/{self.session}/qa/ask/", self.voter(), {"text": text})
        if status != 200 or 'id="q-' not in html:
            raise RuntimeError(f"asking failed: {status} {html[:300]}")
        return int(html.split('id="q-', 1)[1].split('"', 1)[0])

    def approve(self, question: int) -> None:
        status, html = self.post(
            f"/m/{self.slug}/questions/{question}/moderate/", self.moderator, {"action": "approve"}
        )
        if status != 200:
            raise RuntimeError(f"approving failed: {status} {html[:300]}")

    def vote(self, question: int) -> None:
        status, html = self.post(f"/m/{self.slug}/questions/{question}/vote/", self.voter(), {})
        if status != 200:
            raise RuntimeError(f"voting failed: {status} {html[:300]}")


def post_convener(poster: Poster, messages: int, rate: float, votes_per_question: int = 4) -> list[float]:
    """``messages`` timed actions (an approval, then votes), at ``rate`` per second (0: as fast as possible).
    Returns the send time of each; every timed action sends exactly one message to every client."""
    sent: list[float] = []
    question = 0
    interval = 1 / rate if rate else 0.0
    next_at = time.time()
    while len(sent) < messages:
        k = len(sent) % (votes_per_question + 1)
        if k == 0:
            question = poster.ask(f"Question {len(sent)} under load: how does the network grow next year?")
        if interval:
            next_at += interval
            time.sleep(max(0.0, next_at - time.time()))
        sent.append(time.time())
        poster.approve(question) if k == 0 else poster.vote(question)
    return sent


def burst_convener(port: int, setup: dict[str, object], messages: int, concurrency: int) -> list[float]:
    """``messages`` votes as fast as ``concurrency`` posters can send them (each on its own approved question,
    each vote by a different person): the server's throughput, request handling included. Returns send times
    (their order across posters is not the order of delivery, so only the count and the span are used)."""
    import threading

    posters = [Poster(port, setup) for _ in range(concurrency)]
    share = [messages // concurrency + (1 if i < messages % concurrency else 0) for i in range(concurrency)]
    questions = []
    for poster in posters:
        question = poster.ask("A burst question: which data matters most?")
        poster.approve(question)
        questions.append(question)
    sent: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(concurrency)

    def run(poster: Poster, question: int, count: int) -> None:
        start.wait()
        for _ in range(count):
            t = time.time()
            poster.vote(question)
            with lock:
                sent.append(t)

    threads = [threading.Thread(target=run, args=args) for args in zip(posters, questions, share, strict=True)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(sent)


async def post_plain(port: int, payloads: list[str], rate: float) -> list[float]:
    from websockets.asyncio.client import connect

    sent: list[float] = []
    interval = 1 / rate if rate else 0.0
    async with connect(f"ws://127.0.0.1:{port}/post", max_size=2**20, ping_interval=None) as ws:
        next_at = time.time()
        for payload in payloads:
            if interval:
                next_at += interval
                await asyncio.sleep(max(0.0, next_at - time.time()))
            sent.append(time.time())
            await ws.send(payload)
            await ws.recv()
    return sent


# --- figures ----------------------------------------------------------------------------------------------------------


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return float("nan")
    index = min(len(sorted_values) - 1, max(0, round(q * (len(sorted_values) - 1))))
    return sorted_values[index]


def latencies(sent: list[float], arrivals: list[list[float]], offset: int = 0) -> tuple[list[float], int]:
    """Per (client, message) latency in ms for messages offset..offset+len(sent); and the deliveries missing."""
    values: list[float] = []
    missing = 0
    for mine in arrivals:
        for k, t0 in enumerate(sent):
            if offset + k < len(mine):
                values.append(1000 * (mine[offset + k] - t0))
            else:
                missing += 1
    values.sort()
    return values, missing


def run_target(
    name: str, args: argparse.Namespace, setup: dict[str, object], data_dir: Path, tmp: Path, payload_size: list[int]
) -> dict[str, object]:
    clients = list(setup["clients"])[: args.clients]  # type: ignore[arg-type]
    if name == "plain":
        proc, port = start_plain()
        url, cookies = f"ws://127.0.0.1:{port}/", [""] * len(clients)
    else:
        transport, _, redis = name.partition("-")
        redis_url = args.redis_url if redis else ""
        env = environment(data_dir, args.database_url or f"sqlite:///{data_dir / 'bench.sqlite3'}", redis_url)
        env["CONVENER_LIVE_TRANSPORT"] = transport
        proc, port = start_convener(env, 2 if redis else 1, tmp / f"{name}.log")
        url, cookies = f"ws://127.0.0.1:{port}/ws/qa/{setup['session']}/", clients
    try:
        before = tree_rss_kb(proc.pid)
        began = time.perf_counter()
        client_proc, out = start_clients(url, cookies, f"http://127.0.0.1:{port}", tmp)
        connect_s = time.perf_counter() - began
        time.sleep(1.0)
        after = tree_rss_kb(proc.pid)
        if name == "plain":
            size = payload_size[0] if payload_size else 1500  # the mean size of convener's messages
            paced = asyncio.run(post_plain(port, ["x" * size] * args.messages, args.rate))
            burst = asyncio.run(post_plain(port, ["x" * size] * args.burst, 0))
        else:
            poster = Poster(port, setup)
            paced = post_convener(poster, args.messages, args.rate)
            offset = len(paced) + args.concurrency  # the burst questions are approved first (one message each)
            burst = burst_convener(port, setup, args.burst, args.concurrency)
        time.sleep(args.drain)
        arrivals, sizes = finish_clients(client_proc, out)
        if name != "plain" and sizes and not payload_size:
            payload_size.append(round(statistics.mean(sizes)))
    finally:
        stop(proc)
    paced_ms, paced_missing = latencies(paced, arrivals)
    if name == "plain":
        offset = len(paced)
    burst_ms, burst_missing = latencies(burst, arrivals, offset=offset)
    last = max((mine[-1] for mine in arrivals if mine), default=burst[-1])
    deliveries = len(burst_ms)
    return {
        "target": name,
        "clients": len(clients),
        "connect_s": connect_s,
        "p50": percentile(paced_ms, 0.50),
        "p95": percentile(paced_ms, 0.95),
        "p99": percentile(paced_ms, 0.99),
        "max": paced_ms[-1] if paced_ms else float("nan"),
        "missing": paced_missing + burst_missing,
        "burst_per_s": deliveries / max(1e-9, last - burst[0]),
        "burst_msgs_per_s": args.burst / max(1e-9, last - burst[0]),
        "burst_p95": percentile(burst_ms, 0.95),
        "kb_per_connection": (after - before) / max(1, len(clients)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--role", default="bench", choices=["bench", "clients", "plain-server"])
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--targets", default="fanout,channels,fanout-redis,channels-redis,plain")
    parser.add_argument("--messages", type=int, default=100, help="paced messages (latency)")
    parser.add_argument("--rate", type=float, default=10.0, help="paced messages per second")
    parser.add_argument("--burst", type=int, default=200, help="messages sent as fast as possible (throughput)")
    parser.add_argument("--concurrency", type=int, default=4, help="posters at once in the burst")
    parser.add_argument("--drain", type=float, default=3.0, help="seconds to wait for the last deliveries")
    parser.add_argument("--database-url", default="", help="default: SQLite in a temporary data directory")
    parser.add_argument("--redis-url", default=os.environ.get("CONVENER_TEST_REDIS_URL", "redis://127.0.0.1:6379/13"))
    # roles
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--url", default="")
    parser.add_argument("--cookies", default="")
    parser.add_argument("--origin", default="")
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    if args.role == "plain-server":
        asyncio.run(plain_server(args.port))
        return 0
    if args.role == "clients":
        cookies = json.loads(Path(args.cookies).read_text())
        asyncio.run(run_clients(args.url, cookies, args.origin, 0, Path(args.out)))
        return 0

    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    unknown = [t for t in targets if t not in {"fanout", "channels", "fanout-redis", "channels-redis", "plain"}]
    if unknown:
        parser.error(f"unknown targets: {', '.join(unknown)}")
    if any(t.endswith("-redis") for t in targets) and not redis_up(args.redis_url):
        print(f"no Redis at {args.redis_url}; skipping the two-worker targets", file=sys.stderr)
        targets = [t for t in targets if not t.endswith("-redis")]
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs; {args.clients:,} clients; {args.messages}"
        f" messages at {args.rate:g}/s, then a burst of {args.burst}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="convener-fanout-") as tmp_name:
        tmp = Path(tmp_name)
        data_dir = tmp / "data"
        data_dir.mkdir()
        began = time.perf_counter()
        database_url = args.database_url or f"sqlite:///{data_dir / 'bench.sqlite3'}"
        setup = prepare(data_dir, database_url, args.clients, max(300, 2 * (args.messages + args.burst)) * 3)
        print(f"set-up: {time.perf_counter() - began:.1f} s", flush=True)
        rows = []
        payload: list[int] = []
        for name in targets:
            row = run_target(name, args, setup, data_dir, tmp, payload)
            rows.append(row)
            print(f"  {name}: p95 {row['p95']:.0f} ms, burst {row['burst_per_s']:,.0f} deliveries/s", flush=True)
    print()
    print(
        "| target | clients | connect s | p50 ms | p95 ms | p99 ms | max ms | missing | burst: messages/s |"
        " burst: deliveries/s | burst p95 ms | KB per connection |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['target']} | {r['clients']:,} | {r['connect_s']:.1f} | {r['p50']:.0f} | {r['p95']:.0f} |"
            f" {r['p99']:.0f} | {r['max']:.0f} | {r['missing']} | {r['burst_msgs_per_s']:.1f} |"
            f" {r['burst_per_s']:,.0f} | {r['burst_p95']:.0f} | {r['kb_per_connection']:.1f} |"
        )
    return 0


def redis_up(url: str) -> bool:
    try:
        import redis

        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
        return True
    except Exception:  # noqa: BLE001 - any failure means "not usable here"
        return False


if __name__ == "__main__":
    raise SystemExit(main())
