"""Forms of the survey pages: they read what organisers type; the services decide what is allowed."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError

from convener.core import dates, timezones
from convener.program.forms import SessionChoiceField
from convener.program.models import Meeting, Session
from convener.surveys.models import Question, Survey


class LocalDateTimeField(forms.DateTimeField):
    """A wall-clock time typed in the viewer's zone, returned as an aware UTC datetime."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]

    def __init__(self, *args: object, zone: ZoneInfo | None = None, **kwargs: object):
        self.zone = zone or ZoneInfo("UTC")
        super().__init__(*args, **kwargs)

    def to_python(self, value: object) -> datetime | None:
        if isinstance(value, str) and value.strip():
            for fmt in self.input_formats:
                try:
                    naive = datetime.strptime(value.strip(), fmt)
                except ValueError:
                    continue
                problem = timezones.local_time_problem(naive, self.zone)
                if problem:
                    raise ValidationError(f"{value.strip()} {problem}.")
                return dates.from_local(naive, self.zone, what=value.strip())
            raise ValidationError("Enter a date and time such as 2027-03-31 17:15.")
        if value in (None, ""):
            return None
        raise ValidationError("Enter a date and time such as 2027-03-31 17:15.")

    def prepare_value(self, value: object) -> object:
        if isinstance(value, datetime):
            return dates.localtime(value, self.zone).strftime("%Y-%m-%dT%H:%M")
        return value


class SurveyForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Introduction (optional, Markdown)"
    )
    session = SessionChoiceField(
        queryset=Session.objects.none(),
        required=False,
        zone=ZoneInfo("UTC"),
        empty_label="The whole meeting",
        label="About",
    )
    opens_at = LocalDateTimeField(label="Opens")
    closes_at = LocalDateTimeField(label="Closes")
    anonymous = forms.BooleanField(
        required=False,
        label="Anonymous: no stored data links an answer to its person; answers cannot be edited once sent",
    )
    keep_breakdown = forms.BooleanField(
        required=False, label="Keep each response's region and node kind, for results broken down by them"
    )

    def __init__(self, *args: object, meeting: Meeting, zone: ZoneInfo, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        session = self.fields["session"]
        session.queryset = Session.objects.filter(meeting=meeting).order_by("starts_at", "title")
        session.zone = zone
        for name in ("opens_at", "closes_at"):
            self.fields[name].zone = zone
            self.fields[name].help_text = f"In {zone.key}."
            stored = self.initial.get(name)
            if isinstance(stored, datetime) and str(dates.localtime(stored, zone).tzinfo) != str(zone):
                self.fields[
                    name
                ].help_text = (
                    f"Shown in UTC: too far off to show in {zone.key}. Choose a time {dates.window_text(meeting)}."
                )

    def clean_opens_at(self) -> datetime | None:
        return self._in_window(self.cleaned_data.get("opens_at"), "The opening")

    def clean_closes_at(self) -> datetime | None:
        return self._in_window(self.cleaned_data.get("closes_at"), "The closing")

    def _in_window(self, value: datetime | None, what: str) -> datetime | None:
        return value if value is None else dates.check_in_window(value, self.meeting, what=what)

    @staticmethod
    def initial_from(survey: Survey) -> dict[str, object]:
        return {
            name: getattr(survey, name)
            for name in ("title", "description", "session", "opens_at", "closes_at", "anonymous", "keep_breakdown")
        }


class SectionForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}), label="Description (optional)"
    )


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class QuestionForm(forms.Form):
    text = forms.CharField(max_length=300, label="Question")
    kind = forms.ChoiceField(choices=Question.Kind.choices, label="Kind")
    help_text = forms.CharField(max_length=300, required=False, label="Help text (optional)")
    required = forms.BooleanField(required=False, label="An answer is required")
    options = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Choices, or Likert labels (one per line)",
        help_text="Single and multiple choice: the choices. Likert: the labels from lowest to highest "
        "(empty: Strongly disagree … Strongly agree).",
    )
    min_value = forms.DecimalField(required=False, max_digits=13, decimal_places=3, label="Smallest number (optional)")
    max_value = forms.DecimalField(required=False, max_digits=13, decimal_places=3, label="Largest number (optional)")
    show_if = forms.ModelChoiceField(
        queryset=Question.objects.none(),
        required=False,
        empty_label="Always",
        label="Show only if this earlier question",
    )
    show_if_values = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="… is answered with (one per line)",
        help_text="A choice's text, or a number on a scale (Likert 1 = lowest label; rating 0–10).",
    )

    def __init__(self, *args: object, survey: Survey, before: list[Question] | None = None, **kwargs: object):
        super().__init__(*args, **kwargs)
        queryset = Question.objects.filter(survey=survey, kind__in=Question.CONDITION_KINDS)
        if before is not None:
            queryset = queryset.filter(pk__in=[q.pk for q in before])
        self.fields["show_if"].queryset = queryset.order_by("section__order", "order", "id")
        self.fields["show_if"].label_from_instance = lambda q: q.text[:80]

    def service_kwargs(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "text": data["text"],
            "help_text": data["help_text"],
            "required": data["required"],
            "options": _lines(data["options"]),
            "min_value": data["min_value"],
            "max_value": data["max_value"],
            "show_if": data["show_if"],
            "show_if_values": _lines(data["show_if_values"]),
        }

    @staticmethod
    def initial_from(question: Question) -> dict[str, object]:
        return {
            "text": question.text,
            "kind": question.kind,
            "help_text": question.help_text,
            "required": question.required,
            "options": "\n".join(question.options),
            "min_value": question.min_value,
            "max_value": question.max_value,
            "show_if": question.show_if,
            "show_if_values": "\n".join(question.show_if_values),
        }


def add_service_error(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError beside the field it names, else above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
