"""Reads about people: who a user is in a meeting, and what they may do."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from convener.people.models import Participant

Role = Participant.Role
# Roles that see join links and can take part in every session.
MEMBER_ROLES = frozenset({Role.ORGANISER, Role.FACILITATOR, Role.PRESENTER, Role.PARTICIPANT})


def participant_for(*, user: AbstractBaseUser | AnonymousUser, meeting_id: int) -> Participant | None:
    if not user.is_authenticated:
        return None
    return Participant.objects.select_related("node", "node__region").filter(user=user, meeting_id=meeting_id).first()


def is_organiser(participant: Participant | None) -> bool:
    return participant is not None and participant.role == Role.ORGANISER


def is_member(participant: Participant | None) -> bool:
    return participant is not None and participant.role in MEMBER_ROLES
