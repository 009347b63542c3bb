"""``convener plan-rooms``: plan breakout rounds for people in a CSV; no database needed.

The CSV has a header with at least ``id``; ``node``, ``region``, ``languages``
and ``interests`` (both separated by ``;``) and ``email`` are optional. The
plan is written as CSV: round, room, id, email.

The file is read as UTF-8 (with or without a byte-order mark); a file that is
not UTF-8 (a spreadsheet's "CSV" in Windows-1252 / Latin-1) is read as
Windows-1252, with a note. Without a ``languages`` column everyone shares one
language; with one, a blank cell means no language given: that person is
placed anyway, and the figures name everyone who sat in a room without a
language shared by all.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import re
import sys
from pathlib import Path

from tqdm import tqdm

from convener.core import csv as safe_csv
from convener.core.cli import InputError, csv_command
from convener.networking import engine


def parse_size(text: str) -> engine.RoomSize:
    match = re.fullmatch(r"\s*(\d+)\s*(?:-\s*(\d+)\s*)?", text)
    if match is None:
        raise InputError(f"--room-size {text!r}: use a range such as 3-5, or one number")
    low, high = match.groups()
    size = engine.RoomSize(int(low), int(high or low))
    if size.min < 2 or size.min > size.max:
        raise InputError(f"--room-size {text!r}: rooms need at least 2 people and the range must go up")
    return size


def _split(value: str | None) -> frozenset[str]:
    return frozenset(part.strip() for part in (value or "").split(";") if part.strip())


def parse_budget(value: float) -> float:
    if not math.isfinite(value) or value <= 0:
        raise InputError(f"--time-budget {value}: give a positive number of seconds, such as 5")
    return value


def read_text(path: Path) -> str:
    """The file as text: UTF-8 (a byte-order mark dropped), else Windows-1252 with a note on standard error."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    print(
        f"note: {path} is not UTF-8; read it as Windows-1252 (Latin-1). If names look wrong, save the file as"
        " CSV UTF-8 and run again.",
        file=sys.stderr,
    )
    return text


def read_people(path: Path) -> tuple[list[engine.Attendee], dict[str, str]]:
    with io.StringIO(read_text(path), newline="") as handle:
        reader = csv.DictReader(handle)
        if "id" not in (reader.fieldnames or []):
            raise InputError(f"{path}: the header needs an id column")
        # No languages column: everyone shares one. A blank cell in one: no language given (placed anyway, and
        # reported if their room has no language shared by all).
        has_languages = "languages" in (reader.fieldnames or [])
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
                    languages=_split(row.get("languages")) if has_languages else frozenset({"en"}),
                    interests=_split(row.get("interests")),
                )
            )
            emails[pid] = (row.get("email") or "").strip()
    if not people:
        raise InputError(f"{path}: no people in the file")
    return people, emails


def run(args: argparse.Namespace) -> int:
    # Every check before the progress bar, so that an error is the only thing printed.
    size = parse_size(args.room_size)
    if not 1 <= args.rounds <= 100:
        raise InputError("--rounds must be between 1 and 100")
    budget = parse_budget(args.time_budget)
    people, emails = read_people(Path(args.people))
    try:
        engine.check_input(people, size, args.rounds, budget)
    except ValueError as exc:
        raise InputError(str(exc)) from None
    with tqdm(total=2, desc=f"planning {args.rounds} rounds (up to {budget:g} s)", unit="step", file=sys.stderr) as bar:
        try:
            plan = engine.plan_rounds(people, size, args.rounds, seed=args.seed, time_budget=budget)
        except ValueError as exc:  # pragma: no cover - check_input refuses what plan_rounds would
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
    )
    print(f"  how                    {plan.method}")
    if not plan.complete:
        print(
            f"  not proven best: {q.repeat_pairs} repeat meetings that no search proved unavoidable"
            f"{' (time budget reached)' if plan.budget_reached else ''}; a longer --time-budget may find fewer"
        )
    print(f"  repeat meetings        {q.repeat_pairs}")
    print(f"  same-node pairs        {q.same_node_pairs}")
    print(f"  regions per room       {q.mean_regions_per_room:.2f} on average, at least {q.min_regions_per_room}")
    print(f"  met nobody new         {q.unmet_people}")
    print(f"  rooms without a shared language  {q.language_violations}")
    if q.without_shared_language:
        print(f"  not placed with a shared language: {', '.join(q.without_shared_language)}")
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
