"""Writes about people: registering for a meeting, changing one's zone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from convener.people.models import Node, Participant, Region

if TYPE_CHECKING:  # people sits below program: the type only, never the module at run time
    from convener.program.models import Meeting


@transaction.atomic
def participant_register(
    *,
    meeting: Meeting,
    user: AbstractBaseUser,
    name: str,
    node: Node | None,
    time_zone: str,
    languages: list[str],
) -> Participant:
    """Sign a user up for a meeting; the meeting's registration mode sets the role (or refuses)."""
    if not meeting.open_to_sign_up:
        raise ValidationError(
            f"{meeting.name} takes no sign-ups: "
            + ("the organisers invite its participants." if meeting.registration == "invite" else "it is closed.")
        )
    if Participant.objects.filter(meeting=meeting, user=user).exists():
        raise ValidationError("You are already registered for this meeting.")
    role = Participant.Role.PARTICIPANT if meeting.registration == meeting.Registration.OPEN else Participant.Role.GUEST
    participant = Participant(
        meeting=meeting,
        user=user,
        name=name.strip(),
        node=node,
        role=role,
        time_zone=time_zone,
        languages=languages,
    )
    participant.full_clean()
    participant.save()
    return participant


@transaction.atomic
def participant_set_time_zone(*, user: AbstractBaseUser, time_zone: str) -> int:
    """Remember a signed-in user's zone on every meeting they take part in."""
    from convener.core.timezones import validate_time_zone

    validate_time_zone(time_zone)
    return Participant.objects.filter(user=user).update(time_zone=time_zone)


@transaction.atomic
def node_create(*, name: str, region: Region, kind: str, country: str = "") -> Node:
    node = Node(name=name.strip(), region=region, kind=kind, country=country)
    node.full_clean()
    node.save()
    return node


@transaction.atomic
def participant_set_role(*, participant: Participant, role: str) -> Participant:
    """Change a participant's role; organisers get the admin, former organisers lose it.

    A meeting never loses its last organiser.
    """
    from convener.people.access import organiser_access_sync

    if role not in Participant.Role.values:
        raise ValidationError(f"Unknown role {role!r}; choose one of {', '.join(Participant.Role.values)}.")
    if participant.role == Participant.Role.ORGANISER and role != Participant.Role.ORGANISER:
        others = (
            Participant.objects.select_for_update()
            .filter(meeting_id=participant.meeting_id, role=Participant.Role.ORGANISER)
            .exclude(pk=participant.pk)
        )
        if not others.exists():
            raise ValidationError(
                f"{participant.name} is the meeting's only organiser; make someone else an organiser first."
            )
    participant.role = role
    participant.full_clean()
    participant.save(update_fields=["role"])
    organiser_access_sync(participant.user)
    return participant
