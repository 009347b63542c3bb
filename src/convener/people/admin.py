from __future__ import annotations

from django import forms
from django.conf.locale import LANG_INFO
from django.contrib import admin

from convener.core import timezones
from convener.people.access import organiser_access_sync
from convener.people.admin_scope import MeetingScopedAdmin
from convener.people.forms import LANGUAGE_CHOICES
from convener.people.models import Node, Participant, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Node)
class NodeAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "region", "kind"]
    list_filter = ["region", "kind"]
    search_fields = ["name"]
    list_select_related = ["region"]


class ParticipantAdminForm(forms.ModelForm):
    """Languages picked from a list rather than typed as a JSON list; the time zone picked from the IANA zones."""

    languages = forms.MultipleChoiceField(
        choices=LANGUAGE_CHOICES,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text="Languages they can hold a conversation in. Hold Ctrl (⌘ on a Mac) to choose several.",
        error_messages={"invalid_choice": "%(value)s is not a language on the list; choose from it."},
    )
    time_zone = forms.ChoiceField(
        required=False,
        help_text="Empty: the meeting's time zone until they choose their own.",
        error_messages={
            "invalid_choice": "%(value)s is not a known time zone; choose one such as Europe/Copenhagen from the list."
        },
    )

    class Meta:
        model = Participant
        fields = [
            "meeting",
            "user",
            "name",
            "node",
            "role",
            "time_zone",
            "languages",
            "work_start",
            "work_end",
            "represents",
        ]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # A code or a zone saved before (an old IANA name, a regional variant such as zh-hans) stays choosable.
        current = self.instance.languages if isinstance(self.instance.languages, list) else []
        offered = {code for code, _ in LANGUAGE_CHOICES}
        extra = [(c, LANG_INFO[c].get("name", c)) for c in current if c in LANG_INFO and c not in offered]
        self.fields["languages"].choices = LANGUAGE_CHOICES + extra
        zones = [("", "—"), *timezones.choices()]
        saved = self.instance.time_zone
        if saved and timezones.is_known(saved) and saved not in {value for value, _ in zones}:
            zones.append((saved, saved))
        self.fields["time_zone"].choices = zones


@admin.register(Participant)
class ParticipantAdmin(MeetingScopedAdmin):
    form = ParticipantAdminForm
    list_display = ["name", "email", "node", "role", "time_zone", "meeting"]
    list_filter = ["meeting", "role", "node__region", "node__kind"]
    list_editable = ["role"]
    search_fields = ["name", "user__email", "node__name"]
    list_select_related = ["user", "node", "meeting"]
    autocomplete_fields = ["node", "user"]
    readonly_fields = ["calendar_token"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        super().save_model(request, obj, form, change)
        organiser_access_sync(obj.user)

    @admin.display(ordering="user__email")
    def email(self, obj: Participant) -> str:
        return obj.user.email
