"""Who takes part: regions and nodes of the network, and meeting participants."""

from __future__ import annotations

import secrets
from datetime import time

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.db import models
from django_countries.fields import CountryField

from convener.core.timezones import validate_time_zone


def validate_languages(value: object) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError("Languages must be a list of language codes.", code="languages")
    unknown = [code for code in value if code not in LANG_INFO]
    if unknown:
        raise ValidationError(
            "Unknown language code: %(codes)s. Use codes such as en, es, fr.",
            code="unknown_language",
            params={"codes": ", ".join(unknown)},
        )


def new_calendar_token() -> str:
    return secrets.token_urlsafe(24)


class Region(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Node(models.Model):
    """An organisation of the network: a national or organisational participant."""

    class Kind(models.TextChoices):
        NATIONAL = "national", "National node"
        ORGANISATIONAL = "organisational", "Organisational node"
        SECRETARIAT = "secretariat", "Secretariat"

    name = models.CharField(max_length=200, unique=True)
    country = CountryField(blank=True, help_text="ISO 3166 country; empty for international bodies.")
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="nodes")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NATIONAL)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Participant(models.Model):
    """A person's place in one meeting: their node, role, zone and languages."""

    class Role(models.TextChoices):
        ORGANISER = "organiser", "Organiser"
        FACILITATOR = "facilitator", "Facilitator"
        PRESENTER = "presenter", "Presenter"
        PARTICIPANT = "participant", "Participant"
        GUEST = "guest", "Guest"

    meeting = models.ForeignKey("program.Meeting", on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participations")
    name = models.CharField(max_length=150)
    node = models.ForeignKey(Node, on_delete=models.PROTECT, null=True, blank=True, related_name="participants")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.PARTICIPANT)
    time_zone = models.CharField(max_length=64, blank=True, validators=[validate_time_zone])
    languages = models.JSONField(default=list, blank=True, validators=[validate_languages])
    work_start = models.TimeField(default=time(9, 0), help_text="Start of working hours, local time.")
    work_end = models.TimeField(default=time(17, 0), help_text="End of working hours, local time.")
    represents = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="representatives",
        help_text="The region this person represents: regional representatives lead regional sessions.",
    )
    calendar_token = models.CharField(max_length=64, unique=True, default=new_calendar_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_participation_per_meeting"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.node})" if self.node_id else self.name

    def clean(self) -> None:
        if self.work_start and self.work_end and self.work_end <= self.work_start:
            raise ValidationError({"work_end": "Working hours must end after they start."})

    @property
    def is_organiser(self) -> bool:
        return self.role == self.Role.ORGANISER
