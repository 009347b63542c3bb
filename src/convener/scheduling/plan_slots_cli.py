"""``convener plan-slots``: rank start times for people in a CSV, and pick k repeats.

Plain Python over the slot engine: no database. The CSV has a header with at
least ``id`` and ``zone``; ``work_start``, ``work_end`` (HH:MM) and ``region``
are optional columns.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time as clock
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tqdm import tqdm

from convener.core import csv as safe_csv
from convener.core.cli import InputError, csv_command
from convener.scheduling import engine


def parse_dates(text: str) -> list[date]:
    """``2021-06-28..2021-07-02`` (inclusive) or ``2021-06-28,2021-06-30``."""
    try:
        if ".." in text:
            first, last = (date.fromisoformat(part) for part in text.split("..", 1))
            if last < first:
                raise InputError(f"--dates {text}: the range ends before it starts")
            if (last - first).days > 60:
                raise InputError(f"--dates {text}: at most 61 days at a time")
            return [first + timedelta(days=i) for i in range((last - first).days + 1)]
        return sorted({date.fromisoformat(part.strip()) for part in text.split(",") if part.strip()})
    except ValueError as exc:
        raise InputError(f"--dates {text}: {exc}; use YYYY-MM-DD..YYYY-MM-DD") from None


def _time(value: str, column: str, line: int) -> time:
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise InputError(f"line {line}: {column} {value!r} is not a time such as 09:00") from None


def read_people(path: Path) -> list[engine.Person]:
    try:
        handle = path.open(newline="", encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"{path}: {exc.strerror}") from None
    with handle:
        reader = csv.DictReader(handle)
        missing = {"id", "zone"} - set(reader.fieldnames or [])
        if missing:
            raise InputError(f"{path}: the header needs the columns {', '.join(sorted(missing))}")
        people = []
        for line, row in enumerate(reader, start=2):
            zone = (row.get("zone") or "").strip()
            try:
                ZoneInfo(zone)
            except (ZoneInfoNotFoundError, ValueError):
                raise InputError(f"line {line}: {zone!r} is not an IANA time zone such as Asia/Kathmandu") from None
            extra = {}
            for column in ("work_start", "work_end"):
                if (row.get(column) or "").strip():
                    extra[column] = _time(row[column].strip(), column, line)
            if "work_start" in extra and "work_end" in extra and extra["work_end"] <= extra["work_start"]:
                raise InputError(f"line {line}: working hours end before they start")
            people.append(
                engine.Person(
                    id=(row.get("id") or str(line)).strip(),
                    zone=zone,
                    region=(row.get("region") or "").strip(),
                    **extra,
                )
            )
    if not people:
        raise InputError(f"{path}: no people in the file")
    return people


def _fmt(start: datetime, zone: ZoneInfo) -> str:
    return start.astimezone(zone).strftime("%a %d %b %H:%M")


def run(args: argparse.Namespace) -> int:
    if not 1 <= args.repeats <= 4:
        raise InputError("--repeats must be between 1 and 4")
    if not 15 <= args.duration <= 24 * 60:
        raise InputError("--duration must be between 15 and 1440 minutes")
    try:
        shown = ZoneInfo(args.zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"--zone {args.zone!r} is not an IANA time zone") from None
    dates = parse_dates(args.dates)
    duration = timedelta(minutes=args.duration)
    step = timedelta(minutes=args.step)
    with tqdm(total=4 if args.rotate else 3, desc="reading people", unit="step", file=sys.stderr) as bar:
        people = read_people(Path(args.people))
        bar.update()
        bar.set_description("ranking slots")
        started = clock.perf_counter()
        ranked = engine.rank_slots(people, dates, duration, step=step)
        rank_time = clock.perf_counter() - started
        bar.update()
        bar.set_description(f"best {args.repeats} repeat(s)")
        started = clock.perf_counter()
        try:
            plan = engine.best_repeats(people, dates, duration, args.repeats, step=step)
        except ValueError as exc:
            raise InputError(str(exc)) from None
        repeat_time = clock.perf_counter() - started
        bar.update()
        days: list[engine.RotationDay] = []
        if args.rotate:
            bar.set_description("rotation")
            days = engine.rotation(people, dates, duration, step=step)
            bar.update()

    print(
        f"{len(people)} people in {len({p.zone for p in people})} zones; {len(dates)} dates; "
        f"{args.duration}-minute slots every {args.step} minutes; times in {args.zone}\n"
    )
    print(f"Best {args.top} starts ({rank_time * 1000:.0f} ms):")
    print(f"  {'start':<17} {'working':>8} {'early/late':>10} {'night':>6} {'unavail.':>8} {'cost':>8}")
    for score in ranked[: args.top]:
        c = score.counts
        print(
            f"  {_fmt(score.start, shown):<17} {c.working:>8} {c.edge:>10} {c.night:>6} {c.unavailable:>8} "
            f"{score.cost:>8.0f}"
        )
    print(
        f"\nBest {args.repeats} repeat(s) ({repeat_time * 1000:.0f} ms): worst case {plan.worst.name.lower()}, "
        f"total cost {plan.cost:.0f}"
    )
    taken = [0] * len(plan.slots)
    for index in plan.assignment.values():
        taken[index] += 1
    for index, start in enumerate(plan.slots):
        print(f"  {_fmt(start, shown):<17} {taken[index]:>6} people")
    c = plan.counts
    print(
        f"  each at their best repeat: {c.working} working hours, {c.edge} early or late, {c.night} night, "
        f"{c.unavailable} unavailable"
    )
    if days:
        print("\nRotation: one start a day, night hours passed round the regions:")
        for day in days:
            burdened = ", ".join(day.burdened_regions) or "nobody"
            print(f"  {_fmt(day.start, shown):<17} night for: {burdened}")
    if args.output:
        with open(args.output, "w", newline="", encoding="utf-8") as out:
            writer = safe_csv.writer(out)
            writer.writerow(
                ["start_utc", f"start_{args.zone}", "working", "early_or_late", "night", "unavailable", "cost"]
            )
            for score in ranked:
                c = score.counts
                writer.writerow(
                    [
                        score.start.isoformat(),
                        score.start.astimezone(shown).isoformat(),
                        c.working,
                        c.edge,
                        c.night,
                        c.unavailable,
                        score.cost,
                    ]
                )
        print(f"\nAll {len(ranked)} ranked starts written to {args.output}")
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = csv_command(
        sub,
        "plan-slots",
        summary="rank start times for people in a CSV and pick repeats",
        doc=__doc__,
        columns="id, zone [, work_start, work_end, region]",
        run=run,
    )
    parser.add_argument("--duration", type=int, default=90, help="minutes (default %(default)s)")
    parser.add_argument("--dates", required=True, help="YYYY-MM-DD..YYYY-MM-DD, or dates separated by commas")
    parser.add_argument("--repeats", type=int, default=1, help="how many times the session runs, 1-4")
    parser.add_argument("--step", type=int, default=15, choices=[5, 10, 15, 30, 60], help="minutes between starts")
    parser.add_argument("--top", type=int, default=5, help="how many ranked starts to print")
    parser.add_argument("--zone", default="UTC", help="show times in this zone (default UTC)")
    parser.add_argument("--output", help="write every ranked start to this CSV")
    parser.add_argument(
        "--rotate",
        action="store_true",
        help="also print a rotation: one start per date, night hours falling on regions in turn",
    )
    parser.set_defaults(plain=True)
