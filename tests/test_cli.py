"""The ``convener`` command, run the way an operator runs it: in its own process."""

from __future__ import annotations

import http.client
import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from convener.cli import main

DEMO_EMAILS = ("organiser@example.org", "participant@example.org", "guest@example.org")


def run_cli(*args: str, data_dir: Path, timeout: float = 60, **extra_env: str):
    """``convener <args>`` with its own data dir and none of the runner's CONVENER_* settings."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CONVENER_")}
    env.update(CONVENER_DATA_DIR=str(data_dir), DJANGO_SETTINGS_MODULE="convener.settings")
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-m", "convener.cli", *args],
        env=env,
        cwd=data_dir,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_refuses_an_unmigrated_database(tmp_path):
    done = run_cli("serve", "--port", str(free_port()), data_dir=tmp_path)  # it exits: a server would time out
    assert done.returncode != 0
    assert "unapplied migration" in done.stderr
    assert "convener manage migrate" in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_refuses_when_static_files_are_not_collected(tmp_path):
    migrated = run_cli("manage", "migrate", "--verbosity", "0", data_dir=tmp_path)
    assert migrated.returncode == 0, migrated.stderr
    done = run_cli("serve", "--port", str(free_port()), data_dir=tmp_path)
    assert done.returncode != 0
    assert "collectstatic" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["serve", "--port", "0"], "not a port number"),
        (["serve", "--port", "http"], "not a port number"),
        (["demo", "--workers", "0"], "at least one worker"),
    ],
)
def test_bad_options_are_refused_with_a_message(args, message, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(args)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("demo")
    # Leftovers of an earlier database must not survive into the new one.
    (data_dir / "convener.sqlite3").write_text("not a database")
    (data_dir / "convener.sqlite3-wal").write_text("stale")
    done = run_cli("demo", "--no-serve", data_dir=data_dir, timeout=120)
    return data_dir, done


def test_demo_builds_a_fresh_database_and_prints_the_sign_in_details(demo_run):
    data_dir, done = demo_run
    assert done.returncode == 0, done.stderr
    database = data_dir / "convener.sqlite3"  # the data dir's one database, as for every other command
    assert f"replacing the database {database}" in done.stderr
    assert not (data_dir / "demo.sqlite3").exists()
    with sqlite3.connect(database) as db:
        assert db.execute("select name from program_meeting").fetchall() == [("Global Nodes Meeting 2027 (demo)",)]
        (sessions,) = db.execute("select count(*) from program_session").fetchone()
        assert sessions >= 15
    assert (data_dir / "static" / "staticfiles.json").exists()
    assert "http://127.0.0.1:8000/" in done.stdout
    for email in DEMO_EMAILS:
        assert re.search(rf"{re.escape(email)}\s+password: \S{{12}}", done.stdout), email
    assert "participants" in done.stdout and "sessions" in done.stdout
    assert "%" in done.stderr  # the progress bar went to stderr, not into the sign-in details
    assert "%" not in done.stdout


def test_manage_works_on_the_demo_database(demo_run):
    data_dir, done = demo_run
    assert done.returncode == 0, done.stderr
    made = run_cli("manage", "create_api_token", "organiser@example.org", "newcomer", data_dir=data_dir)
    assert made.returncode == 0, made.stderr
    assert "Made API token" in made.stderr and made.stdout.strip()
    counted = run_cli(
        "manage",
        "shell",
        "-c",
        "from convener.people.models import Participant; print(Participant.objects.count())",
        data_dir=data_dir,
    )
    assert counted.returncode == 0, counted.stderr
    assert int(counted.stdout.split()[-1]) >= 140  # the last line: shell may first list its imports


def test_demo_refuses_to_run_with_a_configured_database(tmp_path):
    real = tmp_path / "real.sqlite3"
    real.write_bytes(b"the organisers' real data")
    done = run_cli("demo", "--no-serve", data_dir=tmp_path, CONVENER_DATABASE_URL=f"sqlite:///{real}")
    assert done.returncode == 1
    assert "CONVENER_DATABASE_URL is set" in done.stderr
    assert "env -u CONVENER_DATABASE_URL" in done.stderr
    assert "Traceback" not in done.stderr
    assert real.read_bytes() == b"the organisers' real data"
    assert not (tmp_path / "convener.sqlite3").exists()
    assert "password" not in done.stdout


@pytest.mark.parametrize("command", ["demo", "serve"])
def test_a_busy_port_is_refused_before_any_work_with_a_hint(command, tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = run_cli(command, "--port", str(port), data_dir=tmp_path, timeout=120)
    assert done.returncode == 1
    assert f"port {port} on 127.0.0.1 is already in use" in done.stderr
    assert f"`convener {command} --port {port + 1}`" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "convener.sqlite3").exists()  # nothing was built (nor migrated)
    assert "password" not in done.stdout


def _get(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path)
    response = connection.getresponse()
    response.body = response.read()
    connection.close()
    return response


def test_the_demo_database_is_served_over_plain_http(demo_run):
    data_dir, done = demo_run
    assert done.returncode == 0, done.stderr
    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("CONVENER_")}
    env.update(
        CONVENER_DATA_DIR=str(data_dir),  # and no database URL: serve finds the demo in the data dir
        CONVENER_HTTPS="false",
        DJANGO_SETTINGS_MODULE="convener.settings",
    )
    server = subprocess.Popen(
        [sys.executable, "-m", "convener.cli", "serve", "--port", str(port)],
        env=env,
        cwd=data_dir,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                home = _get(port, "/")
                break
            except OSError:
                assert server.poll() is None, server.stderr.read()
                assert time.monotonic() < deadline, "the server did not start"
                time.sleep(0.2)
        assert home.status == 302
        assert home.getheader("Location") == "/m/gnm-demo/"
        program = _get(port, "/m/gnm-demo/")
        assert program.status == 200
        page = program.body.decode()
        assert "Icebreaker virtual networking activity" in page
        assert "default-src 'self'" in program.getheader("Content-Security-Policy")
        stylesheet = re.search(r'href="(/static/[^"]+\.css)"', page).group(1)
        static = _get(port, stylesheet)
        assert static.status == 200
        assert "immutable" in static.getheader("Cache-Control")
        assert _get(port, "/m/gnm-demo/changes.atom").body.count(b"Recording:") == 1
    finally:
        server.terminate()
        server.communicate(timeout=15)  # waits, and closes the pipe
