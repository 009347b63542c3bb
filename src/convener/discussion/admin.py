"""Read-only admin lists: changes go through the pages (services), which broadcast them live."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from convener.discussion.models import LivePoll, Question, Topic
from convener.people.admin_scope import MeetingScopedAdmin


class ReadOnlyAdmin(MeetingScopedAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Topic)
class TopicAdmin(ReadOnlyAdmin):
    list_display = ["title", "target_kind", "target_id", "author", "is_hidden", "is_locked", "created_at"]
    list_filter = ["meeting", "target_kind", "is_hidden", "is_locked"]
    search_fields = ["title", "body"]


@admin.register(Question)
class QuestionAdmin(ReadOnlyAdmin):
    meeting_path = "session__meeting"
    list_display = ["text", "session", "author", "anonymous", "status", "votes", "created_at"]
    list_filter = ["status", "anonymous", "session__meeting"]
    search_fields = ["text"]


@admin.register(LivePoll)
class LivePollAdmin(ReadOnlyAdmin):
    meeting_path = "session__meeting"
    list_display = ["question", "session", "kind", "status", "created_at"]
    list_filter = ["status", "kind"]
