"""The breakout-room engine: plain Python with numpy, no Django (see ``planner`` for how a plan is made)."""

from convener.networking.engine.planner import (
    Attendee,
    Group,
    Plan,
    RoomSize,
    Weights,
    plan_rounds,
    quality_of,
    shuffle_into_group,
)

__all__ = ["Attendee", "Group", "Plan", "RoomSize", "Weights", "plan_rounds", "quality_of", "shuffle_into_group"]
