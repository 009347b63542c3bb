"""Breakout rounds: the plan of a networking session, its rounds, rooms and who sits where."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone


def room_token() -> str:
    return secrets.token_urlsafe(12)


class VideoSettings(models.Model):
    """How a meeting's breakout rooms are joined: Jitsi Meet rooms, or Zoom with pre-assignment."""

    class Provider(models.TextChoices):
        JITSI = "jitsi", "Jitsi Meet (a room link per breakout room)"
        ZOOM = "zoom", "Zoom (breakout pre-assignment CSV; everyone joins the session's Zoom link)"

    meeting = models.OneToOneField("program.Meeting", on_delete=models.CASCADE, related_name="video")
    provider = models.CharField(max_length=10, choices=Provider.choices, default=Provider.JITSI)
    jitsi_base_url = models.URLField(default="https://meet.jit.si", help_text="Your Jitsi Meet server.")

    class Meta:
        verbose_name = "video settings"
        verbose_name_plural = "video settings"  # not Django's "video settingss"

    def __str__(self) -> str:
        return f"{self.meeting}: {self.get_provider_display()}"


class Prompt(models.Model):
    """A question from the meeting's prompt bank, to start a conversation in a room."""

    meeting = models.ForeignKey("program.Meeting", on_delete=models.CASCADE, related_name="prompts")
    text = models.CharField(max_length=300)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.text


class NetworkingPlan(models.Model):
    """The set-up and state of one networking (or icebreaker) session."""

    class Status(models.TextChoices):
        SETUP = "setup", "Being set up"
        PLANNED = "planned", "Planned"
        RUNNING = "running", "Running"
        FINISHED = "finished", "Finished"

    session = models.OneToOneField("program.Session", on_delete=models.CASCADE, related_name="networking")
    rounds = models.PositiveSmallIntegerField(default=5, validators=[MinValueValidator(1), MaxValueValidator(30)])
    minutes_per_round = models.PositiveSmallIntegerField(
        default=8, validators=[MinValueValidator(2), MaxValueValidator(120)]
    )
    room_min = models.PositiveSmallIntegerField(default=3, validators=[MinValueValidator(2), MaxValueValidator(50)])
    room_max = models.PositiveSmallIntegerField(default=5, validators=[MinValueValidator(2), MaxValueValidator(50)])
    seed = models.PositiveIntegerField(default=2021)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SETUP)
    current_round = models.PositiveSmallIntegerField(default=0, help_text="0 before the first round starts.")
    round_started_at = models.DateTimeField(null=True, blank=True)
    quality = models.JSONField(default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Networking plan: {self.session}"

    def clean(self) -> None:
        if self.room_min and self.room_max and self.room_min > self.room_max:
            raise ValidationError({"room_max": "The largest room cannot be smaller than the smallest."})


class Round(models.Model):
    plan = models.ForeignKey(NetworkingPlan, on_delete=models.CASCADE, related_name="round_set")
    number = models.PositiveSmallIntegerField()
    prompt = models.ForeignKey(Prompt, on_delete=models.SET_NULL, null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="one_round_number_per_plan")]

    def __str__(self) -> str:
        return f"Round {self.number}"


class Room(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="rooms")
    number = models.PositiveSmallIntegerField()
    token = models.CharField(max_length=32, default=room_token, unique=True, editable=False)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["round", "number"], name="one_room_number_per_round")]

    def __str__(self) -> str:
        return f"Room {self.number}"


class Seat(models.Model):
    """One participant in one room of one round (a participant sits in one room per round)."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="seats")
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="seats")
    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="seats")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "participant"], name="one_room_per_participant_and_round"),
        ]

    def __str__(self) -> str:
        return f"{self.participant} in {self.room}"


class IcebreakerGroup(models.Model):
    """A small group formed by "shuffle me" in a drop-in icebreaker: people who had not met, with a prompt."""

    session = models.ForeignKey("program.Session", on_delete=models.CASCADE, related_name="icebreaker_groups")
    number = models.PositiveIntegerField()
    prompt = models.CharField(max_length=300, blank=True)
    token = models.CharField(max_length=32, default=room_token, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["session", "number"], name="one_group_number_per_session")]

    def __str__(self) -> str:
        return f"Group {self.number}"


class IcebreakerTicket(models.Model):
    """One "shuffle me": the person waits (no group yet) until enough people they have not met are free."""

    session = models.ForeignKey("program.Session", on_delete=models.CASCADE, related_name="icebreaker_tickets")
    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="icebreaker_tickets")
    joined_at = models.DateTimeField(default=timezone.now)
    group = models.ForeignKey(IcebreakerGroup, on_delete=models.CASCADE, null=True, blank=True, related_name="tickets")

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "participant"],
                condition=models.Q(group__isnull=True),
                name="one_waiting_ticket_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.participant} in {self.session}"
