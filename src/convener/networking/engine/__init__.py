"""The breakout-room engine: plain Python with numpy, no Django.

``planner.plan_rounds`` says how a plan is made; the parts, from the bottom up:

- ``model``: Attendee, RoomSize, Weights, Quality, Plan, and the arithmetic of room sizes;
- ``problem``: the problem in numpy arrays; ``state``: one plan under search, its cost, scored swaps;
- ``geometry`` (finite fields, the grid, affine spaces AG(m, q), projective designs, round robin), ``designs``
  (Latin squares, cyclic constructions found by search) and ``rotational1`` (1-rotational resolvable designs:
  Kirkman triple systems, rooms of 4), which ``starts`` chooses from, with the greedy construction and language
  classes;
- ``languages``: language communities, planned one by one when the attendees share no language;
- ``tabu``: the local search; ``exact``: repeats only once unavoidable, with an exact search for one round;
  ``smallest``: the best plan for up to 12 people, exactly (which proves a plan with repeats the minimum);
- ``quality``: the figures of a plan; ``shuffle``: the icebreaker's groups.

Callers import from here.
"""

from convener.networking.engine.model import Attendee, Plan, RoomSize, Weights
from convener.networking.engine.planner import check_input, plan_rounds
from convener.networking.engine.quality import quality_of
from convener.networking.engine.shuffle import Group, shuffle_into_group

__all__ = [
    "Attendee",
    "Group",
    "Plan",
    "RoomSize",
    "Weights",
    "check_input",
    "plan_rounds",
    "quality_of",
    "shuffle_into_group",
]
