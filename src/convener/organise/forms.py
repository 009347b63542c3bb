"""The organiser area's forms: each field's errors are shown beside it."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from convener.announcements.models import Announcement
from convener.core.timezones import is_known
from convener.networking.models import VideoSettings
from convener.organise.services.people_import import parse_languages
from convener.people.models import Node, Participant, Region
from convener.program.models import Meeting, Session


class MeetingForm(forms.Form):
    name = forms.CharField(max_length=200)
    slug = forms.SlugField(max_length=100, help_text="The meeting's address: /m/<slug>/. Letters, digits and -.")
    start_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    end_date = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    time_zone = forms.CharField(
        max_length=64,
        initial="UTC",
        help_text="The meeting's home zone, such as Europe/Copenhagen; everyone also sees their own.",
    )
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text="Markdown.")
    registration = forms.ChoiceField(choices=Meeting.Registration.choices, initial=Meeting.Registration.OPEN)
    provider = forms.ChoiceField(
        label="Breakout rooms", choices=VideoSettings.Provider.choices, initial=VideoSettings.Provider.JITSI
    )
    jitsi_base_url = forms.URLField(
        label="Jitsi server", initial="https://meet.jit.si", required=False, assume_scheme="https"
    )
    copy_from = forms.ModelChoiceField(
        label="Copy from an earlier meeting",
        queryset=Meeting.objects.none(),
        required=False,
        help_text="Themes and the prompt bank come along; sessions and people do not.",
    )

    def __init__(self, *args: object, earlier: QuerySet[Meeting], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["copy_from"].queryset = earlier  # type: ignore[attr-defined]

    def clean_time_zone(self) -> str:
        value = self.cleaned_data["time_zone"].strip()
        if not is_known(value):
            raise ValidationError(f"{value} is not a known time zone; use a name such as Europe/Copenhagen.")
        return value

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"].lower()
        if Meeting.objects.filter(slug=slug).exists():
            raise ValidationError("Another meeting has this address; pick another.")
        return slug

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", "The meeting must end on or after its first day.")
        if data.get("provider") == VideoSettings.Provider.JITSI and not data.get("jitsi_base_url"):
            self.add_error("jitsi_base_url", "Give the Jitsi server, such as https://meet.jit.si.")
        return data


class OrganiserForm(forms.Form):
    email = forms.EmailField(label="Email of the new co-organiser")
    name = forms.CharField(max_length=150, required=False, help_text="Used when they are new to this meeting.")


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="UTF-8, first line naming the columns.")


class PeopleFilter(forms.Form):
    q = forms.CharField(label="Search", required=False, max_length=100)
    region = forms.ModelChoiceField(queryset=Region.objects.all(), required=False, empty_label="Any region")
    node = forms.ModelChoiceField(queryset=Node.objects.all(), required=False, empty_label="Any node")
    role = forms.ChoiceField(choices=[("", "Any role"), *Participant.Role.choices], required=False)
    signed_in = forms.ChoiceField(
        label="Signed in", choices=[("", "Either"), ("yes", "Has signed in"), ("no", "Never signed in")], required=False
    )


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["name", "node", "role", "time_zone", "work_start", "work_end", "represents"]
        widgets = {
            "work_start": forms.TimeInput(attrs={"type": "time"}),
            "work_end": forms.TimeInput(attrs={"type": "time"}),
        }

    languages = forms.CharField(required=False, help_text="Codes such as en, es.")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["languages"].initial = ", ".join(self.instance.languages or [])

    def clean_languages(self) -> list[str]:
        try:
            return parse_languages(self.cleaned_data["languages"])
        except ValueError as exc:
            raise ValidationError(str(exc).capitalize() + ".") from None


class AnnouncementForm(forms.Form):
    subject = forms.CharField(max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), max_length=20_000, help_text="Markdown.")
    audience = forms.ChoiceField(label="Who gets it", choices=Announcement.Audience.choices)
    region = forms.ModelChoiceField(queryset=Region.objects.all(), required=False, help_text="For “A region”.")
    node_kind = forms.ChoiceField(
        label="Kind of node", choices=[("", "—"), *Node.Kind.choices], required=False, help_text="For “A kind of node”."
    )
    session = forms.ModelChoiceField(
        queryset=Session.objects.none(), required=False, help_text="For a session's attendees or facilitators."
    )

    def __init__(self, *args: object, meeting: Meeting, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["session"].queryset = Session.objects.filter(meeting=meeting).order_by("starts_at")  # type: ignore[attr-defined]
