"""What an import leaves for the organiser: sessions still to place, and the presentations a page lists.

``program.Session`` needs a start and an end, so a session imported without a
time is kept here, whole, until the organiser places it
(``services.unscheduled_place`` turns it into a real session through
``program.services.session_create``). A listed presentation is a title with an
optional video link, as a program page lists it: the videos app's
``Presentation`` needs an uploaded file or a link, a duration and a presenter,
which a page does not give, so the organiser makes one from it later.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from convener.core.text import validate_single_line
from convener.program.models import Session


class UnscheduledSession(models.Model):
    meeting = models.ForeignKey("program.Meeting", on_delete=models.CASCADE, related_name="unscheduled_sessions")
    kind = models.CharField(max_length=20, choices=Session.Kind.choices, default=Session.Kind.PLENARY)
    title = models.CharField(max_length=200, validators=[validate_single_line])
    goal = models.TextField(blank=True)
    format = models.TextField(blank=True)
    preparation = models.TextField(blank=True)
    theme = models.ForeignKey(
        "program.Theme", on_delete=models.SET_NULL, null=True, blank=True, related_name="unscheduled_sessions"
    )
    region = models.ForeignKey(
        "people.Region", on_delete=models.SET_NULL, null=True, blank=True, related_name="unscheduled_sessions"
    )
    recording_url = models.URLField(blank=True, max_length=500)
    facilitators = models.ManyToManyField("people.Participant", blank=True, related_name="+")
    moderators = models.ManyToManyField("people.Participant", blank=True, related_name="+")
    order = models.PositiveIntegerField(default=0, help_text="Its place in the imported file.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.theme_id and self.meeting_id and self.theme.meeting_id != self.meeting_id:
            raise ValidationError({"theme": "This theme belongs to another meeting."})


class ListedPresentation(models.Model):
    """A presentation as a program page lists it, under a session (placed or not)."""

    meeting = models.ForeignKey("program.Meeting", on_delete=models.CASCADE, related_name="listed_presentations")
    session = models.ForeignKey(
        "program.Session", on_delete=models.CASCADE, null=True, blank=True, related_name="listed_presentations"
    )
    unscheduled = models.ForeignKey(
        UnscheduledSession, on_delete=models.CASCADE, null=True, blank=True, related_name="presentations"
    )
    title = models.CharField(max_length=300, validators=[validate_single_line])
    video_url = models.URLField(blank=True, max_length=500)
    release_on = models.DateField(null=True, blank=True, help_text="Posted on the page from this day.")
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(session__isnull=True) | models.Q(unscheduled__isnull=True),
                name="listed_presentation_under_one_session",
            )
        ]

    def __str__(self) -> str:
        return self.title
