"""Reads of a networking session: the grid of rounds and rooms, and one participant's card."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Prefetch

from convener.networking import services
from convener.networking.models import NetworkingPlan, Room, Round, Seat, VideoSettings
from convener.people.models import Participant, Region


def plan_rounds(plan: NetworkingPlan) -> list[Round]:
    """Every round with its rooms and seated people (node, region), in a fixed number of queries."""
    seats = Seat.objects.select_related("participant", "participant__node", "participant__node__region")
    rooms = Room.objects.prefetch_related(Prefetch("seats", queryset=seats))
    return list(plan.round_set.select_related("prompt").prefetch_related(Prefetch("rooms", queryset=rooms)))


def region_classes(meeting_id: int) -> dict[int, int]:
    """Region id -> a colour index 0..7 for the grid, stable by region order."""
    ids = Region.objects.filter(nodes__participants__meeting_id=meeting_id).distinct().order_by("order", "name")
    return {region.pk: index % 8 for index, region in enumerate(ids)}


def region_legend(meeting_id: int) -> list[tuple[int, str]]:
    """(colour index, region name) for the grid's legend, in the same order as ``region_classes``."""
    regions = Region.objects.filter(nodes__participants__meeting_id=meeting_id).distinct().order_by("order", "name")
    return [(index % 8, region.name) for index, region in enumerate(regions)]


@dataclass
class Card:
    """What one participant sees: "Round 2 of 5 · Room 7 · with … · prompt · join"."""

    plan: NetworkingPlan
    round: Round | None
    room: Room | None
    companions: list[Participant]
    link: str
    ends_at: datetime | None
    next_round: Round | None

    @property
    def state(self) -> str:
        if self.plan.status == NetworkingPlan.Status.FINISHED:
            return "finished"
        if self.round is None:
            return "waiting"
        return "in_room" if self.room else "no_room"


def card_for(plan: NetworkingPlan, participant: Participant) -> Card:
    settings = VideoSettings.objects.filter(meeting_id=plan.session.meeting_id).first()
    current = (
        Round.objects.select_related("prompt").filter(plan=plan, number=plan.current_round).first()
        if plan.current_round
        else None
    )
    room = None
    companions: list[Participant] = []
    link = ""
    if current is not None:
        seat = Seat.objects.select_related("room", "room__round").filter(round=current, participant=participant).first()
        if seat is not None:
            room = seat.room
            companions = [
                s.participant
                for s in Seat.objects.filter(room=room)
                .exclude(participant=participant)
                .select_related("participant", "participant__node")
                .order_by("participant__name")
            ]
            link = services.room_link(room, plan.session, settings)
    ends_at = (
        plan.round_started_at + timedelta(minutes=plan.minutes_per_round)
        if plan.round_started_at and current is not None
        else None
    )
    next_round = Round.objects.filter(plan=plan, number=plan.current_round + 1).first()
    return Card(plan, current, room, companions, link, ends_at, next_round)
