"""Announcements, their deliveries (one per person), mail preferences and reminders sent."""

from __future__ import annotations

import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from convener.core.text import validate_single_line


class Announcement(models.Model):
    class Audience(models.TextChoices):
        EVERYONE = "everyone", "Everyone taking part"
        REGION = "region", "A region"
        NODE_KIND = "node_kind", "A kind of node"
        ATTENDEES = "attendees", "A session's attendees (who starred it)"
        FACILITATORS = "facilitators", "A session's facilitators and moderators"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    meeting = models.ForeignKey("program.Meeting", on_delete=models.CASCADE, related_name="announcements")
    author = models.ForeignKey("people.Participant", on_delete=models.SET_NULL, null=True, related_name="+")
    subject = models.CharField(max_length=200, validators=[validate_single_line])
    body = models.TextField(help_text="Markdown.")
    audience = models.CharField(max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    region = models.ForeignKey("people.Region", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    node_kind = models.CharField(max_length=20, blank=True)
    session = models.ForeignKey("program.Session", on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-sent_at", "-created_at", "-pk"]

    def __str__(self) -> str:
        return self.subject


class Delivery(models.Model):
    """One person's copy of an announcement: written before it is sent, marked once it is."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        OPTED_OUT = "opted_out", "Not emailed: the person opted out"
        FAILED = "failed", "The mail server refused it"
        NO_EMAIL = "no_email", "Not emailed: no address"

    announcement = models.ForeignKey(Announcement, on_delete=models.CASCADE, related_name="deliveries")
    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(blank=True)
    message_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["announcement", "participant"], name="one_delivery_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.announcement_id} → {self.email}: {self.status}"


class MailPreference(models.Model):
    """What a participant wants by email in one meeting."""

    participant = models.OneToOneField("people.Participant", on_delete=models.CASCADE, related_name="mail")
    announcements = models.BooleanField(default=True, help_text="Email me the organisers' announcements.")
    reminder_minutes = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
        help_text="Email me this many minutes before each session I starred (empty: no reminders).",
    )

    def __str__(self) -> str:
        return f"{self.participant_id}: announcements={self.announcements}, reminder={self.reminder_minutes}"


class Reminder(models.Model):
    """A reminder of one session for one person: recorded so it is sent once, even if the session moves."""

    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="+")
    session = models.ForeignKey("program.Session", on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField(help_text="The start it reminded of; a moved session is reminded again.")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "session", "starts_at"], name="one_reminder_per_start"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} ← {self.session_id} at {self.starts_at:%Y-%m-%d %H:%M}"


class Invitation(models.Model):
    """An email inviting one person to a meeting, with a link that sets their password and signs them in."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "The mail server refused it"

    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="invitations")
    invited_by = models.ForeignKey("people.Participant", on_delete=models.SET_NULL, null=True, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.status}"
