"""Evaluation surveys: the questions organisers ask, and the answers, kept apart from who gave them.

Anonymity is a property of the schema, not of the pages:

- ``Respondent`` records *who has answered* a survey (so nobody answers twice and
  reminders go only to the others). It holds no time and no link to an answer.
- ``Response`` and ``Answer`` hold *what was answered*. They have random UUID
  keys (no insertion order to line up with ``Respondent``), a day rather than a
  time, and no column that refers to or is derived from a person, except the
  breakdown categories (region name, node kind) when the survey keeps them.
- ``ResponseOwner`` links a response to its person, and only for identified
  surveys: that is what lets an identified response be edited until the survey
  closes. An anonymous survey never gets one (see services.response_submit).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from convener.core import dates
from convener.people.models import Node

MAX_OPTIONS = 30
MAX_OPTION_LENGTH = 200
MAX_LIKERT = 11
SHORT_TEXT_MAX = 300
LONG_TEXT_MAX = 5000
NUMBER_LIMIT = Decimal("1000000000")
DEFAULT_LIKERT = ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"]


class Survey(models.Model):
    meeting = models.ForeignKey("program.Meeting", on_delete=models.CASCADE, related_name="surveys")
    session = models.ForeignKey(
        "program.Session",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="surveys",
        help_text="Empty: a survey of the whole meeting. Otherwise the session it asks about.",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Markdown.")
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    anonymous = models.BooleanField(
        default=True,
        help_text="Anonymous: nothing stored links an answer to its person; answers cannot be edited.",
    )
    keep_breakdown = models.BooleanField(
        default=True,
        help_text="Keep the region and node kind of each response, so results can be broken down by them.",
    )
    published = models.BooleanField(
        default=False,
        help_text="A new survey is a draft that only organisers see; publishing shows it to participants.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["opens_at", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["session"],
                condition=Q(session__isnull=False),
                name="one_survey_per_session",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = (
            dates.window_errors(self, self.meeting, (("opens_at", "The opening"), ("closes_at", "The closing")))
            if self.meeting_id
            else {}
        )
        if not errors and self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            errors["closes_at"] = "A survey must close after it opens."
        if self.session_id and self.meeting_id and self.session.meeting_id != self.meeting_id:
            errors["session"] = "This session belongs to another meeting."
        if errors:
            raise ValidationError(errors)

    def is_open(self, now: datetime) -> bool:
        return self.opens_at <= now < self.closes_at

    def state(self, now: datetime) -> str:
        if now < self.opens_at:
            return "upcoming"
        return "open" if now < self.closes_at else "closed"


class Section(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", "Single choice"
        MULTIPLE = "multiple", "Multiple choice"
        LIKERT = "likert", "Likert scale"
        RATING = "rating", "Rating 0–10"
        NUMBER = "number", "Number"
        SHORT_TEXT = "short_text", "Short text"
        LONG_TEXT = "long_text", "Long text"

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    required = models.BooleanField(default=False)
    order = models.PositiveIntegerField(default=0)
    options = models.JSONField(
        default=list,
        blank=True,
        help_text="Choices (single, multiple) or the scale's labels, lowest first (Likert).",
    )
    min_value = models.DecimalField(max_digits=13, decimal_places=3, null=True, blank=True)
    max_value = models.DecimalField(max_digits=13, decimal_places=3, null=True, blank=True)
    show_if = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependants",
        help_text="Show this question only when that earlier question is answered with one of show_if_values.",
    )
    show_if_values = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["section__order", "section_id", "order", "id"]

    def __str__(self) -> str:
        return self.text

    CONDITION_KINDS = frozenset({Kind.SINGLE, Kind.MULTIPLE, Kind.LIKERT, Kind.RATING})
    CHOICE_KINDS = frozenset({Kind.SINGLE, Kind.MULTIPLE})
    SCALE_KINDS = frozenset({Kind.LIKERT, Kind.RATING})
    TEXT_KINDS = frozenset({Kind.SHORT_TEXT, Kind.LONG_TEXT})

    def scale(self) -> list[tuple[int, str]]:
        """The values of a Likert or rating question with their labels."""
        if self.kind == self.Kind.LIKERT:
            return [(i, label) for i, label in enumerate(self.options, start=1)]
        if self.kind == self.Kind.RATING:
            return [(i, str(i)) for i in range(11)]
        return []

    def condition_values(self) -> list[str]:
        """The answers another question may be shown on, as strings."""
        if self.kind in self.CHOICE_KINDS:
            return list(self.options)
        return [str(value) for value, _ in self.scale()]

    def clean(self) -> None:
        errors: dict[str, str] = {}
        options = self.options
        if not isinstance(options, list) or not all(isinstance(o, str) for o in options):
            raise ValidationError({"options": "Options must be a list of texts."})
        if self.kind in self.CHOICE_KINDS | {self.Kind.LIKERT}:
            label = "choices" if self.kind in self.CHOICE_KINDS else "scale labels"
            limit = MAX_OPTIONS if self.kind in self.CHOICE_KINDS else MAX_LIKERT
            if len(options) < 2:
                errors["options"] = f"Give at least two {label}, one per line."
            elif len(options) > limit:
                errors["options"] = f"Give at most {limit} {label}; there are {len(options)}."
            elif any(not o.strip() for o in options):
                errors["options"] = f"Empty {label} are not allowed."
            elif len({o.strip().casefold() for o in options}) != len(options):
                errors["options"] = f"Each of the {label} must be different."
            elif any(len(o) > MAX_OPTION_LENGTH for o in options):
                errors["options"] = f"Keep each of the {label} under {MAX_OPTION_LENGTH} characters."
            elif self.kind == self.Kind.MULTIPLE and any(";" in o for o in options):
                errors["options"] = "A multiple-choice option cannot contain “;” (it separates choices in the CSV)."
        elif options:
            errors["options"] = f"A {self.get_kind_display().lower()} question has no choices."
        if self.kind == self.Kind.NUMBER:
            for name in ("min_value", "max_value"):
                value = getattr(self, name)
                if value is not None and abs(value) >= NUMBER_LIMIT:
                    errors[name] = "Keep limits under a billion."
            if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
                errors["max_value"] = "The largest allowed number must not be below the smallest."
        elif self.min_value is not None or self.max_value is not None:
            errors["min_value"] = "Only number questions have a smallest and largest value."
        if self.show_if_id is None and self.show_if_values:
            errors["show_if_values"] = "Choose the question this one depends on."
        if errors:
            raise ValidationError(errors)


class Respondent(models.Model):
    """That a participant has answered a survey: nothing about what, and no time."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="respondents")
    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="survey_answers")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "participant"], name="one_response_per_participant"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} answered {self.survey_id}"


class Response(models.Model):
    """What one person answered. No person, no time of day; see the module docstring."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField(help_text="The day (UTC) it was sent; deliberately not the time.")
    region = models.CharField(max_length=100, blank=True, help_text="Breakdown category, if the survey keeps it.")
    node_kind = models.CharField(max_length=20, blank=True, choices=Node.Kind.choices)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Response to {self.survey_id}"


class Answer(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    text = models.TextField(blank=True, help_text="Text answers and the chosen option of a single choice.")
    number = models.DecimalField(max_digits=13, decimal_places=3, null=True, blank=True)
    choices = models.JSONField(default=list, blank=True, help_text="The options chosen in a multiple choice.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="one_answer_per_question"),
        ]

    def __str__(self) -> str:
        return f"Answer to {self.question_id}"


class ResponseOwner(models.Model):
    """Identified surveys only: whose response this is, so they can change it until the survey closes."""

    response = models.OneToOneField(Response, on_delete=models.CASCADE, primary_key=True, related_name="owner")
    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="survey_responses")
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.participant_id}: {self.response_id}"
