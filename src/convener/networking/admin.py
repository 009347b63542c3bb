from __future__ import annotations

from django.contrib import admin

from convener.networking.models import NetworkingPlan, Prompt, VideoSettings
from convener.people.admin_scope import MeetingScopedAdmin


@admin.register(Prompt)
class PromptAdmin(MeetingScopedAdmin):
    """The prompt bank: questions to start conversations, one per round in order."""

    list_display = ["text", "order", "meeting"]
    list_editable = ["order"]
    list_filter = ["meeting"]
    search_fields = ["text"]


@admin.register(VideoSettings)
class VideoSettingsAdmin(MeetingScopedAdmin):
    list_display = ["meeting", "provider", "jitsi_base_url"]
    list_filter = ["provider"]


@admin.register(NetworkingPlan)
class NetworkingPlanAdmin(MeetingScopedAdmin):
    meeting_path = "session__meeting"
    list_display = ["session", "status", "current_round", "rounds", "room_min", "room_max"]
    list_filter = ["status"]
    readonly_fields = ["status", "current_round", "round_started_at", "quality"]
