"""The breakout planner (no Django): coverage and sizes for any head count, no repeat while a round without one
exists, re-planning after joins and leaves, languages, determinism, designs, figures, the icebreaker.

The reference for "while a round without a repeat exists" is a brute force written here: every partition of
the people into rooms of the allowed sizes, for up to ten people.
"""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from convener.networking.engine import (
    Attendee,
    Group,
    Plan,
    RoomSize,
    Weights,
    geometry,
    plan_rounds,
    quality_of,
    shuffle_into_group,
)

# Generous: the engine stops as soon as the plan is clean; the budget only matters on a loaded machine.
BUDGET = 30.0
FAST = settings(max_examples=50, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


def people(n: int, prefix: str = "p") -> list[Attendee]:
    return [Attendee(f"{prefix}{i}") for i in range(n)]


def splittable(n: int, lo: int, hi: int) -> bool:
    return n == 0 or any(k * lo <= n <= k * hi for k in range(1, n // lo + 1))


def pairs_of(room: tuple[str, ...] | list[str]) -> list[frozenset[str]]:
    return [frozenset(p) for p in itertools.combinations(room, 2)]


def check_rounds(plan: Plan, ids: list[str], size: RoomSize) -> None:
    """Everyone exactly once per round, every room within the size range."""
    for rnd in plan.rounds:
        assert sorted(x for room in rnd for x in room) == sorted(ids)
        assert all(size.min <= len(room) <= size.max for room in rnd), [len(room) for room in rnd]


def round_without_repeat_exists(ids: list[str], met: set[frozenset[str]], lo: int, hi: int) -> bool:
    """Brute force: some partition of ``ids`` into rooms of lo..hi in which no pair has met."""

    def rec(left: list[str]) -> bool:
        if not left:
            return True
        first, rest = left[0], left[1:]
        for size in range(lo, hi + 1):
            for others in itertools.combinations(rest, size - 1):
                room = (first, *others)
                if any(p in met for p in pairs_of(room)):
                    continue
                remaining = [x for x in rest if x not in others]
                if splittable(len(remaining), lo, hi) and rec(remaining):
                    return True
        return False

    return rec(sorted(ids))


def first_repeat(plan_rounds_: tuple[tuple[tuple[str, ...], ...], ...], met: set[frozenset[str]]) -> int | None:
    met = set(met)
    for r, rnd in enumerate(plan_rounds_):
        pairs = [p for room in rnd for p in pairs_of(room)]
        if any(p in met for p in pairs):
            return r
        met.update(pairs)
    return None


# --- any head count, any size range -----------------------------------------------------------------------------------


@st.composite
def small_meetings(draw: st.DrawFn) -> tuple[int, RoomSize, int]:
    lo = draw(st.integers(2, 4))
    hi = draw(st.integers(lo, lo + 2))
    n = draw(st.integers(lo, 10).filter(lambda n: splittable(n, lo, hi)))
    return n, RoomSize(lo, hi), draw(st.integers(1, 3))


@FAST
@given(small_meetings(), st.integers(0, 3))
def test_everyone_once_per_round_in_sizes_and_no_repeat_while_a_round_without_one_exists(meeting, seed):
    n, size, rounds = meeting
    attendees = people(n)
    ids = [a.id for a in attendees]
    plan = plan_rounds(attendees, size, rounds, seed=seed, time_budget=BUDGET)
    assert len(plan.rounds) == rounds
    check_rounds(plan, ids, size)
    r = first_repeat(plan.rounds, set())
    if r is not None:
        met = {p for rnd in plan.rounds[:r] for room in rnd for p in pairs_of(room)}
        assert not round_without_repeat_exists(ids, met, size.min, size.max), (r, plan.rounds)
        assert plan.quality.clean_rounds == r
    else:
        assert plan.quality.repeat_pairs == 0 and plan.quality.clean_rounds == rounds


@st.composite
def larger_meetings(draw: st.DrawFn) -> tuple[int, RoomSize, int]:
    lo = draw(st.integers(2, 5))
    hi = draw(st.integers(lo, lo + 3))
    n = draw(st.integers(11, 90).filter(lambda n: splittable(n, lo, hi)))
    return n, RoomSize(lo, hi), draw(st.integers(1, 4))


def clean_grid_exists(n: int, size: RoomSize, rounds: int) -> bool:
    """Whether this test can show a plan without repeats: k rooms, people in ceil(n / k) layers of k, the person in
    layer a, column b in room (b + t * a) mod k in round t. Two people of layers a != a' meet in round t when
    t * (a' - a) = b - b' (mod k): at most once over the rounds when (t1 - t2) * d is never 0 mod k, that is when
    no d < layers and no t < rounds have a product divisible by k (room sizes differ by at most one)."""
    for k in range(-(-n // size.max), n // size.min + 1):
        layers = -(-n // k)
        if all((t * d) % k for t in range(1, rounds) for d in range(1, layers)):
            return True
    return False


@FAST
@given(larger_meetings(), st.integers(0, 3))
def test_larger_meetings_cover_everyone_in_sizes_and_meet_nobody_twice_when_that_is_possible(meeting, seed):
    n, size, rounds = meeting
    attendees = people(n)
    plan = plan_rounds(attendees, size, rounds, seed=seed, time_budget=BUDGET)
    check_rounds(plan, [a.id for a in attendees], size)
    if clean_grid_exists(n, size, rounds):
        assert plan.quality.repeat_pairs == 0, (n, size, rounds, plan.method)


def test_seven_people_in_rooms_of_three_to_five_is_three_and_four():
    plan = plan_rounds(people(7), RoomSize(3, 5), 1)
    assert sorted(len(room) for room in plan.rounds[0]) == [3, 4]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"attendees": people(2), "size": RoomSize(3, 5), "rounds": 1}, "2 people cannot be split into rooms of 3-5"),
        ({"attendees": people(11), "size": RoomSize(6, 6), "rounds": 1}, "cannot be split into rooms of 6-6"),
        ({"attendees": [], "size": RoomSize(3, 5), "rounds": 1}, "0 people cannot be split"),
        ({"attendees": people(6), "size": RoomSize(1, 3), "rounds": 1}, "at least 2 people"),
        ({"attendees": people(6), "size": RoomSize(4, 3), "rounds": 1}, "larger than size.max"),
        ({"attendees": people(6), "size": RoomSize(2, 3), "rounds": 0}, "rounds must be at least 1"),
        ({"attendees": [*people(4), Attendee("p1")], "size": RoomSize(2, 3), "rounds": 1}, "repeated: p1"),
        (
            {"attendees": people(6), "size": RoomSize(2, 3), "rounds": 1, "played": [[["a", "b"], ["b"]]]},
            "played round 1 has b in two rooms",
        ),
        ({"attendees": people(6), "size": RoomSize(2, 3), "rounds": 1, "prefer": 5}, "outside 2-3"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(kwargs, message):
    with pytest.raises(ValueError, match=message):
        plan_rounds(**kwargs)


# --- re-planning ------------------------------------------------------------------------------------------------------


@FAST
@given(
    st.integers(16, 60),
    st.integers(1, 2),
    st.integers(0, 4),
    st.integers(0, 6),
    st.integers(0, 2**16),
)
def test_replanning_after_joins_and_leaves_keeps_the_played_rounds_and_still_avoids_repeats(
    n, played_n, leave, join, seed
):
    size = RoomSize(3, 5)
    first = plan_rounds(people(n), size, played_n + 1, seed=seed, time_budget=BUDGET)
    played = [[list(room) for room in rnd] for rnd in first.rounds[:played_n]]
    rng = random.Random(seed)
    gone = set(rng.sample([f"p{i}" for i in range(n)], leave))
    here = [a for a in people(n) if a.id not in gone] + people(join, prefix="new")
    plan = plan_rounds(here, size, 2, played=played, seed=seed, time_budget=BUDGET)
    check_rounds(plan, [a.id for a in here], size)
    met = {p for rnd in played for room in rnd for p in pairs_of(room)}
    assert first_repeat(plan.rounds, met) is None
    assert plan.quality.repeat_pairs == 0 and plan.quality.unmet_people == 0


def test_people_who_left_may_appear_in_played_rounds_and_newcomers_have_no_history():
    played = [[["a", "b", "c"], ["d", "e", "f"]]]
    here = [Attendee(x) for x in "abdeg"] + [Attendee("h")]
    plan = plan_rounds(here, RoomSize(2, 3), 1, played=played)
    met = {frozenset(p) for room in played[0] for p in itertools.combinations(room, 2)}
    assert all(p not in met for room in plan.rounds[0] for p in pairs_of(room))


def test_a_repeat_is_counted_against_the_played_rounds():
    played = [[["a", "b"], ["c", "d"]]]
    q = quality_of([Attendee(x) for x in "abcd"], [[["a", "b"], ["c", "d"]]], played=played)
    assert (q.repeat_pairs, q.unmet_people, q.clean_rounds, q.new_meetings) == (2, 4, 0, 0)


# --- languages --------------------------------------------------------------------------------------------------------


def test_every_room_shares_a_language():
    rng = random.Random(5)
    attendees = []
    for i in range(48):
        langs = rng.choice([{"en"}, {"en"}, {"en", "fr"}, {"fr"}, {"fr", "es"}, {"es", "en"}])
        attendees.append(Attendee(f"p{i}", node=f"n{i % 12}", languages=frozenset(langs)))
    plan = plan_rounds(attendees, RoomSize(3, 5), 3, seed=1, time_budget=BUDGET)
    by_id = {a.id: a for a in attendees}
    check_rounds(plan, list(by_id), RoomSize(3, 5))
    for rnd in plan.rounds:
        for room in rnd:
            assert frozenset.intersection(*(by_id[x].languages for x in room)), room
    assert plan.quality.language_violations == 0


def test_someone_nobody_can_talk_to_is_still_placed_and_reported():
    attendees = [*people(8), Attendee("solo", languages=frozenset({"de"}))]
    plan = plan_rounds(attendees, RoomSize(3, 4), 1)
    check_rounds(plan, [a.id for a in attendees], RoomSize(3, 4))
    assert plan.quality.language_violations == 1


def test_people_without_the_main_language_get_a_community_of_their_own_and_nobody_meets_twice():
    """Like the demo: most speak English, some only Spanish or French, two only Uzbek (too few for rooms of 3)."""
    attendees = [Attendee(f"en{i}", node=f"n{i % 20}", region=f"r{i % 5}") for i in range(60)]
    attendees += [Attendee(f"es{i}", node=f"es-n{i % 6}", region="la", languages=frozenset({"es"})) for i in range(12)]
    attendees += [Attendee(f"es-en{i}", node=f"n{i}", region="eu", languages=frozenset({"es", "en"})) for i in range(8)]
    attendees += [Attendee(f"fr{i}", node=f"fr-n{i % 4}", region="af", languages=frozenset({"fr"})) for i in range(8)]
    attendees += [Attendee(f"fr-en{i}", node=f"n{i + 8}", languages=frozenset({"fr", "en"})) for i in range(8)]
    attendees += [Attendee(f"uz{i}", node="uz", region="eu", languages=frozenset({"uz"})) for i in range(2)]
    plan = plan_rounds(attendees, RoomSize(3, 5), 4, seed=3, time_budget=30)
    by_id = {a.id: a for a in attendees}
    check_rounds(plan, list(by_id), RoomSize(3, 5))
    assert (plan.quality.repeat_pairs, plan.quality.same_node_pairs) == (0, 0)
    uzbek_rooms = 0
    for rnd in plan.rounds:
        for room in rnd:
            if any(x.startswith("uz") for x in room):
                uzbek_rooms += 1
            else:
                assert frozenset.intersection(*(by_id[x].languages for x in room)), room
    assert plan.quality.language_violations == uzbek_rooms
    assert plan.method.startswith("language communities")


@FAST
@given(
    st.lists(st.sets(st.sampled_from(["en", "es", "fr", "uz"]), max_size=3), min_size=4, max_size=40),
    st.integers(2, 4),
    st.integers(1, 4),
    st.integers(0, 3),
)
def test_any_mix_of_languages_puts_everyone_in_one_room_per_round(language_sets, lo, rounds, seed):
    size = RoomSize(lo, lo + 2)
    attendees = [
        Attendee(f"p{i}", node=f"n{i % 5}", languages=frozenset(langs)) for i, langs in enumerate(language_sets)
    ]
    if not splittable(len(attendees), size.min, size.max):
        return
    plan = plan_rounds(attendees, size, rounds, seed=seed, time_budget=BUDGET)
    check_rounds(plan, [a.id for a in attendees], size)


# --- determinism ------------------------------------------------------------------------------------------------------


def test_the_same_seed_gives_the_same_plan():
    attendees = [Attendee(f"p{i}", node=f"n{i % 7}", region=f"r{i % 3}") for i in range(40)]
    a = plan_rounds(attendees, RoomSize(3, 5), 4, seed=11, time_budget=20)
    b = plan_rounds(attendees, RoomSize(3, 5), 4, seed=11, time_budget=20)
    assert a.complete and b.complete
    assert a.rounds == b.rounds and a.quality == b.quality


@settings(max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(4, 24), st.integers(0, 100))
def test_plans_are_deterministic_for_a_seed(n, seed):
    size = RoomSize(2, 4)
    attendees = [Attendee(f"p{i}", node=f"n{i % 4}", region=f"r{i % 2}") for i in range(n)]
    a = plan_rounds(attendees, size, 3, seed=seed, time_budget=30)
    b = plan_rounds(attendees, size, 3, seed=seed, time_budget=30)
    assert a.complete and a.rounds == b.rounds


# --- soft constraints and figures -------------------------------------------------------------------------------------


def test_a_realistic_meeting_mixes_nodes_and_regions():
    rng = random.Random(3)
    region_of = {f"n{j}": f"r{j % 6}" for j in range(30)}
    attendees = []
    for i in range(90):
        node = f"n{rng.randrange(30)}"
        attendees.append(Attendee(f"p{i}", node=node, region=region_of[node]))
    plan = plan_rounds(attendees, RoomSize(4, 6), 4, seed=2, time_budget=BUDGET)
    q = plan.quality
    assert q.repeat_pairs == 0 and q.same_node_pairs == 0 and q.unmet_people == 0
    assert q.mean_regions_per_room >= 4.5 and q.min_regions_per_room >= 4


def test_quality_figures_on_a_small_plan():
    attendees = [
        Attendee("a", node="x", region="eu", interests=frozenset({"ai"})),
        Attendee("b", node="x", region="eu", interests=frozenset({"ai"})),
        Attendee("c", node="y", region="af", languages=frozenset({"fr"})),
        Attendee("d", node="z", region="eu"),
    ]
    q = quality_of(attendees, [[["a", "b"], ["c", "d"]], [["a", "c"], ["b", "d"]], [["a", "b"], ["c", "d"]]])
    # Same node: a-b twice; same region: a-b twice and b-d once; interests: a-b twice; c-d never share a language.
    assert q.same_node_pairs == 2
    assert q.repeat_pairs == 2
    assert q.language_violations == 3  # c speaks only French: c-d twice, a-c once
    assert q.cost == pytest.approx(2 * 10 + 3 * 1 + 2 * -0.5)
    assert q.unmet_people == 4  # in round 3 everyone meets an old acquaintance only
    assert (q.min_regions_per_room, q.mean_regions_per_room) == (1, pytest.approx(9 / 6))
    assert q.clean_rounds == 2 and q.new_meetings == 4


def test_the_plan_reports_its_own_figures():
    attendees = [Attendee(f"p{i}", node=f"n{i % 5}", region=f"r{i % 3}") for i in range(30)]
    plan = plan_rounds(attendees, RoomSize(3, 4), 3, seed=4)
    rounds = [[list(room) for room in rnd] for rnd in plan.rounds]
    assert plan.quality == quality_of(attendees, rounds)


def test_weights_change_the_plan():
    attendees = [Attendee(f"p{i}", node=f"n{i % 3}") for i in range(12)]
    plan = plan_rounds(attendees, RoomSize(3, 3), 1, weights=Weights(same_node=-5.0), seed=1, time_budget=5)
    assert plan.quality.same_node_pairs == 9  # now a bonus: three rooms of one node (4 per node, rooms of 3)


# --- social golfers: designs ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("spec", ["4-4-5", "5-3-7", "8-4-9", "8-3-11", "5-5-6", "3-3-4"])
def test_social_golfer_instances_with_a_design_reach_their_bound(spec):
    g, s, w = map(int, spec.split("-"))
    plan = plan_rounds(people(g * s), RoomSize(s, s), w, time_budget=10)
    assert plan.quality.repeat_pairs == 0, plan.method
    assert plan.method != "greedy"  # a design (or the grid) made it; bench/matching.py measures how fast


@pytest.mark.parametrize("q", [2, 3, 4, 5, 7, 8, 9])
def test_finite_fields(q):
    f = geometry.Field(q)
    for a in range(q):
        assert f.add[a][f.neg[a]] == 0
        if a:
            assert f.mul[a][f.inv[a]] == 1
        for b in range(q):
            for c in range(q):
                assert f.mul[a][f.add[b][c]] == f.add[f.mul[a][b]][f.mul[a][c]]


def test_the_grid_meets_nobody_twice_when_it_says_so():
    for n, k, rounds in [(150, 30, 6), (2000, 400, 6), (25, 5, 6), (64, 8, 8), (49, 7, 7), (23, 5, 5)]:
        layers = -(-n // k)
        plan = geometry.grid(n, k, rounds)
        seen: set[tuple[int, int]] = set()
        repeats = 0
        for rnd in plan:
            assert sorted(x for room in rnd for x in room) == list(range(n))
            assert max(map(len, rnd)) - min(map(len, rnd)) <= 1
            for room in rnd:
                for pair in itertools.combinations(sorted(room), 2):
                    repeats += pair in seen
                    seen.add(pair)
        assert (repeats == 0) >= geometry.grid_is_clean(k, layers, rounds), (n, k, rounds)


# --- the icebreaker ---------------------------------------------------------------------------------------------------


def test_shuffle_me_finds_people_not_met_with_a_shared_language_and_mixed_nodes():
    newcomer = Attendee("me", node="x", region="eu", languages=frozenset({"en", "fr"}))
    waiting = [
        Attendee("old", node="y"),  # already met
        Attendee("mate", node="x"),  # same node as the newcomer
        Attendee("fr", node="z", languages=frozenset({"fr"})),
        Attendee("en1", node="w"),
        Attendee("en2", node="v", region="af"),
        Attendee("en3", node="u"),
    ]
    met = {frozenset({"me", "old"}), frozenset({"en1", "en2"})}
    group = shuffle_into_group(newcomer, waiting, met, size=RoomSize(3, 4), seed=1)
    assert isinstance(group, Group)
    assert group.members[0] == "me" and 3 <= len(group.members) <= 4
    assert "old" not in group.members and "mate" not in group.members
    assert all(frozenset(p) not in met for p in itertools.combinations(group.members, 2))
    by_id = {a.id: a for a in [newcomer, *waiting]}
    assert frozenset.intersection(*(by_id[x].languages for x in group.members))
    assert group.prompt


def test_shuffle_me_waits_when_too_few_people_are_free():
    newcomer = Attendee("me")
    assert shuffle_into_group(newcomer, [Attendee("a")], set(), size=RoomSize(3, 4)) is None
    assert (
        shuffle_into_group(newcomer, [Attendee("a"), Attendee("b")], {frozenset({"me", "a"})}, size=RoomSize(3, 4))
        is None
    )
    group = shuffle_into_group(newcomer, [Attendee("a"), Attendee("b")], set(), size=RoomSize(3, 4))
    assert group is not None and group.members == ("me", "a", "b")
