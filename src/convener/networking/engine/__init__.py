"""The breakout-room engine: plain Python with numpy, no Django (see ``planner`` for how a plan is made)."""

from convener.networking.engine.model import Attendee, Plan, RoomSize, Weights
from convener.networking.engine.planner import plan_rounds
from convener.networking.engine.quality import quality_of
from convener.networking.engine.shuffle import Group, shuffle_into_group

__all__ = ["Attendee", "Group", "Plan", "RoomSize", "Weights", "plan_rounds", "quality_of", "shuffle_into_group"]
