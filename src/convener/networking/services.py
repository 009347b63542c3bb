"""Writes of the networking session: set-up, planning rounds with the engine, running them live."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from convener.core import csv
from convener.core.live import broadcast_on_commit, group_name
from convener.networking import engine
from convener.networking.models import NetworkingPlan, Prompt, Room, Round, Seat, VideoSettings
from convener.people.models import Participant
from convener.people.selectors import MEMBER_ROLES
from convener.program.models import Session, Star

ZOOM_MAX_ROOMS = 100
ZOOM_MAX_PEOPLE = 1000
ZOOM_HEADER = ["Pre-assign Room Name", "Email Address"]


def live_group(session_id: int) -> str:
    """Every participant's card of a networking session listens here, from before the rounds are planned."""
    return group_name("networking", session_id)


def _cards_changed(plan: NetworkingPlan) -> None:
    broadcast_on_commit(live_group(plan.session_id), {"type": "round.changed", "plan": plan.pk})


def _require_organiser(session: Session, by: Participant | None) -> None:
    if by is None or by.meeting_id != session.meeting_id or by.role != Participant.Role.ORGANISER:
        raise PermissionDenied("Only the meeting's organisers run networking sessions.")


@transaction.atomic
def plan_configure(
    *,
    session: Session,
    by: Participant | None,
    rounds: int,
    minutes_per_round: int,
    room_min: int,
    room_max: int,
) -> NetworkingPlan:
    _require_organiser(session, by)
    plan, _ = NetworkingPlan.objects.select_for_update().get_or_create(session=session)
    if plan.status in {NetworkingPlan.Status.RUNNING, NetworkingPlan.Status.FINISHED} and rounds < plan.current_round:
        raise ValidationError(f"{plan.current_round} rounds have started already; plan at least that many.")
    plan.rounds, plan.minutes_per_round, plan.room_min, plan.room_max = rounds, minutes_per_round, room_min, room_max
    plan.full_clean()
    plan.save()
    _cards_changed(plan)
    return plan


def attendees(plan: NetworkingPlan) -> list[Participant]:
    """Who takes part: those who put the session on their agenda, else every member of the meeting."""
    base = Participant.objects.filter(meeting_id=plan.session.meeting_id, role__in=MEMBER_ROLES).select_related(
        "node", "node__region"
    )
    starred = base.filter(pk__in=Star.objects.filter(session=plan.session).values("participant_id"))
    return list(starred if starred.exists() else base)


def _engine_attendee(participant: Participant) -> engine.Attendee:
    return engine.Attendee(
        id=str(participant.pk),
        node=participant.node.name if participant.node_id else f"no-node-{participant.pk}",
        region=participant.node.region.name if participant.node_id else "",
        languages=frozenset(participant.languages or ["en"]),
    )


def _played(plan: NetworkingPlan) -> list[list[list[str]]]:
    rounds: dict[int, dict[int, list[str]]] = {}
    for seat in Seat.objects.filter(round__plan=plan, round__number__lte=plan.current_round).select_related(
        "room", "round"
    ):
        rounds.setdefault(seat.round.number, {}).setdefault(seat.room.number, []).append(str(seat.participant_id))
    return [list(rooms.values()) for _, rooms in sorted(rounds.items())]


@transaction.atomic
def plan_generate(*, plan: NetworkingPlan, by: Participant | None, time_budget: float = 2.0) -> NetworkingPlan:
    """Plan every round not yet started, avoiding everyone already met in the rounds played.

    Run again between rounds when people join or leave: played rounds stay as they were.
    """
    _require_organiser(plan.session, by)
    plan = NetworkingPlan.objects.select_for_update().select_related("session").get(pk=plan.pk)
    remaining = plan.rounds - plan.current_round
    if remaining < 1:
        raise ValidationError("Every round has started; there is nothing left to plan.")
    people = attendees(plan)
    by_id = {str(p.pk): p for p in people}
    try:
        result = engine.plan_rounds(
            [_engine_attendee(p) for p in people],
            engine.RoomSize(plan.room_min, plan.room_max),
            remaining,
            played=_played(plan),
            seed=plan.seed,
            time_budget=time_budget,
        )
    except ValueError as exc:
        raise ValidationError(str(exc)) from None
    Round.objects.filter(plan=plan, number__gt=plan.current_round).delete()
    prompts = list(Prompt.objects.filter(meeting_id=plan.session.meeting_id))
    for offset, rooms in enumerate(result.rounds, start=1):
        number = plan.current_round + offset
        prompt = prompts[(number - 1) % len(prompts)] if prompts else None
        round_ = Round.objects.create(plan=plan, number=number, prompt=prompt)
        for room_number, members in enumerate(rooms, start=1):
            room = Room.objects.create(round=round_, number=room_number)
            Seat.objects.bulk_create(Seat(room=room, round=round_, participant=by_id[pid]) for pid in members)
    quality = result.quality
    plan.quality = {
        "repeat_pairs": quality.repeat_pairs,
        "same_node_pairs": quality.same_node_pairs,
        "mean_regions_per_room": round(quality.mean_regions_per_room, 2),
        "min_regions_per_room": quality.min_regions_per_room,
        "unmet_people": quality.unmet_people,
        "language_violations": quality.language_violations,
        "people": len(people),
        "seconds": round(result.seconds, 3),
        "complete": result.complete,
    }
    if plan.status == NetworkingPlan.Status.SETUP:
        plan.status = NetworkingPlan.Status.PLANNED
    plan.save()
    _cards_changed(plan)
    return plan


