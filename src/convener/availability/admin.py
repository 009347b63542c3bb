"""Availability polls in the admin: organisers see only their meetings' polls.

Polls are proposed and answered on the site (the services check the rules);
here organisers find, fix a title or status, and delete. Answers are read-only.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from convener.availability.models import AvailabilityPoll, PollAnswer, PollOption
from convener.people.admin_scope import MeetingScopedAdmin, organised_meeting_ids


class PollOptionInline(admin.TabularInline):
    model = PollOption
    extra = 0
    fields = ["starts_at"]


@admin.register(AvailabilityPoll)
class AvailabilityPollAdmin(MeetingScopedAdmin):
    list_display = ["title", "status", "duration_minutes", "session", "meeting", "created_by", "created_at"]
    list_filter = [("meeting", admin.RelatedOnlyFieldListFilter), "status"]
    search_fields = ["title", "description", "session__title", "created_by__name"]
    list_select_related = ["meeting", "session", "created_by"]
    inlines = [PollOptionInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if not request.user.is_superuser:
            from convener.people.models import Participant
            from convener.program.models import Session

            meetings = organised_meeting_ids(request)
            if db_field.name == "session":
                kwargs["queryset"] = Session.objects.filter(meeting_id__in=meetings)
            elif db_field.name == "created_by":
                kwargs["queryset"] = Participant.objects.filter(meeting_id__in=meetings)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(PollOption)
class PollOptionAdmin(MeetingScopedAdmin):
    meeting_path = "poll__meeting"
    list_display = ["starts_at", "poll"]
    list_filter = [("poll__meeting", admin.RelatedOnlyFieldListFilter), "poll__status"]
    search_fields = ["poll__title"]
    list_select_related = ["poll"]
    date_hierarchy = "starts_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # options are proposed with their poll

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(PollAnswer)
class PollAnswerAdmin(MeetingScopedAdmin):
    meeting_path = "option__poll__meeting"
    list_display = ["participant", "answer", "option", "poll_title", "answered_at"]
    list_filter = [
        "answer",
        ("option__poll__meeting", admin.RelatedOnlyFieldListFilter),
        ("option__poll", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["participant__name", "option__poll__title"]
    list_select_related = ["participant", "option", "option__poll"]

    @admin.display(description="poll", ordering="option__poll__title")
    def poll_title(self, obj: PollAnswer) -> str:
        return obj.option.poll.title

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # participants answer on the site

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
