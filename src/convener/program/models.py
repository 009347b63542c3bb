"""The meeting program: meetings, themes, sessions, stars and the change log."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models

from convener.core import dates
from convener.core.text import validate_single_line
from convener.core.timezones import validate_time_zone


class Meeting(models.Model):
    class Registration(models.TextChoices):
        OPEN = "open", "Open: whoever signs up is a participant"
        APPROVAL = "approval", "Approval: sign-ups are guests until an organiser approves"
        INVITE = "invite", "Invite-only: the organisers add people and invite them"
        CLOSED = "closed", "Closed: nobody new joins"

    SELF_SIGN_UP = (Registration.OPEN, Registration.APPROVAL)

    name = models.CharField(max_length=200, validators=[validate_single_line])
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True, help_text="Markdown.")
    start_date = models.DateField()
    end_date = models.DateField()
    time_zone = models.CharField(
        max_length=64,
        default="UTC",
        validators=[validate_time_zone],
        help_text="The meeting's home zone, shown beside each viewer's own.",
    )
    registration = models.CharField(max_length=10, choices=Registration.choices, default=Registration.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        for name, what in (("start_date", "The first day"), ("end_date", "The last day")):
            value = getattr(self, name)
            if value is not None:
                try:
                    dates.check_year(value, what=what)
                except ValidationError as exc:
                    errors[name] = exc.messages[0]
        if not errors and self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = "The meeting must end on or after its first day."
        if errors:
            raise ValidationError(errors)

    @property
    def open_to_sign_up(self) -> bool:
        """Whether a signed-in user may register themselves (open, or awaiting approval)."""
        return self.registration in self.SELF_SIGN_UP

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


class Theme(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(max_length=200, validators=[validate_single_line])
    description = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "name"], name="unique_theme_name_per_meeting"),
        ]

    def __str__(self) -> str:
        return self.name


class Session(models.Model):
    class Kind(models.TextChoices):
        ICEBREAKER = "icebreaker", "Icebreaker"
        PANEL = "panel", "Panel"
        LIVE_QA = "live_qa", "Live Q&A"
        NETWORKING = "networking", "Networking"
        DEMO = "demo", "Demo"
        REGIONAL = "regional", "Regional"
        THEMATIC = "thematic", "Thematic"
        GAME_SHOW = "game_show", "Game show"
        EVALUATION = "evaluation", "Evaluation"
        PLENARY = "plenary", "Plenary"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PLENARY)
    title = models.CharField(max_length=200, validators=[validate_single_line])
    goal = models.TextField(blank=True)
    format = models.TextField(blank=True)
    preparation = models.TextField(blank=True, help_text="What to prepare (Markdown).")
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField()
    theme = models.ForeignKey(Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="sessions")
    region = models.ForeignKey(
        "people.Region",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sessions",
        help_text="For regional sessions: the region it is for.",
    )
    join_link = models.URLField(blank=True, max_length=500)
    recording_url = models.URLField(blank=True, max_length=500)
    people = models.ManyToManyField("people.Participant", through="SessionRole", related_name="led_sessions")
    is_draft = models.BooleanField(
        default=False,
        help_text="A draft is seen by the meeting's organisers only, until they publish it.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "title"]
        indexes = [models.Index(fields=["meeting", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = (
            dates.window_errors(self, self.meeting, (("starts_at", "The start"), ("ends_at", "The end")))
            if self.meeting_id
            else {}
        )
        if not errors and self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "A session must end after it starts."
        if self.theme_id and self.meeting_id and self.theme.meeting_id != self.meeting_id:
            errors["theme"] = "This theme belongs to another meeting."
        if self.meeting_id and self.starts_at and not errors:
            meeting = self.meeting
            local_day = self.starts_at.astimezone(meeting.zone).date()
            if not meeting.start_date <= local_day <= meeting.end_date:
                errors["starts_at"] = (
                    f"The session starts on {local_day:%d %b %Y} ({meeting.time_zone}), outside "
                    f"the meeting's dates {meeting.start_date:%d %b} to {meeting.end_date:%d %b %Y}."
                )
        if errors:
            raise ValidationError(errors)

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return self.starts_at < end and start < self.ends_at

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)


class SessionRole(models.Model):
    """A facilitator or moderator booked on a session."""

    class Role(models.TextChoices):
        FACILITATOR = "facilitator", "Facilitator"
        MODERATOR = "moderator", "Moderator"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="roles")
    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="session_roles")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.FACILITATOR)

    class Meta:
        ordering = ["role", "participant__name"]
        constraints = [
            models.UniqueConstraint(fields=["session", "participant"], name="one_role_per_person_and_session"),
        ]

    def __str__(self) -> str:
        return f"{self.participant.name}: {self.get_role_display()}"


class Star(models.Model):
    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="stars")
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="stars")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["participant", "session"], name="one_star_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} ★ {self.session_id}"


class ProgramChange(models.Model):
    """One entry of the program's change log, published as an Atom feed."""

    class Kind(models.TextChoices):
        ADDED = "added", "Session added"
        MOVED = "moved", "Session moved"
        UPDATED = "updated", "Session updated"
        RECORDING = "recording", "Recording available"
        CANCELLED = "cancelled", "Session cancelled"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")
    session = models.ForeignKey(Session, on_delete=models.SET_NULL, null=True, blank=True, related_name="changes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title
