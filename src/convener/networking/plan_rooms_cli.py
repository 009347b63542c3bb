"""``convener plan-rooms``: plan breakout rounds for people in a CSV; no database needed.

The CSV has a header with at least ``id``; ``node``, ``region``, ``languages``
and ``interests`` (both separated by ``;``) and ``email`` are optional. The
plan is written as CSV: round, room, id, email.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from tqdm import tqdm

from convener.core import csv as safe_csv
from convener.core.cli import InputError, csv_command
from convener.networking import engine


def parse_size(text: str) -> engine.RoomSize:
    try:
        low, _, high = text.partition("-")
        size = engine.RoomSize(int(low), int(high or low))
    except ValueError:
        raise InputError(f"--room-size {text!r}: use a range such as 3-5, or one number") from None
    if size.min < 2 or size.min > size.max:
        raise InputError(f"--room-size {text!r}: rooms need at least 2 people and the range must go up")
    return size


def _split(value: str | None) -> frozenset[str]:
    return frozenset(part.strip() for part in (value or "").split(";") if part.strip())


def read_people(path: Path) -> tuple[list[engine.Attendee], dict[str, str]]:
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from None
    with handle:
        reader = csv.DictReader(handle)
        if "id" not in (reader.fieldnames or []):
            raise InputError(f"{path}: the header needs an id column")
        people: list[engine.Attendee] = []
        emails: dict[str, str] = {}
        seen: set[str] = set()
        for line, row in enumerate(reader, start=2):
            pid = (row.get("id") or "").strip()
            if not pid:
                raise InputError(f"line {line}: the id is empty")
            if pid in seen:
                raise InputError(f"line {line}: the id {pid!r} appears twice")
            seen.add(pid)
            people.append(
                engine.Attendee(
                    id=pid,
                    node=(row.get("node") or "").strip(),
                    region=(row.get("region") or "").strip(),
                    languages=_split(row.get("languages")) or frozenset({"en"}),
                    interests=_split(row.get("interests")),
                )
            )
            emails[pid] = (row.get("email") or "").strip()
    if not people:
        raise InputError(f"{path}: no people in the file")
    return people, emails


def run(args: argparse.Namespace) -> int:
    size = parse_size(args.room_size)
    if not 1 <= args.rounds <= 100:
        raise InputError("--rounds must be between 1 and 100")
    with tqdm(total=3, desc="reading people", unit="step", file=sys.stderr) as bar:
        people, emails = read_people(Path(args.people))
        bar.update()
        bar.set_description(f"planning {args.rounds} rounds (up to {args.time_budget:g} s)")
        try:
            plan = engine.plan_rounds(people, size, args.rounds, seed=args.seed, time_budget=args.time_budget)
        except ValueError as exc:
            raise InputError(str(exc)) from None
        bar.update()
        bar.set_description("writing the plan")
        with open(args.output, "w", newline="", encoding="utf-8") as out:
            writer = safe_csv.writer(out)
            writer.writerow(["round", "room", "id", "email"])
            for r, rooms in enumerate(plan.rounds, start=1):
                for n, room in enumerate(rooms, start=1):
                    for pid in room:
                        writer.writerow([r, n, pid, emails.get(pid, "")])
        bar.update()
    q = plan.quality
    print(
        f"{len(people)} people, {args.rounds} rounds, rooms of {size.min}-{size.max}: planned in {plan.seconds:.2f} s"
        f"{'' if plan.complete else ' (time budget reached)'}"
    )
    print(f"  repeat meetings        {q.repeat_pairs}")
    print(f"  same-node pairs        {q.same_node_pairs}")
    print(f"  regions per room       {q.mean_regions_per_room:.2f} on average, at least {q.min_regions_per_room}")
    print(f"  met nobody new         {q.unmet_people}")
    print(f"  rooms without a shared language  {q.language_violations}")
    print(f"Plan written to {args.output}")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = csv_command(
        sub,
        "plan-rooms",
        summary="plan breakout rounds so nobody meets twice (CSV in, CSV out)",
        doc=__doc__,
        columns="id [, node, region, languages, interests, email]",
        run=run,
    )
    parser.add_argument("--room-size", default="3-5", help="people per room, a range such as 3-5 (default 3-5)")
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--time-budget", type=float, default=5.0, help="seconds the planner may search")
    parser.add_argument("--output", default="rooms.csv", help="where to write the plan (default rooms.csv)")
