"""Changes an organiser makes to one person of the meeting."""

from __future__ import annotations

from django.db import transaction

from convener.people.models import Participant
from convener.people.services import participant_set_role


@transaction.atomic
def person_update(*, participant: Participant, role: str, **fields: object) -> Participant:
    """Save a person's details; a role change goes through people's rule (never the last organiser)."""
    for name, value in fields.items():
        setattr(participant, name, value)
    participant.full_clean()
    participant.save()
    if role != participant.role:
        participant_set_role(participant=participant, role=role)
    return participant
