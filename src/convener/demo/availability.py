"""The demo's availability poll: a follow-up call, answered by 40 people as their own hours suggest."""

from __future__ import annotations

from datetime import timedelta
from random import Random

from convener.availability import services as poll_services
from convener.availability.models import AvailabilityPoll
from convener.demo.base import ORGANISER_EMAIL, PARTICIPANT_EMAIL, at
from convener.people.models import Participant
from convener.program.models import Meeting
from convener.scheduling import engine

Role = Participant.Role


def build_availability_poll(meeting: Meeting, by_email: dict[str, Participant], rng: Random) -> None:
    """An open poll for a follow-up call, answered by some participants as their own hours suggest."""

    organiser = by_email[ORGANISER_EMAIL]
    poll = poll_services.poll_create(
        meeting=meeting,
        created_by=organiser,
        title="Follow-up call of the marine data working group",
        description="Which of these times could you make for a one-hour follow-up after the marine data session?",
        duration_minutes=60,
        starts=[at(29, 8), at(29, 15), at(30, 22), at(31, 7)],
    )
    poll_services.poll_set_status(poll=poll, by=organiser, status=AvailabilityPoll.Status.OPEN)
    options = list(poll.options.all())
    answer_for = {engine.Level.WORKING: "yes", engine.Level.EDGE: "maybe"}
    voters = sorted(
        (p for p in by_email.values() if p.role != Role.GUEST and p.user.email != PARTICIPANT_EMAIL),
        key=lambda p: p.pk,
    )
    for participant in rng.sample(voters, 40):
        person = engine.Person(id=str(participant.pk), zone=participant.time_zone or meeting.time_zone)
        answers = {
            option.pk: answer_for.get(engine.level_for(person, option.starts_at, timedelta(minutes=60)), "no")
            for option in options
        }
        poll_services.poll_answer(poll=poll, participant=participant, answers=answers)
