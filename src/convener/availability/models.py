"""Availability polls: an organiser proposes start times, participants answer yes / if need be / no.

Every time is stored in UTC; pages show it in the viewer's zone, so a
participant who moves sees the same instant at the new local hour.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

if TYPE_CHECKING:
    from convener.program.models import Meeting

MIN_DURATION = 15
MAX_DURATION = 480
MAX_OPTIONS = 40


def start_outside_meeting(meeting: Meeting, starts_at: datetime) -> str | None:
    """Why ``starts_at`` cannot be proposed for ``meeting``, or None when it is on one of its days.

    The day is the day in the meeting's own zone, as for sessions. The reason
    reads after a time: "falls on 02 Apr 2027 in Europe/Copenhagen, outside …".
    """
    local_day = starts_at.astimezone(meeting.zone).date()
    if meeting.start_date <= local_day <= meeting.end_date:
        return None
    return (
        f"falls on {local_day:%d %b %Y} in {meeting.time_zone}, outside the meeting's dates "
        f"{meeting.start_date:%d %b} to {meeting.end_date:%d %b %Y}."
    )


class AvailabilityPoll(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    meeting = models.ForeignKey("program.Meeting", on_delete=models.CASCADE, related_name="polls")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    duration_minutes = models.PositiveSmallIntegerField(
        default=60,
        validators=[
            MinValueValidator(MIN_DURATION, f"A slot lasts at least {MIN_DURATION} minutes."),
            MaxValueValidator(MAX_DURATION, f"A slot lasts at most {MAX_DURATION} minutes (8 hours)."),
        ],
    )
    session = models.ForeignKey(
        "program.Session",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="polls",
        help_text="The session this poll plans, if any.",
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        "people.Participant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="polls_created",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "availability poll"

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.session_id and self.meeting_id and self.session.meeting_id != self.meeting_id:
            raise ValidationError({"session": "This session belongs to another meeting."})

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)


class PollOption(models.Model):
    """One proposed start time of a poll."""

    poll = models.ForeignKey(AvailabilityPoll, on_delete=models.CASCADE, related_name="options")
    starts_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["poll", "starts_at"], name="one_option_per_start_and_poll"),
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M} UTC"

    def clean(self) -> None:
        if self.poll_id and self.starts_at:
            problem = start_outside_meeting(self.poll.meeting, self.starts_at)
            if problem:
                raise ValidationError({"starts_at": f"This start {problem}"})

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + self.poll.duration


class PollAnswer(models.Model):
    class Answer(models.TextChoices):
        YES = "yes", "Yes"
        MAYBE = "maybe", "If need be"
        NO = "no", "No"

    option = models.ForeignKey(PollOption, on_delete=models.CASCADE, related_name="answers")
    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="poll_answers")
    answer = models.CharField(max_length=5, choices=Answer.choices)
    answered_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["option", "participant"], name="one_answer_per_option_and_person"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.answer}"
