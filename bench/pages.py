"""Page benchmark: the program page of the demo meeting, rendered by Django in-process.

Reports server time per request (p50, p95, max), requests per second on one
core, the SQL queries per page and the bytes sent (raw and gzipped), for an
anonymous viewer and a signed-in participant. Not a test: it prints numbers.

    .venv/bin/python bench/pages.py [--requests 200]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="convener-bench-")
    os.makedirs(os.path.join(data_dir, "static"))  # WhiteNoise expects STATIC_ROOT to exist
    os.environ.update(
        CONVENER_DATA_DIR=data_dir,
        CONVENER_HTTPS="false",
        CONVENER_MANIFEST_STATIC="false",
        CONVENER_ALLOWED_HOSTS="testserver",
        CONVENER_LOG_LEVEL="ERROR",
        DJANGO_SETTINGS_MODULE="convener.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from convener.demo import PARTICIPANT_EMAIL, build_demo
    from convener.people.models import Participant

    call_command("migrate", verbosity=0)
    build_demo(seed=2021)
    participant = Participant.objects.get(user__email=PARTICIPANT_EMAIL)

    anonymous = Client(HTTP_ACCEPT_ENCODING="gzip")
    signed_in = Client(HTTP_ACCEPT_ENCODING="gzip")
    signed_in.force_login(participant.user)
    for client in (anonymous, signed_in):
        client.cookies["convener_tz"] = "America/Bogota"

    print(f"{'page':<34} {'p50 ms':>7} {'p95 ms':>7} {'max ms':>7} {'req/s':>7} {'queries':>7} {'gzip KB':>8}")
    for label, client, url in [
        ("program, anonymous", anonymous, "/m/gnm-demo/"),
        ("program, signed-in participant", signed_in, "/m/gnm-demo/"),
        ("my agenda, signed-in participant", signed_in, "/m/gnm-demo/agenda/"),
        ("program.ics, anonymous", anonymous, "/m/gnm-demo/program.ics"),
    ]:
        client.get(url)  # warm up templates and caches
        queries: list[str] = []

        def count(execute, sql, params, many, context, queries=queries):  # type: ignore[no-untyped-def]
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        timings = []
        for _ in range(args.requests):
            start = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"{label:<34} {statistics.median(timings):7.1f} {p95:7.1f} {timings[-1]:7.1f} "
            f"{1000 / statistics.mean(timings):7.0f} {len(queries):7d} {len(response.content) / 1024:8.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