@transaction.atomic
def round_start_next(*, plan: NetworkingPlan, by: Participant | None) -> NetworkingPlan:
    """Start the next round (or finish the session after the last); every screen hears of it after commit."""
    _require_organiser(plan.session, by)
    plan = NetworkingPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == NetworkingPlan.Status.SETUP:
        raise ValidationError("Plan the rounds before starting them.")
    if plan.status == NetworkingPlan.Status.FINISHED:
        raise ValidationError("This networking session has finished.")
    now = timezone.now()
    if plan.current_round >= plan.rounds:
        plan.status = NetworkingPlan.Status.FINISHED
    else:
        next_round = Round.objects.filter(plan=plan, number=plan.current_round + 1).first()
        if next_round is None:
            raise ValidationError(f"Round {plan.current_round + 1} is not planned yet: plan the rounds again.")
        plan.current_round = next_round.number
        plan.status = NetworkingPlan.Status.RUNNING
        next_round.started_at = now
        next_round.save(update_fields=["started_at"])
    plan.round_started_at = now
    plan.save()
    _cards_changed(plan)
    return plan


def video_link(session: Session, settings: VideoSettings | None, room_name: str) -> str:
    """Where people join a breakout room: the Jitsi room ``<meeting>-<room_name>`` (the name carries an unguessable
    token), or with Zoom the session's own link (rooms are Zoom's breakout rooms)."""
    if settings is not None and settings.provider == VideoSettings.Provider.ZOOM:
        return session.join_link
    base = (settings.jitsi_base_url if settings else "https://meet.jit.si").rstrip("/")
    return f"{base}/{session.meeting.slug}-{room_name}"


def room_link(room: Room, session: Session, settings: VideoSettings | None) -> str:
    """Where a participant joins their room in a round."""
    return video_link(session, settings, f"r{room.round.number}-{room.number}-{room.token}")


def zoom_room_name(room: Room) -> str:
    return f"Round {room.round.number} Room {room.number}"


def zoom_csv(round_: Round) -> str:
    """The breakout pre-assignment file exactly as Zoom imports it: one row per participant."""
    rooms = list(round_.rooms.prefetch_related("seats__participant__user"))
    people = sum(len(room.seats.all()) for room in rooms)
    if len(rooms) > ZOOM_MAX_ROOMS:
        raise ValidationError(
            f"Round {round_.number} has {len(rooms)} rooms; Zoom imports at most {ZOOM_MAX_ROOMS} per file."
        )
    if people > ZOOM_MAX_PEOPLE:
        raise ValidationError(
            f"Round {round_.number} has {people} people; Zoom imports at most {ZOOM_MAX_PEOPLE} per file."
        )
    body = [ZOOM_HEADER] + [
        [zoom_room_name(room), seat.participant.user.email] for room in rooms for seat in room.seats.all()
    ]
    return csv.to_text(body, lineterminator="\r\n")


# --- the prompt bank --------------------------------------------------------------------------------------------------

PROMPT_MAX = 300


def _prompt_text(text: str) -> str:
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError("Write the prompt: a question to start the conversation.")
    if len(text) > PROMPT_MAX:
        raise ValidationError(f"A prompt has at most {PROMPT_MAX} characters (this one has {len(text)}).")
    return text


def _require_meeting_organiser(meeting_id: int, by: Participant | None) -> None:
    if by is None or by.meeting_id != meeting_id or by.role != Participant.Role.ORGANISER:
        raise PermissionDenied("Only the meeting's organisers edit the prompt bank.")


@transaction.atomic
def prompt_add(*, meeting_id: int, by: Participant | None, text: str) -> Prompt:
    _require_meeting_organiser(meeting_id, by)
    text = _prompt_text(text)
    if Prompt.objects.filter(meeting_id=meeting_id, text=text).exists():
        raise ValidationError("This prompt is in the bank already.")
    last = Prompt.objects.filter(meeting_id=meeting_id).order_by("-order").values_list("order", flat=True).first()
    return Prompt.objects.create(meeting_id=meeting_id, text=text, order=(last or 0) + 1)


@transaction.atomic
def prompt_update(*, prompt: Prompt, by: Participant | None, text: str) -> Prompt:
    _require_meeting_organiser(prompt.meeting_id, by)
    prompt.text = _prompt_text(text)
    prompt.save(update_fields=["text"])
    return prompt


@transaction.atomic
def prompt_delete(*, prompt: Prompt, by: Participant | None) -> None:
    """Remove a prompt from the bank; rounds that used it keep going without one."""
    _require_meeting_organiser(prompt.meeting_id, by)
    prompt.delete()


@transaction.atomic
def round_set_prompt(*, round_: Round, by: Participant | None, prompt: Prompt | None) -> Round:
    """Choose the prompt of a round that has not started yet (or none); screens of a running round keep theirs."""
    plan = round_.plan
    _require_organiser(plan.session, by)
    if round_.number <= plan.current_round:
        raise ValidationError(f"Round {round_.number} has started; its prompt stays as it was.")
    if prompt is not None and prompt.meeting_id != plan.session.meeting_id:
        raise ValidationError("This prompt belongs to another meeting.")
    round_.prompt = prompt
    round_.save(update_fields=["prompt"])
    return round_


def meeting_video_link(session: Session, room_name: str) -> str:
    """A breakout room's link with the meeting's video settings, for another app's rooms (the game show's team)."""
    return video_link(session, VideoSettings.objects.filter(meeting_id=session.meeting_id).first(), room_name)
