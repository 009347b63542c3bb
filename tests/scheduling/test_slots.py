"""The slot engine: local time on the real date (DST, odd offsets, the date line), ranking, repeats, rotation.

Brute force is the reference: ``level_for`` person by person for ranking, every combination of k starts for
repeats, every choice of one start per day for the rotation.
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convener.scheduling.engine import (
    ROTATION_SLACK,
    Counts,
    Level,
    Person,
    Weights,
    best_repeats,
    candidate_starts,
    level_for,
    rank_slots,
    rotation,
)

HOUR = timedelta(hours=1)
DEFAULT = Weights()
FAST = settings(max_examples=60, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)  # type: ignore[misc]


def person(zone: str, id: str | None = None, **kwargs) -> Person:
    return Person(id=id or zone, zone=zone, **kwargs)


def brute_cost(people: list[Person], start: datetime, duration: timedelta, weights: Weights = DEFAULT) -> float:
    return sum(weights.of(level_for(p, start, duration)) for p in people)


# --- candidates and plain days ----------------------------------------------------------------------------------------


def test_candidate_starts_are_every_step_of_each_utc_date_once_and_sorted():
    starts = candidate_starts([date(2027, 3, 29), date(2027, 3, 28), date(2027, 3, 28)])
    assert len(starts) == 2 * 96
    assert starts[0] == utc(2027, 3, 28, 0, 0) and starts[-1] == utc(2027, 3, 29, 23, 45)
    assert starts == sorted(starts) and all(s.tzinfo is UTC for s in starts)
    assert len(candidate_starts([date(2027, 3, 28)], timedelta(minutes=25))) == 58  # 0:00 .. 23:45, 25 apart


def test_levels_on_an_ordinary_day_in_berlin():
    berlin = person("Europe/Berlin")  # CEST, UTC+2, in June
    assert level_for(berlin, utc(2027, 6, 1, 7), HOUR) == Level.WORKING  # 09:00-10:00
    assert level_for(berlin, utc(2027, 6, 1, 14), HOUR) == Level.WORKING  # 16:00-17:00 ends as work does
    assert level_for(berlin, utc(2027, 6, 1, 14, 15), HOUR) == Level.EDGE  # 16:15-17:15
    assert level_for(berlin, utc(2027, 6, 1, 5), HOUR) == Level.EDGE  # 07:00-08:00
    assert level_for(berlin, utc(2027, 6, 1, 4, 45), HOUR) == Level.NIGHT  # 06:45-07:45
    assert level_for(berlin, utc(2027, 6, 1, 19), HOUR) == Level.EDGE  # 21:00-22:00
    assert level_for(berlin, utc(2027, 6, 1, 19, 30), HOUR) == Level.NIGHT  # 21:30-22:30


def test_unavailable_times_in_any_zone_win_over_working_hours():
    berlin_time = ZoneInfo("Europe/Berlin")
    busy = person("Europe/Berlin", unavailable=((datetime(2027, 6, 1, 9, 30, tzinfo=berlin_time), utc(2027, 6, 1, 8)),))
    assert level_for(busy, utc(2027, 6, 1, 7), HOUR) == Level.UNAVAILABLE  # overlaps 07:30-08:00 UTC
    assert level_for(busy, utc(2027, 6, 1, 8), HOUR) == Level.WORKING  # [start, end): touching is fine
    assert level_for(busy, utc(2027, 6, 1, 7), timedelta(minutes=30)) == Level.WORKING  # ends 07:30


def test_bad_input_is_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="unknown time zone"):
        level_for(person("Mars/Olympus_Mons"), utc(2027, 6, 1), HOUR)
    with pytest.raises(ValueError, match="timezone-aware"):
        level_for(person("UTC"), datetime(2027, 6, 1, 9), HOUR)
    with pytest.raises(ValueError, match="duration"):
        rank_slots([person("UTC")], [date(2027, 6, 1)], timedelta(hours=25))
    with pytest.raises(ValueError, match="step"):
        candidate_starts([date(2027, 6, 1)], timedelta(0))


# --- DST: the real date decides ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "start", "before", "on"),
    [
        # US springs forward on 2027-03-14: 13:00 UTC is 08:00 EST the day before, 09:00 EDT that day.
        ("America/New_York", utc(2027, 3, 13, 13), Level.EDGE, Level.WORKING),
        # The EU springs forward on 2027-03-28: 07:00 UTC is 08:00 CET the day before, 09:00 CEST that day.
        ("Europe/Berlin", utc(2027, 3, 27, 7), Level.EDGE, Level.WORKING),
        # The EU falls back on 2027-10-31: 07:00 UTC is 09:00 CEST the day before, 08:00 CET that day.
        ("Europe/Berlin", utc(2027, 10, 30, 7), Level.WORKING, Level.EDGE),
        # The US falls back on 2027-11-07: 21:00 UTC is 17:00 EDT the day before, 16:00 EST that day.
        ("America/New_York", utc(2027, 11, 6, 21), Level.EDGE, Level.WORKING),
    ],
)
def test_the_same_utc_hour_changes_level_on_the_day_clocks_change(zone, start, before, on):
    someone = person(zone)
    assert level_for(someone, start, HOUR) == before
    assert level_for(someone, start + timedelta(days=1), HOUR) == on
    ranked = {s.start: s for s in rank_slots([someone], [start.date(), start.date() + timedelta(days=1)], HOUR)}
    assert ranked[start].worst == before and ranked[start + timedelta(days=1)].worst == on


def test_a_slot_across_the_spring_gap_is_judged_by_its_real_end():
    # New York, 2027-03-14: 01:30 EST + 90 real minutes = 04:00 EDT (02:00-03:00 does not exist).
    night_shift = person("America/New_York", work_start=time(22), work_end=time(3, 30))
    start = utc(2027, 3, 14, 6, 30)
    assert level_for(night_shift, start, timedelta(minutes=90)) != Level.WORKING  # runs to 04:00, past 03:30
    assert level_for(night_shift, start, timedelta(minutes=60)) == Level.WORKING  # 01:30-03:30 by the clock
    longer_shift = person("America/New_York", work_start=time(22), work_end=time(4))
    assert level_for(longer_shift, start, timedelta(minutes=90)) == Level.WORKING


def test_a_slot_across_the_autumn_fold_covers_the_repeated_hour_twice():
    # New York, 2027-11-07: 05:30-06:30 UTC is 01:30 EDT to 01:30 EST, an hour spent between 01:00 and 02:00.
    one_to_two = person("America/New_York", work_start=time(1), work_end=time(2), wake_start=time(0), wake_end=time(0))
    assert level_for(one_to_two, utc(2027, 11, 7, 5, 30), HOUR) == Level.WORKING
    assert level_for(one_to_two, utc(2027, 11, 8, 5, 30), HOUR) == Level.EDGE  # 00:30-01:30 EST next day


@pytest.mark.parametrize("day", [date(2027, 3, 14), date(2027, 3, 28), date(2027, 10, 31), date(2027, 11, 7)])
def test_ranking_matches_level_for_person_by_person_on_clock_change_days(day):
    people = [
        person(z, id=f"{z}-{i}", work_start=time(8 + i), work_end=time(16 + i))
        for i, z in enumerate(
            [
                "America/New_York",
                "America/Los_Angeles",
                "Europe/Berlin",
                "Europe/London",
                "Australia/Sydney",
                "Australia/Lord_Howe",
                "Pacific/Chatham",
                "America/St_Johns",
            ]
        )
    ]
    for duration in (timedelta(minutes=30), timedelta(minutes=90), timedelta(hours=5)):
        for score in rank_slots(people, [day], duration):
            levels = [level_for(p, score.start, duration) for p in people]
            assert score.counts == Counts(*(levels.count(Level(v)) for v in range(4)))
            assert score.cost == pytest.approx(brute_cost(people, score.start, duration))


# --- odd offsets and the date line -----------------------------------------------------------------------------------


def test_half_and_three_quarter_hour_zones():
    kolkata, kathmandu = person("Asia/Kolkata"), person("Asia/Kathmandu")  # UTC+5:30, UTC+5:45
    assert level_for(kolkata, utc(2027, 6, 1, 3, 30), HOUR) == Level.WORKING  # 09:00 IST
    assert level_for(kolkata, utc(2027, 6, 1, 3, 15), HOUR) == Level.EDGE  # 08:45 IST
    assert level_for(kathmandu, utc(2027, 6, 1, 3, 15), HOUR) == Level.WORKING  # 09:00 NPT
    assert level_for(kathmandu, utc(2027, 6, 1, 3, 0), HOUR) == Level.EDGE  # 08:45 NPT
    # The cheapest start for both is the first quarter hour that is 09:00 or later in Kathmandu.
    best = rank_slots([kolkata, kathmandu], [date(2027, 6, 1)], HOUR, limit=1)[0]
    assert best.start == utc(2027, 6, 1, 3, 30) and best.cost == 0


def test_the_date_line_zones_work_on_the_next_utc_day():
    day = date(2027, 6, 1)
    kiritimati, apia, auckland = person("Pacific/Kiritimati"), person("Pacific/Apia"), person("Pacific/Auckland")
    # UTC+14, UTC+13 and UTC+12 (NZST): 09:00 on 2 June local is 19:00, 20:00 and 21:00 UTC on 1 June.
    assert level_for(kiritimati, utc(2027, 6, 1, 19), HOUR) == Level.WORKING
    assert level_for(apia, utc(2027, 6, 1, 20), HOUR) == Level.WORKING
    assert level_for(auckland, utc(2027, 6, 1, 21), HOUR) == Level.WORKING
    # Kiritimati and Honolulu share the wall clock a day apart: 19:00 UTC is 09:00 on 2 June and on 1 June.
    honolulu = person("Pacific/Honolulu")
    for start in candidate_starts([day]):
        assert level_for(kiritimati, start, HOUR) == level_for(honolulu, start, HOUR)
    # Busy on the morning of 2 June in Kiritimati (local time) is busy at 19:00 UTC on 1 June.
    kiritimati_time = ZoneInfo("Pacific/Kiritimati")
    busy = person(
        "Pacific/Kiritimati",
        unavailable=(
            (datetime(2027, 6, 2, 8, tzinfo=kiritimati_time), datetime(2027, 6, 2, 12, tzinfo=kiritimati_time)),
        ),
    )
    assert level_for(busy, utc(2027, 6, 1, 19), HOUR) == Level.UNAVAILABLE
    assert level_for(busy, utc(2027, 6, 2, 19), HOUR) == Level.WORKING  # 3 June there
    scores = {score.start: score for score in rank_slots([busy, honolulu], [day], HOUR)}
    assert scores[utc(2027, 6, 1, 19)].counts == Counts(working=1, unavailable=1)


def test_a_slot_across_local_midnight_is_night_unless_waking_hours_run_past_midnight():
    start = utc(2027, 6, 1, 11, 30)  # 23:30 NZST in Auckland, to 01:00
    assert level_for(person("Pacific/Auckland"), start, timedelta(minutes=90)) == Level.NIGHT
    night_owl = person("Pacific/Auckland", wake_start=time(10), wake_end=time(2))
    assert level_for(night_owl, start, timedelta(minutes=90)) == Level.EDGE
    assert level_for(night_owl, start, timedelta(minutes=180)) == Level.NIGHT  # to 02:30


def test_samoa_skipping_a_day_splits_the_slot_in_two_local_pieces():
    # Apia jumped from UTC-10 to UTC+14 at the end of 29 December 2011: 10:00 UTC on the 30th is 00:00 on the 31st.
    owl = person("Pacific/Apia", wake_start=time(7), wake_end=time(1))
    start = utc(2011, 12, 30, 9, 30)  # 23:30 on the 29th, then 00:00-00:30 on the 31st
    assert level_for(owl, start, HOUR) == Level.EDGE
    assert level_for(person("Pacific/Apia"), start, HOUR) == Level.NIGHT
    scores = {s.start: s for s in rank_slots([owl], [date(2011, 12, 30)], HOUR)}
    assert scores[start].worst == Level.EDGE


# --- ranking ---------------------------------------------------------------------------------------------------------


def test_ranking_order_counts_and_regions():
    people = [
        person("America/New_York", id="a", region="Americas"),
        person("America/Los_Angeles", id="b", region="Americas"),
        person("Europe/Berlin", id="c", region="Europe"),
        person("Asia/Tokyo", id="d", region="Asia"),
        person("Asia/Tokyo", id="e"),  # no region
    ]
    ranked = rank_slots(people, [date(2027, 6, 1)], HOUR)
    assert len(ranked) == 96
    keys = [(s.cost, s.worst, getattr(s.counts, s.worst.name.lower()), s.start) for s in ranked]
    assert keys == sorted(keys)
    for score in ranked:
        assert score.end - score.start == HOUR
        assert score.counts.total == len(people)
        assert set(score.by_region) == {"", "Americas", "Asia", "Europe"}
        for field in ("working", "edge", "night", "unavailable"):
            assert sum(getattr(c, field) for c in score.by_region.values()) == getattr(score.counts, field)
    assert rank_slots(people, [date(2027, 6, 1)], HOUR, limit=3) == ranked[:3]
    assert rank_slots([], [date(2027, 6, 1)], HOUR, limit=1)[0].cost == 0
    assert rank_slots(people, [], HOUR) == []


ZONES = [
    "UTC",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "America/St_Johns",
    "Europe/Berlin",
    "Europe/London",
    "Africa/Nairobi",
    "Asia/Kolkata",
    "Asia/Kathmandu",
    "Asia/Tokyo",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
    "Pacific/Apia",
    "Pacific/Kiritimati",
    "Pacific/Chatham",
]
DAYS = [date(2027, 3, 14), date(2027, 3, 28), date(2027, 6, 1), date(2027, 10, 31), date(2027, 11, 7)]
HOURS = [(time(9), time(17)), (time(8), time(16)), (time(10, 30), time(14)), (time(22), time(6))]


@st.composite
def people_strategy(draw: st.DrawFn, max_size: int = 5, regions: tuple[str, ...] = ("",)) -> list[Person]:
    found = []
    for i in range(draw(st.integers(1, max_size))):
        zone = draw(st.sampled_from(ZONES))
        work = draw(st.sampled_from(HOURS))
        unavailable: tuple[tuple[datetime, datetime], ...] = ()
        if draw(st.booleans()):
            lo = datetime.combine(draw(st.sampled_from(DAYS)), time(draw(st.integers(0, 23))), UTC)
            unavailable = ((lo, lo + timedelta(hours=draw(st.integers(1, 4)))),)
        found.append(Person(f"p{i}", zone, *work, unavailable=unavailable, region=draw(st.sampled_from(regions))))
    return found


@FAST
@given(
    people=people_strategy(),
    day=st.sampled_from(DAYS),
    duration=st.sampled_from([timedelta(minutes=m) for m in (30, 60, 90, 150)]),
    step=st.sampled_from([timedelta(minutes=m) for m in (30, 60, 120)]),
)
def test_the_ranked_best_slot_is_never_worse_than_any_candidate(people, day, duration, step):
    ranked = rank_slots(people, [day], duration, step=step)
    best = ranked[0]
    for start in candidate_starts([day], step):
        cost = brute_cost(people, start, duration)
        assert best.cost <= cost + 1e-9
    for score in ranked:
        assert score.cost == pytest.approx(brute_cost(people, score.start, duration))
        assert score.worst == max(level_for(p, score.start, duration) for p in people)


# --- repeats ---------------------------------------------------------------------------------------------------------


def brute_repeats(
    people: list[Person],
    days: list[date],
    duration: timedelta,
    k: int,
    step: timedelta,
    gap: timedelta,
    weights: Weights = DEFAULT,
) -> tuple[Level, float] | None:
    starts = candidate_starts(days, step)
    levels = [[level_for(p, s, duration) for s in starts] for p in people]
    best: tuple[Level, float] | None = None
    for chosen in itertools.combinations(range(len(starts)), k):
        if any(abs(starts[a] - starts[b]) < gap for a, b in itertools.combinations(chosen, 2)):
            continue
        at_best = [min(row[i] for i in chosen) for row in levels]
        key = (max(at_best, default=Level.WORKING), sum(weights.of(level) for level in at_best))
        if best is None or key < best:
            best = key
    return best


@FAST
@given(
    people=people_strategy(max_size=6),
    day=st.sampled_from(DAYS),
    k=st.integers(1, 4),
    duration=st.sampled_from([timedelta(minutes=m) for m in (30, 60, 120)]),
    step=st.sampled_from([HOUR, timedelta(hours=2), timedelta(hours=3)]),
    gap=st.sampled_from([None, timedelta(0), timedelta(hours=5)]),
    weights=st.sampled_from([Weights(), Weights(0, 0, 1, 1), Weights(0.5, 1.25, 3, 7.5)]),
)
def test_best_repeats_equals_brute_force_over_all_combinations(people, day, k, duration, step, gap, weights):
    days = [day, day + timedelta(days=1)] if step == timedelta(hours=3) else [day]
    effective_gap = duration if gap is None else gap
    expected = brute_repeats(people, days, duration, k, step, effective_gap, weights)
    if expected is None:
        with pytest.raises(ValueError, match="cannot place"):
            best_repeats(people, days, duration, k, step=step, weights=weights, min_gap=gap)
        return
    plan = best_repeats(people, days, duration, k, step=step, weights=weights, min_gap=gap)
    assert (plan.worst, plan.cost) == (expected[0], pytest.approx(expected[1]))
    assert len(plan.slots) == k and list(plan.slots) == sorted(plan.slots)
    assert all(b - a >= effective_gap for a, b in itertools.pairwise(plan.slots))
    for p in people:  # each person goes to (one of) their best repeats
        levels = [level_for(p, s, duration) for s in plan.slots]
        assert levels[plan.assignment[p.id]] == min(levels)
    assert plan.counts.total == len(people)


def test_repeats_reach_everyone_in_a_global_group_exactly():
    people = [person(z, id=f"{z}-{i}", region=z.split("/")[0]) for i, z in enumerate(ZONES * 3)]
    day, step = [date(2027, 6, 1)], HOUR
    plans = {k: best_repeats(people, day, HOUR, k, step=step) for k in (1, 2, 3)}
    assert plans[1].worst == Level.NIGHT  # nobody can be awake everywhere at once
    assert plans[3].worst <= Level.EDGE and plans[3].cost < plans[2].cost < plans[1].cost
    for k, plan in plans.items():
        assert brute_repeats(people, day, HOUR, k, step, HOUR) == (plan.worst, plan.cost)


def test_repeats_refuse_an_impossible_number():
    someone = [person("Europe/Berlin")]
    for k in (0, 5):
        with pytest.raises(ValueError, match="between 1 and 4"):
            best_repeats(someone, [date(2027, 6, 1)], HOUR, k)
    with pytest.raises(ValueError, match="cannot place 4 repeats"):
        best_repeats(someone, [date(2027, 6, 1)], timedelta(hours=8), 4, step=timedelta(hours=8))
    with pytest.raises(ValueError, match="weights"):
        best_repeats(someone, [date(2027, 6, 1)], HOUR, 2, weights=Weights(0, 5, 1, 10))
    nobody = best_repeats([], [date(2027, 6, 1)], HOUR, 2)
    assert nobody.slots == (utc(2027, 6, 1, 0), utc(2027, 6, 1, 1)) and nobody.cost == 0


def test_repeats_keep_the_gap_even_when_the_best_times_are_close():
    # Two people an hour apart: without a gap, 09:00 and 10:00 Berlin time; with 3 hours they must be further apart.
    people = [
        person("Europe/Berlin", id="early", work_start=time(9), work_end=time(10)),
        person("Europe/Berlin", id="late", work_start=time(10), work_end=time(11)),
    ]
    close = best_repeats(people, [date(2027, 6, 1)], HOUR, 2)
    assert close.slots == (utc(2027, 6, 1, 7), utc(2027, 6, 1, 8)) and close.cost == 0
    apart = best_repeats(people, [date(2027, 6, 1)], HOUR, 2, min_gap=3 * HOUR)
    assert apart.slots[1] - apart.slots[0] >= 3 * HOUR
    assert apart.cost == 1 and apart.worst == Level.EDGE


# --- rotation --------------------------------------------------------------------------------------------------------


GLOBAL = [
    person(zone, id=f"{zone}-{i}", region=region)
    for region, zones in {
        "Americas": ["America/New_York", "America/Los_Angeles", "America/Sao_Paulo"],
        "Europe/Africa": ["Europe/Berlin", "Europe/London", "Africa/Nairobi"],
        "Asia/Pacific": ["Asia/Kolkata", "Asia/Tokyo", "Australia/Sydney"],
    }.items()
    for zone in zones
    for i in range(2)
]


def eligible_choices(people: list[Person], days: list[date], duration: timedelta, step: timedelta):
    """Per day, the (start, burdened regions) of every start within the rotation's cost slack."""
    per_day = []
    for day in days:
        scores = rank_slots(people, [day], duration, step=step)
        cheapest = scores[0].cost
        per_day.append(
            [
                (s.start, frozenset(r for r, c in s.by_region.items() if r and c.night))
                for s in scores
                if s.cost <= cheapest + ROTATION_SLACK * abs(cheapest)
            ]
        )
    return per_day


