"""Slot planner benchmark: 10,000 participants in 300 zones, 5 dates, 15-minute steps (480 candidate starts).

Times the engine (``convener.scheduling.engine``) for the best slot (``rank_slots(limit=1)``) and the best k
repeats (k = 1..4), each from the list of people to the answer, and checks that the answers are exact:

- the best slot against a straightforward loop over every candidate start and every person (``level_for``,
  remembered per profile and start so the loop finishes in seconds);
- the best 1, 2 and 3 repeats against an exhaustive search over all combinations of the distinct candidate
  columns (starts with the same level for every profile count once), built from that same loop. The search
  ignores the gap between repeats, so it is a lower bound: the engine's plan, which keeps the gap, must equal it.

Not a test: it prints numbers. Zones are a seeded sample of ``zoneinfo.available_timezones()`` (so they depend on
the tz database); people get a seeded zone, working hours (70 % 09-17, else 08-16, 10-18 or 08:30-17:30), a
region by UTC offset (Americas, Europe/Africa, Asia from UTC+4), and 3 % of them a 2-hour unavailable block on one
of the dates.

    .venv/bin/python bench/slots.py [--people 10000] [--zones 300] [--days 5] [--runs 5] [--short-days]

OpenBLAS threads are set to 1 (``--blas-threads``) before numpy loads: the engine multiplies small matrices, for
which a second thread only adds synchronisation, and on a busy 2-core machine slows them several times.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time as clock
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from functools import partial
from typing import Any


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--zones", type=int, default=300)
    parser.add_argument("--first", type=date.fromisoformat, default=date(2027, 3, 25), help="first UTC date")
    parser.add_argument("--days", type=int, default=5)
    parser.add_argument("--duration", type=int, default=60, help="minutes")
    parser.add_argument("--seed", type=int, default=2027)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per task (after the first, cold one)")
    parser.add_argument("--blas-threads", default="1", help="OPENBLAS_NUM_THREADS (empty: leave as is)")
    parser.add_argument("--no-check", action="store_true", help="skip the reference computations")
    parser.add_argument(
        "--short-days", action="store_true", help="working hours of 3-4 hours (10-14, 09-12, 13-17): a harder case"
    )
    args = parser.parse_args()
    if args.blas_threads:
        for name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ[name] = args.blas_threads

    import zoneinfo

    import numpy as np

    from convener.scheduling import engine

    rng = random.Random(args.seed)
    zones = rng.sample(sorted(zoneinfo.available_timezones() - {"Factory", "localtime", "posixrules"}), args.zones)
    dates = [args.first + timedelta(days=i) for i in range(args.days)]
    duration = timedelta(minutes=args.duration)
    hours = [(time(9), time(17))] * 7 + [(time(8), time(16)), (time(10), time(18)), (time(8, 30), time(17, 30))]
    if args.short_days:
        hours = [(time(10), time(14)), (time(9), time(12)), (time(13), time(17))]
    noon = datetime(dates[0].year, dates[0].month, dates[0].day, 12, tzinfo=UTC)

    def region(zone: str) -> str:
        """Three regions by UTC offset, as the IETF rotates its online meetings."""
        offset = noon.astimezone(zoneinfo.ZoneInfo(zone)).utcoffset() or timedelta(0)
        if offset < timedelta(hours=-2):
            return "Americas"
        return "Europe/Africa" if offset < timedelta(hours=4) else "Asia"

    people = []
    for i in range(args.people):
        zone = rng.choice(zones)
        work_start, work_end = rng.choice(hours)
        unavailable: tuple[tuple[datetime, datetime], ...] = ()
        if rng.random() < 0.03:
            day = rng.choice(dates)
            lo = datetime(day.year, day.month, day.day, rng.randrange(0, 24, 2), tzinfo=UTC)
            unavailable = ((lo, lo + timedelta(hours=2)),)
        people.append(engine.Person(f"p{i}", zone, work_start, work_end, unavailable=unavailable, region=region(zone)))
    starts = engine.candidate_starts(dates)
    print(
        f"{len(people):,} people in {len(zones)} zones, {len(dates)} dates from {dates[0]}, {len(starts)} starts"
        f" {duration} long, 15 minutes apart; Python {sys.version.split()[0]}, numpy {np.__version__},"
        f" OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '(unset)')}"
    )

    def timed(task: Callable[[], Any]) -> tuple[Any, float, float]:
        """The result, the first (cold) time and the median of the next runs, in milliseconds."""
        times = []
        for _ in range(1 + args.runs):
            begin = clock.perf_counter()
            result = task()
            times.append((clock.perf_counter() - begin) * 1000)
        return result, times[0], statistics.median(times[1:]) if args.runs else times[0]

    rows: list[tuple[str, str, float, float, str, float]] = []
    best, cold, warm = timed(lambda: engine.rank_slots(people, dates, duration, limit=1)[0])
    best_text = f"{best.start:%d %H:%M} UTC, cost {best.cost:g}, worst {best.worst.name}"
    plans = {k: timed(partial(engine.best_repeats, people, dates, duration, k)) for k in (1, 2, 3, 4)}
    days, rotation_cold, rotation_warm = timed(partial(engine.rotation, people, dates, duration))

    checks: dict[str, tuple[str, float]] = {}
    if not args.no_check:
        begin = clock.perf_counter()
        reference = reference_best_slot(people, starts, duration, engine)
        loop_ms = (clock.perf_counter() - begin) * 1000
        same = (reference.start, reference.cost) == (best.start, best.cost)
        checks["slot"] = (f"per-person loop: {'same' if same else 'DIFFERENT'}", loop_ms)
        # Profiles alike at every start count together; starts alike for every profile count once.
        levels, inverse = np.unique(reference.levels, axis=0, return_inverse=True)
        sizes = np.bincount(np.asarray(inverse).ravel(), weights=reference.sizes)
        columns = np.unique(levels, axis=1)
        for k in (1, 2, 3):
            begin = clock.perf_counter()
            worst, cost = exhaustive(columns, sizes, k)
            plan = plans[k][0]
            same = (worst, cost) == (int(plan.worst), plan.cost)
            checks[f"k{k}"] = (
                f"exhaustive over {columns.shape[1]} columns: {'same' if same else 'DIFFERENT'}",
                (clock.perf_counter() - begin) * 1000,
            )
        print(
            f"reference: {reference.levels.shape[0]} profiles, {levels.shape[0]} distinct rows of levels,"
            f" {columns.shape[1]} distinct columns;"
            f" the loop took {loop_ms / 1000:.1f} s"
        )

    rows.append(("best slot", best_text, cold, warm, *checks.get("slot", ("", 0.0))))
    for k, (plan, cold, warm) in plans.items():
        text = f"{' '.join(f'{s:%d %H:%M}' for s in plan.slots)}, cost {plan.cost:g}, worst {plan.worst.name}"
        rows.append((f"best {k} repeat{'s' if k > 1 else ''}", text, cold, warm, *checks.get(f"k{k}", ("", 0.0))))
    burdens = "; ".join(f"{day.start:%d %H:%M} {'+'.join(day.burdened_regions) or 'none'}" for day in days)
    rows.append((f"rotation, {len(days)} days", f"night for: {burdens}", rotation_cold, rotation_warm, "", 0.0))
    print()
    print("| task | answer | first ms | median ms | check | check ms |")
    print("|---|---|---:|---:|---|---:|")
    for task, answer, cold, warm, check, check_ms in rows:
        checked = f"{check_ms:.0f}" if check else "-"
        print(f"| {task} | {answer} | {cold:.0f} | {warm:.0f} | {check or '-'} | {checked} |")
    return 0


class Reference:
    def __init__(self, start: datetime, cost: float, levels: Any, sizes: Any) -> None:
        self.start, self.cost, self.levels, self.sizes = start, cost, levels, sizes


def reference_best_slot(people: list[Any], starts: list[datetime], duration: timedelta, engine: Any) -> Reference:
    """Every start, every person: ``level_for`` (once per profile and start), the cost, the best start."""
    import numpy as np

    weights = engine.Weights()
    profiles: dict[tuple[object, ...], int] = {}
    profile_of = [
        profiles.setdefault((p.zone, p.work_start, p.work_end, p.wake_start, p.wake_end, p.unavailable), len(profiles))
        for p in people
    ]
    someone: dict[int, Any] = {}
    for p, profile in zip(people, profile_of, strict=True):
        someone.setdefault(profile, p)
    levels = np.zeros((len(profiles), len(starts)), dtype=np.int8)
    best: tuple[float, int, int, datetime] | None = None
    for j, start in enumerate(starts):
        level_of = [engine.level_for(someone[profile], start, duration) for profile in range(len(profiles))]
        levels[:, j] = level_of
        counts = [0, 0, 0, 0]
        for profile in profile_of:
            counts[level_of[profile]] += 1
        cost = sum(weights.of(engine.Level(level)) * n for level, n in enumerate(counts))
        worst = max((level for level in range(4) if counts[level]), default=0)
        key = (cost, worst, counts[worst], start)
        if best is None or key < best:
            best = key
    assert best is not None
    sizes = np.bincount(np.array(profile_of), minlength=len(profiles)).astype(np.float64)
    return Reference(best[3], best[0], levels, sizes)


def exhaustive(columns: Any, sizes: Any, k: int) -> tuple[int, float]:
    """The least (worst level, cost) over every set of k distinct columns, without a gap: no pruning.

    For each first column, the people at level t or more at every column of a set are counted for all pairs of
    the later columns at once with matrix products (exact in float64).
    """
    import numpy as np

    weights = np.array([0.0, 1.0, 4.0, 10.0])  # Weights()
    at_least = [(columns >= t).astype(np.float64) for t in (1, 2, 3)]  # rows x m

    def key(counts_at_least: list[Any]) -> tuple[Any, Any]:
        """(worst, cost) from the people at level >= 1, 2, 3 (arrays of any shape)."""
        n1, n2, n3 = counts_at_least
        worst = np.where(n3 > 0, 3, np.where(n2 > 0, 2, np.where(n1 > 0, 1, 0)))
        total = sizes.sum()
        counts = (total - n1, n1 - n2, n2 - n3, n3)
        return worst, sum(w * c for w, c in zip(weights, counts, strict=True))

    m = columns.shape[1]
    best = (4, np.inf)
    if k == 1:
        worst, cost = key([sizes @ a for a in at_least])
        candidates = [(int(w), float(c)) for w, c in zip(worst, cost, strict=True)]
        return min(candidates)
    for i in range(m - k + 1):
        if k == 2:
            worst, cost = key([(sizes * a[:, i]) @ a[:, i + 1 :] for a in at_least])
        else:
            pair_counts = []
            for a in at_least:
                later = a[:, i + 1 :]
                pair_counts.append(later.T @ (later * (sizes * a[:, i])[:, None]))
            worst, cost = key(pair_counts)
            upper = np.triu(np.ones(worst.shape, dtype=bool), 1)  # j < l: distinct columns
            worst, cost = worst[upper], cost[upper]
        if worst.size:
            j = np.lexsort((cost, worst))[0]
            best = min(best, (int(worst[j]), float(cost[j])))
    return best


if __name__ == "__main__":
    sys.exit(main())
