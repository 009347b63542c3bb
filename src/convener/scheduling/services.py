"""Writes of the slot planner: placing a region's session, moving a session to a chosen start."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from convener.people.models import Participant, Region
from convener.program import services as program_services
from convener.program.models import Meeting, Session, SessionRole

REGIONAL_GOAL = "To continue node-level discussions in regional groups led by the regional representatives."
REGIONAL_FORMAT = "A 1.5-hour video meeting led by the regional representatives, at a time that suits the region."


@transaction.atomic
def regional_session_place(*, meeting: Meeting, region: Region, starts_at: datetime, duration: timedelta) -> Session:
    """Put the region's session at ``starts_at``: move the existing one or create it, led by the representatives."""
    if starts_at.tzinfo is None:
        raise ValidationError("The start time must carry its time zone.")
    reps = list(Participant.objects.filter(meeting=meeting, represents=region))
    if not reps:
        raise ValidationError(f"{region.name} has no regional representative to lead its session.")
    session = (
        Session.objects.filter(meeting=meeting, kind=Session.Kind.REGIONAL, region=region).order_by("starts_at").first()
    )
    if session is None:
        return program_services.session_create(
            meeting=meeting,
            kind=Session.Kind.REGIONAL,
            region=region,
            title=f"Regional nodes session: {region.name}",
            goal=REGIONAL_GOAL,
            format=REGIONAL_FORMAT,
            starts_at=starts_at,
            ends_at=starts_at + duration,
            people=[(rep, SessionRole.Role.FACILITATOR) for rep in reps],
        )
    return session_move(session=session, starts_at=starts_at)


@transaction.atomic
def session_move(*, session: Session, starts_at: datetime) -> Session:
    """Move a session to a new start, keeping its length; logged as moved in the change feed."""
    if starts_at.tzinfo is None:
        raise ValidationError("The start time must carry its time zone.")
    length = session.ends_at - session.starts_at
    return program_services.session_update(session=session, starts_at=starts_at, ends_at=starts_at + length)
