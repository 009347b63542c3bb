"""Demo build benchmark: how long a newcomer waits for ``convener demo``.

Builds the demo meeting with the production password hashers (PBKDF2 for
the three sign-in accounts) in a temporary SQLite database, ``--runs``
times (each in a transaction rolled back afterwards, so every build starts
from the same empty meeting tables), and reports the total and the time per
build step (the steps the progress bar shows). Then, unless ``--no-command``,
runs ``convener demo --no-serve`` once end to end in its own process and
data dir: start-up, migrate, collectstatic and the build. Not a test: it
prints numbers.

    .venv/bin/python bench/demo_build.py [--runs 5] [--no-command]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def _command_seconds() -> float:
    """Wall time of ``convener demo --no-serve`` in a fresh data dir, in its own process."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("CONVENER_")}
    with tempfile.TemporaryDirectory(prefix="convener-bench-demo-") as data_dir:
        env.update(CONVENER_DATA_DIR=data_dir, DJANGO_SETTINGS_MODULE="convener.settings")
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "convener.cli", "demo", "--no-serve"],
            env=env,
            cwd=data_dir,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"convener demo --no-serve failed:\n{done.stderr}")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-command", action="store_true", help="skip the end-to-end `convener demo --no-serve`")
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="convener-bench-")
    os.environ.update(
        CONVENER_DATA_DIR=data_dir,
        CONVENER_HTTPS="false",
        CONVENER_LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="convener.settings",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.hashers import get_hasher, make_password
    from django.core.management import call_command
    from django.db import transaction

    from convener.demo import build_demo

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    print(f"migrate (empty SQLite database): {time.perf_counter() - started:.1f} s")
    hasher = get_hasher()
    print(f"password hasher: {settings.PASSWORD_HASHERS[0].rsplit('.', 1)[-1]} ({hasher.iterations} iterations)")
    started = time.perf_counter()
    make_password("correct horse battery staple")
    print(f"one password hashed: {(time.perf_counter() - started) * 1000:.0f} ms")

    totals: list[float] = []
    steps: dict[str, list[float]] = {}
    marks: list[tuple[str, float]] = []

    def mark(label: str, done: int, total: int) -> None:
        marks.append((label, time.perf_counter()))

    for _ in range(args.runs):
        marks.clear()
        began = time.perf_counter()
        with transaction.atomic():
            build_demo(seed=2021, progress=mark)
            transaction.set_rollback(True)
        totals.append(time.perf_counter() - began)
        previous = began
        for label, at in marks:
            steps.setdefault(label, []).append(at - previous)
            previous = at

    print(
        f"\nbuild_demo, {args.runs} runs: first {totals[0]:.2f} s, median {statistics.median(totals):.2f} s, "
        f"min {min(totals):.2f} s"
    )
    print(f"\n{'step (median of the runs)':<60} {'ms':>7}")
    for label, seconds in sorted(steps.items(), key=lambda item: -statistics.median(item[1])):
        print(f"{label[:60]:<60} {statistics.median(seconds) * 1000:7.0f}")

    if not args.no_command:
        print(f"\nconvener demo --no-serve, end to end: {_command_seconds():.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
