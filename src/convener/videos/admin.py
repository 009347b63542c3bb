"""Videos in the admin, read-only: presentations and recordings are added on the site's pages,
where the services read each file's duration and enforce the meeting's limits."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from convener.people.admin_scope import MeetingScopedAdmin
from convener.videos.models import Presentation, Recording, VideoPolicy, Watch


class ReadOnly(MeetingScopedAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Presentation)
class PresentationAdmin(ReadOnly):
    list_display = ["title", "meeting", "release_at", "duration_seconds", "language", "licence"]
    list_filter = [("meeting", admin.RelatedOnlyFieldListFilter), "licence", "language"]
    search_fields = ["title"]


@admin.register(Recording)
class RecordingAdmin(ReadOnly):
    meeting_path = "session__meeting"
    list_display = ["title", "session", "duration_seconds", "language", "licence", "published_at"]


@admin.register(VideoPolicy)
class VideoPolicyAdmin(ReadOnly):
    list_display = ["meeting", "max_minutes", "max_upload_mb"]


@admin.register(Watch)
class WatchAdmin(ReadOnly):
    meeting_path = "presentation__meeting"
    list_display = ["presentation", "participant", "seconds", "watched", "updated_at"]
