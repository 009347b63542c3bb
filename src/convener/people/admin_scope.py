"""Admin scoping: an organiser sees and changes only the meetings they organise."""

from __future__ import annotations

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from convener.people.models import Participant


def organised_meeting_ids(request: HttpRequest) -> list[int]:
    if not hasattr(request, "_organised_meeting_ids"):
        request._organised_meeting_ids = list(  # type: ignore[attr-defined]
            Participant.objects.filter(user=request.user, role=Participant.Role.ORGANISER).values_list(
                "meeting_id", flat=True
            )
        )
    return request._organised_meeting_ids  # type: ignore[attr-defined]


class MeetingScopedAdmin(admin.ModelAdmin):
    """Limit rows (and foreign-key choices) to the organiser's meetings; superusers see all."""

    meeting_path = "meeting"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.meeting_path}__in": organised_meeting_ids(request)})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        if db_field.name == "meeting" and not request.user.is_superuser:
            meetings = db_field.remote_field.model  # program.Meeting, reached without importing the layer above
            kwargs["queryset"] = meetings.objects.filter(pk__in=organised_meeting_ids(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
