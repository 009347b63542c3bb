"""Writes of the slot planner: placing a region's session, moving a session to a chosen start."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction

from convener.core import dates
from convener.people.models import Participant, Region
from convener.program import services as program_services
from convener.program.models import Meeting, Session, SessionRole

REGIONAL_GOAL = "To continue node-level discussions in regional groups led by the regional representatives."
REGIONAL_FORMAT = "A 1.5-hour video meeting led by the regional representatives, at a time that suits the region."


@transaction.atomic
def regional_session_place(*, meeting: Meeting, region: Region, starts_at: datetime, duration: timedelta) -> Session:
    """Put the region's session at ``starts_at``: move the existing one or create it, led by the representatives."""
    dates.check_in_window(starts_at, meeting, what="The start time")
    dates.check_in_window(starts_at + duration, meeting, what="The end time")
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
    dates.check_in_window(starts_at, session.meeting, what="The start time")
    length = session.ends_at - session.starts_at
    dates.check_in_window(starts_at + length, session.meeting, what="The end time")
    return program_services.session_update(session=session, starts_at=starts_at, ends_at=starts_at + length)
