"""Poll forms: read what people type, line by line, and say exactly which line is wrong."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats

from convener.availability.models import (
    MAX_DURATION,
    MAX_OPTIONS,
    MIN_DURATION,
    PollAnswer,
    PollOption,
    start_outside_meeting,
)
from convener.core import dates, timezones
from convener.program.forms import SessionChoiceField
from convener.program.models import Meeting, Session

LINE = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]+(\d{1,2}:\d{2})$")


def parse_starts(text: str, *, zone: ZoneInfo, meeting: Meeting) -> tuple[list[datetime], list[str]]:
    """Read one "YYYY-MM-DD HH:MM" per line in ``zone``; blank lines are skipped.

    Returns the aware starts and one message per bad line, naming the line.
    """
    starts: list[datetime] = []
    errors: list[str] = []
    seen: dict[datetime, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        match = LINE.match(line)
        try:
            naive = datetime.strptime(" ".join(match.groups()), "%Y-%m-%d %H:%M") if match else None
        except ValueError:
            naive = None
        if naive is None:
            errors.append(f"Line {number}: “{line[:40]}” is not a date and time; write it as 2027-03-25 14:00.")
            continue
        problem = timezones.local_time_problem(naive, zone)
        if problem:
            errors.append(f"Line {number}: {line} {problem}.")
            continue
        start = naive.replace(tzinfo=zone)
        try:
            dates.check_in_window(start, meeting, what=f"{line} ({zone.key})")
        except ValidationError as exc:
            errors.append(f"Line {number}: {exc.messages[0]}")
            continue
        outside = start_outside_meeting(meeting, start)
        if outside:
            errors.append(f"Line {number}: {line} ({zone.key}) {outside}")
            continue
        instant = start.astimezone(UTC)
        if instant in seen:
            errors.append(f"Line {number}: {line} is the same time as line {seen[instant]}.")
            continue
        seen[instant] = number
        starts.append(start)
    if not starts and not errors:
        errors.append("Propose at least one start time.")
    if len(starts) > MAX_OPTIONS:
        errors.append(f"Propose at most {MAX_OPTIONS} start times; there are {len(starts)}.")
    return starts, errors


class PollCreateForm(forms.Form):
    title = forms.CharField(max_length=200, label="Title")
    description = forms.CharField(
        required=False,
        label="Description (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    duration_minutes = forms.IntegerField(
        label="Duration (minutes)",
        min_value=MIN_DURATION,
        max_value=MAX_DURATION,
        initial=60,
    )
    session = SessionChoiceField(
        queryset=Session.objects.none(),
        required=False,
        label="Session it plans (optional)",
        empty_label="None",
        zone=ZoneInfo("UTC"),
    )
    time_zone = forms.ChoiceField(label="The times below are in", choices=timezones.choices)
    starts = forms.CharField(
        label="Proposed start times",
        help_text=f"One per line, as YYYY-MM-DD HH:MM, on the meeting's days; at most {MAX_OPTIONS}.",
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "2027-03-25 14:00\n2027-03-26 08:00"}),
    )

    def __init__(self, *args: object, meeting: Meeting, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        session = self.fields["session"]
        session.queryset = Session.objects.filter(meeting=meeting).order_by("starts_at", "title")
        session.zone = meeting.zone
        # A known zone outside the picker's list (Etc/GMT+5, US/Eastern …) is offered rather than
        # silently replaced by the first entry, so times are never read in a zone nobody chose.
        current = self.data.get("time_zone") if self.is_bound else self.initial.get("time_zone")
        if current and timezones.is_known(current) and current not in dict(timezones.choices()):
            self.fields["time_zone"].choices = [(current, current), *timezones.choices()]

    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        text, zone_name = cleaned.get("starts"), cleaned.get("time_zone")
        if text and zone_name:
            starts, errors = parse_starts(text, zone=ZoneInfo(zone_name), meeting=self.meeting)
            if errors:
                self.add_error("starts", errors)
            else:
                cleaned["start_times"] = starts
        return cleaned

    def add_service_error(self, error: ValidationError) -> None:
        """Show a service's ValidationError beside the field it names, else above the form."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)


class AnswerForm(forms.Form):
    """One yes / if need be / no choice per option, each labelled with its time in the viewer's zone."""

    def __init__(self, *args: object, options: list[PollOption], zone: ZoneInfo, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.options = options
        for option in options:
            when = formats.date_format(option.starts_at.astimezone(zone), "l j F, H:i")
            self.fields[f"option-{option.pk}"] = forms.ChoiceField(
                label=when,
                choices=PollAnswer.Answer.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": f"Choose yes, if need be or no for {when}.",
                    "invalid_choice": f"Choose yes, if need be or no for {when}.",
                },
            )

    def rows(self) -> list[tuple[PollOption, forms.BoundField]]:
        return [(option, self[f"option-{option.pk}"]) for option in self.options]

    def answers(self) -> dict[int, str]:
        return {option.pk: self.cleaned_data[f"option-{option.pk}"] for option in self.options}

    @staticmethod
    def initial_from(answers: dict[int, str]) -> dict[str, str]:
        return {f"option-{pk}": value for pk, value in answers.items()}
