"""Imported sessions still to place, and listed presentations, in the admin: read-only, scoped to the organiser's
meetings. They are written by ``convener import`` and placed through ``services.unscheduled_place`` (the organiser
area's pages will call it), so that every program session goes through ``program.services``."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from convener.people.admin_scope import MeetingScopedAdmin
from convener.programio.models import ListedPresentation, UnscheduledSession


class ReadOnly(MeetingScopedAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(UnscheduledSession)
class UnscheduledSessionAdmin(ReadOnly):
    list_display = ["title", "meeting", "kind", "theme", "created_at"]
    list_filter = [("meeting", admin.RelatedOnlyFieldListFilter), "kind"]
    search_fields = ["title"]


@admin.register(ListedPresentation)
class ListedPresentationAdmin(ReadOnly):
    list_display = ["title", "meeting", "session", "unscheduled", "video_url", "release_on"]
    list_filter = [("meeting", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title"]
