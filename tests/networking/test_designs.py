"""Design constructions of the breakout engine (issue 14 item 3): every one a resolvable design, checked here pair
by pair, and the planner reaching the known bound with them in seconds."""

from __future__ import annotations

import itertools
import time

import pytest

from convener.networking.engine import Attendee, RoomSize, geometry, plan_rounds
from convener.networking.engine.rotational1 import one_rotational


def assert_resolvable(v: int, k: int, rounds: list[list[list[int]]], expected_rounds: int) -> None:
    """Every round a partition into rooms of k, no pair twice, every pair once over all rounds."""
    assert len(rounds) == expected_rounds
    seen: set[tuple[int, int]] = set()
    for rnd in rounds:
        assert sorted(x for room in rnd for x in room) == list(range(v))
        assert all(len(room) == k for room in rnd)
        for room in rnd:
            for pair in itertools.combinations(sorted(room), 2):
                assert pair not in seen
                seen.add(pair)
    assert len(seen) == v * (v - 1) // 2


@pytest.mark.parametrize(("v", "k"), [(9, 3), (27, 3), (33, 3), (51, 3), (57, 3), (16, 4), (40, 4), (52, 4), (25, 5)])
def test_one_rotational_designs_are_resolvable_designs(v, k):
    rounds = one_rotational(v, k, time.perf_counter() + 60)
    assert rounds is not None
    assert_resolvable(v, k, rounds, (v - 1) // (k - 1))


@pytest.mark.parametrize(("q", "dim"), [(2, 4), (3, 2), (3, 3), (3, 4), (4, 3), (5, 3), (7, 2), (8, 2)])
def test_affine_spaces_over_every_prime_power_field(q, dim):
    assert_resolvable(q**dim, q, geometry.affine_space(q, dim), (q**dim - 1) // (q - 1))


@pytest.mark.parametrize("n", [2, 4, 10, 16])
def test_round_robin(n):
    assert_resolvable(n, 2, geometry.round_robin(n), n - 1)


@pytest.mark.parametrize("spec", ["11-3-16", "13-4-17", "19-3-28", "27-3-40", "16-4-21", "9-3-13", "10-2-19"])
def test_the_planner_reaches_the_bound_where_a_construction_exists(spec):
    g, s, w = map(int, spec.split("-"))
    plan = plan_rounds([Attendee(f"g{i}") for i in range(g * s)], RoomSize(s, s), w, time_budget=60)
    assert plan.quality.repeat_pairs == 0, plan.method
    assert plan.complete
