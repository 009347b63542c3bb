"""Forms for presentations, recordings and the meeting's video rules: read and check the input only."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError

from convener.core import dates, timezones
from convener.people.models import Participant
from convener.program.forms import SessionMultipleChoiceField
from convener.program.models import Meeting, Session, Theme
from convener.videos import services
from convener.videos.models import Licence, VideoPolicy, language_choices

DURATION = re.compile(r"^(?:(\d{1,2}):)?(\d{1,3}):([0-5]\d)$")


def parse_duration(text: str) -> int | None:
    """ "7:00" or "1:02:30" -> seconds; None when empty. ValidationError when unreadable."""
    text = (text or "").strip()
    if not text:
        return None
    match = DURATION.match(text)
    if not match:
        raise ValidationError("Write the duration as minutes:seconds, for example 6:45.")
    hours, minutes, seconds = (int(g) if g else 0 for g in match.groups())
    total = hours * 3600 + minutes * 60 + seconds
    if total <= 0:
        raise ValidationError("The duration must be longer than 0:00.")
    return total


class _ErrorsFromService:
    def add_service_error(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            self.add_error(name if name in self.fields else None, errors)


class VideoFields(forms.Form):
    video_file = forms.FileField(
        required=False,
        label="Video file (MP4 or WebM)",
        widget=forms.ClearableFileInput(attrs={"accept": "video/mp4,video/webm,.mp4,.m4v,.webm"}),
    )
    video_url = forms.URLField(
        required=False,
        max_length=500,
        label="…or a Vimeo or YouTube link",
        help_text="Private Vimeo links with their hash work: https://vimeo.com/123456/abcdef1234",
        assume_scheme="https",
    )
    duration = forms.CharField(
        required=False,
        max_length=10,
        label="Duration of a linked video (minutes:seconds)",
        help_text="An uploaded file's own duration is read from the file.",
    )
    language = forms.ChoiceField(choices=language_choices, initial="en")
    licence = forms.ChoiceField(choices=Licence.choices, initial=Licence.CC_BY, label="Licence for reuse")
    captions = forms.FileField(
        required=False, label="Captions (WebVTT, .vtt)", widget=forms.FileInput(attrs={"accept": ".vtt,text/vtt"})
    )
    remove_captions = forms.BooleanField(required=False, label="Remove the current captions")

    def clean_duration(self) -> int | None:
        return parse_duration(self.cleaned_data.get("duration", ""))


class PresentationForm(_ErrorsFromService, VideoFields):
    title = forms.CharField(max_length=200)
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}), help_text="Markdown.")
    presenters = forms.ModelMultipleChoiceField(
        queryset=Participant.objects.none(),
        help_text="Participants or guests of the meeting.",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    theme = forms.ModelChoiceField(queryset=Theme.objects.none(), required=False, empty_label="No theme")
    sessions = SessionMultipleChoiceField(
        queryset=Session.objects.none(),
        required=False,
        zone=ZoneInfo("UTC"),
        label="Sessions it prepares",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    slides = forms.FileField(required=False, label="Slides (PDF)", widget=forms.FileInput(attrs={"accept": ".pdf"}))
    remove_slides = forms.BooleanField(required=False, label="Remove the current slides")
    release_at = forms.CharField(
        label="Released at",
        max_length=16,
        help_text="YYYY-MM-DD HH:MM. Before then, participants see only the title and the date.",
    )
    time_zone = forms.ChoiceField(label="…in the time zone", choices=timezones.choices)

    field_order = [
        "title",
        "presenters",
        "theme",
        "sessions",
        "release_at",
        "time_zone",
        "video_file",
        "video_url",
        "duration",
        "language",
        "licence",
        "captions",
        "remove_captions",
        "slides",
        "remove_slides",
        "description",
    ]

    def __init__(self, *args: object, meeting: Meeting, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["presenters"].queryset = Participant.objects.filter(meeting=meeting).select_related("node")
        self.fields["theme"].queryset = Theme.objects.filter(meeting=meeting)
        self.fields["sessions"].queryset = Session.objects.filter(meeting=meeting).order_by("starts_at", "title")
        self.fields["sessions"].zone = meeting.zone
        self.fields["sessions"].label = f"Sessions it prepares (times in {meeting.time_zone})"

    def clean(self) -> dict[str, object]:
        cleaned = super().clean()
        text, zone_name = (cleaned.get("release_at") or "").strip(), cleaned.get("time_zone")
        if text and zone_name:
            try:
                naive = datetime.strptime(text.replace("T", " "), "%Y-%m-%d %H:%M")
            except ValueError:
                self.add_error("release_at", "Write the release time as 2027-03-18 09:00.")
            else:
                zone = ZoneInfo(zone_name)
                problem = timezones.local_time_problem(naive, zone)
                if problem:
                    self.add_error("release_at", f"{text} {problem}.")
                else:
                    try:
                        release = dates.from_local(naive, zone, what="The release time")
                        cleaned["release_when"] = dates.check_in_window(release, self.meeting, what="The release time")
                    except ValidationError as exc:
                        self.add_error("release_at", exc)
        return cleaned

    def service_kwargs(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "presenters": list(data["presenters"]),
            "theme": data["theme"],
            "sessions": list(data["sessions"]),
            "release_at": data["release_when"],
            "video_file": data["video_file"] or None,
            "video_url": data["video_url"],
            "duration_seconds": data["duration"],
            "language": data["language"],
            "licence": data["licence"],
            "captions": data["captions"],
            "slides": data["slides"],
            "remove_captions": data["remove_captions"],
            "remove_slides": data["remove_slides"],
        }


class RecordingForm(_ErrorsFromService, VideoFields):
    title = forms.CharField(max_length=200, required=False, help_text="Empty: “Recording: ” and the session title.")
    description = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 3}), help_text="Markdown.")
    chapters = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 8, "placeholder": "0:00 Welcome\n4:30 Question 1"}),
        help_text="One per line: the start time, a space, the title (one per question of a game show, one per demo…).",
    )

    field_order = [
        "title",
        "video_file",
        "video_url",
        "duration",
        "chapters",
        "language",
        "licence",
        "captions",
        "remove_captions",
        "description",
    ]

    def clean_chapters(self) -> list[tuple[int, str]]:
        try:
            return services.parse_chapters(self.cleaned_data.get("chapters", ""))
        except ValidationError as exc:
            raise ValidationError(exc.error_dict["chapters"]) from None

    def service_kwargs(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "description": data["description"],
            "video_file": data["video_file"] or None,
            "video_url": data["video_url"],
            "duration_seconds": data["duration"],
            "language": data["language"],
            "licence": data["licence"],
            "captions": data["captions"],
            "remove_captions": data["remove_captions"],
            "chapters": data["chapters"],
        }


class PolicyForm(forms.ModelForm):
    class Meta:
        model = VideoPolicy
        fields = ["max_minutes", "max_upload_mb"]
        labels = {"max_minutes": "Longest presentation (minutes)", "max_upload_mb": "Largest video file (MB)"}


class LibraryFilterForm(forms.Form):
    kind = forms.ChoiceField(
        required=False,
        choices=[("", "All kinds"), ("presentation", "Presentations"), ("recording", "Session recordings")],
    )
    theme = forms.ModelChoiceField(queryset=Theme.objects.none(), required=False, empty_label="All themes")
    language = forms.ChoiceField(required=False)
    licence = forms.ChoiceField(required=False, choices=[("", "Any licence"), *Licence.choices])

    def __init__(self, *args: object, meeting: Meeting, languages: list[str], **kwargs: object):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = Theme.objects.filter(meeting=meeting)
        names = dict(language_choices())
        self.fields["language"].choices = [("", "All languages"), *((c, names.get(c, c)) for c in languages)]