@pytest.mark.parametrize("n_days", [3, 4, 5])
def test_rotation_moves_the_night_from_region_to_region(n_days):
    days = [date(2027, 6, 7) + timedelta(days=i) for i in range(n_days)]
    plan = rotation(GLOBAL, days, 90 * timedelta(minutes=1), step=HOUR)
    assert [d.day for d in plan] == days
    burdened = [set(d.burdened_regions) for d in plan]
    for d in plan:
        assert d.start.date() == d.day and d.score.start == d.start
        assert set(d.burdened_regions) == {r for r, c in d.score.by_region.items() if r and c.night}
    # A rotation exists (some eligible choice leaves every region a night-free day), and this is one.
    options = eligible_choices(GLOBAL, days, 90 * timedelta(minutes=1), HOUR)
    assert any(not set.intersection(*(set(b) for _, b in choice)) for choice in itertools.product(*options))
    assert not set.intersection(*burdened)
    # No region bears the night on two days running when another region could take it.
    for today, tomorrow in itertools.pairwise(burdened):
        assert not (today & tomorrow)


@settings(max_examples=25, deadline=None, database=None)
@given(
    people=people_strategy(max_size=6, regions=("A", "B", "C")),
    first=st.sampled_from(DAYS),
    n_days=st.integers(2, 3),
)
def test_rotation_is_as_fair_as_any_eligible_choice(people, first, n_days):
    days = [first + timedelta(days=i) for i in range(n_days)]
    step = timedelta(hours=3)
    plan = rotation(people, days, HOUR, step=step)
    options = eligible_choices(people, days, HOUR, step)
    chosen = [frozenset(d.burdened_regions) for d in plan]
    for day, options_today in zip(plan, options, strict=True):
        assert (day.start, frozenset(day.burdened_regions)) in options_today

    def most_burdened(choice: list[frozenset[str]]) -> int:
        return max((sum(region in b for b in choice) for region in "ABC"), default=0)

    fairest = min(most_burdened([b for _, b in choice]) for choice in itertools.product(*options))
    assert most_burdened(chosen) == fairest


def test_allowed_keeps_only_the_starts_it_accepts():
    from datetime import date, timedelta

    from convener.scheduling import engine

    people = [engine.Person(id="a", zone="Asia/Tokyo"), engine.Person(id="b", zone="Europe/Paris")]
    afternoons = lambda start: start.hour >= 12  # noqa: E731 - UTC afternoons only
    ranked = engine.rank_slots(people, [date(2027, 3, 25)], timedelta(hours=1), allowed=afternoons)
    assert len(ranked) == 48 and all(score.start.hour >= 12 for score in ranked)
    plan = engine.best_repeats(people, [date(2027, 3, 25)], timedelta(hours=1), 2, allowed=afternoons)
    assert all(start.hour >= 12 for start in plan.slots)
    assert all(start.utcoffset() == timedelta(0) for start in plan.slots)
