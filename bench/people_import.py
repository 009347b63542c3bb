"""People import benchmark: a CSV of 5,000 people through the organiser area's import.

Makes a meeting and six regions in a temporary database (SQLite by default; PostgreSQL when
CONVENER_DATABASE_URL points at one), writes a CSV of ``--rows`` people over 60 nodes (half of
them new, created with the import), then times the preview (``plan``) and the import
(``apply``, all or nothing) ``--runs`` times, each import in a transaction rolled back
afterwards. Then once more with one bad row at the end, to show that nothing is written.
Not a test: it prints numbers.

    .venv/bin/python bench/people_import.py [--rows 5000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date

ZONES = ["Africa/Nairobi", "Asia/Kathmandu", "Europe/Copenhagen", "America/Bogota", "Australia/Sydney", "UTC"]
REGIONS = ["Africa", "Asia", "Europe", "Latin America", "Oceania", "North America"]


def people_csv(rows: int, known_nodes: int = 30, new_nodes: int = 30) -> str:
    lines = ["name,email,node,country,region,languages,time zone,role,working hours"]
    for i in range(rows):
        n = i % (known_nodes + new_nodes)
        node = f"Node {n:02d}" if n < known_nodes else f"New node {n:02d}"
        region = REGIONS[n % len(REGIONS)]
        lines.append(
            f"Person {i:05d},person{i:05d}@example.org,{node},DK,{region},en; es,{ZONES[i % len(ZONES)]},,08:00-16:00"
        )
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    os.environ.update(
        CONVENER_DATA_DIR=tempfile.mkdtemp(prefix="convener-bench-import-"),
        CONVENER_HTTPS="false",
        DJANGO_SETTINGS_MODULE="convener.settings",
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.exceptions import ValidationError
    from django.core.management import call_command
    from django.db import transaction
    from tqdm import tqdm

    from convener.organise.services import people_import
    from convener.people.models import Node, Participant, Region
    from convener.program.models import Meeting

    call_command("migrate", verbosity=0)
    meeting = Meeting.objects.create(
        name="Import bench", slug="import-bench", start_date=date(2027, 3, 25), end_date=date(2027, 3, 31)
    )
    regions = [Region.objects.create(name=name, slug=name.lower().replace(" ", "-")) for name in REGIONS]
    for n in range(30):
        Node.objects.create(name=f"Node {n:02d}", region=regions[n % len(regions)], country="DK")
    text = people_csv(args.rows)
    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    print(f"database: {engine}; {args.rows:,} rows, {len(text) / 1024:.0f} KB")

    previews, imports = [], []
    for _ in tqdm(range(args.runs), desc="runs", unit="run", file=sys.stderr):
        started = time.perf_counter()
        plan = people_import.plan(meeting, text)
        previews.append(time.perf_counter() - started)
        assert plan.ok and len(plan.rows) == args.rows, plan.errors[:3]
        started = time.perf_counter()
        with transaction.atomic():
            outcome = people_import.apply(meeting, text, create_nodes=True)
            imports.append(time.perf_counter() - started)
            assert outcome.created_accounts == args.rows and Participant.objects.count() == args.rows
            transaction.set_rollback(True)
    print(f"preview (plan): median {statistics.median(previews):.2f} s, min {min(previews):.2f} s")
    print(f"import (apply, plan included): median {statistics.median(imports):.2f} s, min {min(imports):.2f} s")

    bad = text + f"Last Person,person{args.rows - 1:05d}@example.org,,,,,,,\n"  # the same email twice
    started = time.perf_counter()
    try:
        people_import.apply(meeting, bad, create_nodes=True)
    except ValidationError as exc:
        refused = time.perf_counter() - started
        print(f"one bad row at line {args.rows + 2}: refused in {refused:.2f} s: {exc.messages[0]}")
    print(f"after the refusal: {Participant.objects.count()} participants, {Node.objects.count()} nodes (unchanged)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
