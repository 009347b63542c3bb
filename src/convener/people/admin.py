from __future__ import annotations

from django.contrib import admin

from convener.people.access import organiser_access_sync
from convener.people.admin_scope import MeetingScopedAdmin
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


@admin.register(Participant)
class ParticipantAdmin(MeetingScopedAdmin):
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
