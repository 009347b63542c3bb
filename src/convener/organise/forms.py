"""The organiser area's forms: each field's errors are shown beside it."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from convener.announcements.models import Announcement
from convener.core.timezones import is_known, local_time_problem
from convener.networking.models import VideoSettings
from convener.organise.services.people_import import parse_languages
from convener.people.models import Node, Participant, Region
from convener.program.models import Meeting, Session, SessionRole, Theme


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


class PersonChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Participant) -> str:  # type: ignore[override]
        return f"{obj.name} · {obj.node.name}" if obj.node_id and obj.node else obj.name


class SessionForm(forms.Form):
    """A session of this meeting, its start read in the zone the organiser is looking at."""

    title = forms.CharField(max_length=200)
    kind = forms.ChoiceField(choices=Session.Kind.choices, initial=Session.Kind.PLENARY)
    theme = forms.ModelChoiceField(queryset=Theme.objects.none(), required=False)
    region = forms.ModelChoiceField(
        queryset=Region.objects.all(), required=False, help_text="For a regional session: the region it is for."
    )
    start = forms.DateTimeField(
        widget=forms.DateTimeInput(attrs={"type": "datetime-local", "step": 900}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    duration = forms.IntegerField(
        label="Duration (minutes)", min_value=5, max_value=24 * 60, initial=60, widget=forms.NumberInput({"step": 5})
    )
    goal = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    format = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    preparation = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}), help_text="Markdown.")
    join_link = forms.URLField(required=False, max_length=500, assume_scheme="https")
    facilitators = PersonChoice(queryset=Participant.objects.none(), required=False)
    moderators = PersonChoice(queryset=Participant.objects.none(), required=False)

    def __init__(self, *args: object, meeting: Meeting, zone: ZoneInfo, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.meeting, self.zone = meeting, zone
        self.fields["start"].help_text = f"In {zone.key}."
        people = Participant.objects.filter(meeting=meeting).exclude(role=Participant.Role.GUEST)
        people = people.select_related("node").order_by("name")
        for name in ("facilitators", "moderators"):
            self.fields[name].queryset = people  # type: ignore[attr-defined]
            self.fields[name].widget.attrs.update({"size": 6, "data-filterable": "true"})
        self.fields["theme"].queryset = Theme.objects.filter(meeting=meeting)  # type: ignore[attr-defined]

    def clean_start(self) -> datetime:
        value: datetime = self.cleaned_data["start"]
        naive = value.replace(tzinfo=None)
        near = (self.meeting.start_date - timedelta(days=7), self.meeting.end_date + timedelta(days=7))
        if not near[0] <= naive.date() <= near[1]:
            raise ValidationError(
                f"{naive:%d %b %Y} is outside the meeting ({self.meeting.start_date:%d %b} to "
                f"{self.meeting.end_date:%d %b %Y})."
            )
        problem = local_time_problem(naive, self.zone)
        if problem:
            raise ValidationError(f"{naive:%d %b %Y %H:%M} {problem}.")
        return naive.replace(tzinfo=self.zone)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        both = set(data.get("facilitators") or []) & set(data.get("moderators") or [])
        if both:
            self.add_error("moderators", f"{sorted(p.name for p in both)[0]} is already a facilitator.")
        return data

    def session_fields(self) -> dict[str, object]:
        data = self.cleaned_data
        starts_at = data["start"]
        return {
            "title": data["title"],
            "kind": data["kind"],
            "theme": data["theme"],
            "region": data["region"],
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(minutes=data["duration"]),
            "goal": data["goal"],
            "format": data["format"],
            "preparation": data["preparation"],
            "join_link": data["join_link"],
        }

    def people(self) -> list[tuple[Participant, str]]:
        data = self.cleaned_data
        return [(p, SessionRole.Role.FACILITATOR) for p in data["facilitators"]] + [
            (p, SessionRole.Role.MODERATOR) for p in data["moderators"]
        ]

    @staticmethod
    def initial_for(session: Session, zone: ZoneInfo) -> dict[str, object]:
        roles = list(session.roles.all())
        return {
            "title": session.title,
            "kind": session.kind,
            "theme": session.theme_id,
            "region": session.region_id,
            "start": session.starts_at.astimezone(zone).replace(tzinfo=None),
            "duration": session.duration_minutes,
            "goal": session.goal,
            "format": session.format,
            "preparation": session.preparation,
            "join_link": session.join_link,
            "facilitators": [r.participant_id for r in roles if r.role == SessionRole.Role.FACILITATOR],
            "moderators": [r.participant_id for r in roles if r.role == SessionRole.Role.MODERATOR],
        }


class MoveForm(forms.Form):
    """Where a dragged block (or the plain form beside it) puts a session: a new start, read in ``zone``."""

    start = forms.DateTimeField(input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])

    def __init__(self, *args: object, zone: ZoneInfo, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.zone = zone

    def clean_start(self) -> datetime:
        naive = self.cleaned_data["start"].replace(tzinfo=None)
        problem = local_time_problem(naive, self.zone)
        if problem:
            raise ValidationError(f"{naive:%d %b %Y %H:%M} {problem}.")
        return naive.replace(tzinfo=self.zone)


class NodeForm(forms.ModelForm):
    class Meta:
        model = Node
        fields = ["name", "country", "region", "kind"]


class RegionForm(forms.ModelForm):
    class Meta:
        model = Region
        fields = ["name", "slug"]
