from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest

from convener.people.admin_scope import MeetingScopedAdmin, MeetingScopedInline
from convener.people.models import Participant
from convener.program import services
from convener.program.models import Meeting, ProgramChange, Session, SessionRole, Theme


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0
    fields = ["name", "order", "description"]


@admin.register(Meeting)
class MeetingAdmin(MeetingScopedAdmin):
    meeting_path = "pk"
    list_display = ["name", "start_date", "end_date", "time_zone", "registration"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ThemeInline]

    def save_model(self, request: HttpRequest, obj: Meeting, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        if change:
            super().save_model(request, obj, form, change)
        else:  # whoever creates a meeting organises it, as everywhere else meetings are made
            known_as = (
                Participant.objects.filter(user=request.user).order_by("-created_at").values_list("name", flat=True)
            )
            services.meeting_save_new(meeting=obj, user=request.user, organiser_name=known_as.first() or "")


class SessionRoleFormSet(forms.BaseInlineFormSet):
    """Facilitators and moderators: same meeting, and never booked on two overlapping sessions."""

    def clean(self) -> None:
        super().clean()
        session: Session = self.instance
        if not (session.starts_at and session.ends_at):
            return
        ids = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            participant = form.cleaned_data.get("participant")
            if participant is None:
                continue
            if participant.meeting_id != session.meeting_id:
                raise ValidationError(f"{participant.name} is not a participant of this meeting.")
            ids.append(participant.pk)
        services.check_people_free(
            session=session, participant_ids=ids, starts_at=session.starts_at, ends_at=session.ends_at
        )


class SessionRoleInline(MeetingScopedInline):
    """People are picked from a list of this meeting's participants only, labelled with e-mail and node."""

    model = SessionRole
    formset = SessionRoleFormSet
    extra = 1
    verbose_name = "facilitator or moderator"
    verbose_name_plural = "facilitators and moderators"


@admin.register(Session)
class SessionAdmin(MeetingScopedAdmin):
    list_display = ["title", "kind", "starts_at", "ends_at", "theme", "region", "meeting"]
    list_filter = ["meeting", "kind", "theme", "region", ("recording_url", admin.EmptyFieldListFilter)]
    search_fields = ["title", "goal", "format", "roles__participant__name"]
    date_hierarchy = "starts_at"
    list_select_related = ["theme", "region", "meeting"]
    inlines = [SessionRoleInline]
    fieldsets = [
        (None, {"fields": ["meeting", "kind", "title", "theme", "region"]}),
        ("When (in your time zone)", {"fields": ["starts_at", "ends_at"]}),
        ("Content", {"fields": ["goal", "format", "preparation"]}),
        ("Links", {"fields": ["join_link", "recording_url"]}),
    ]

    def save_model(self, request: HttpRequest, obj: Session, form, change: bool) -> None:  # type: ignore[no-untyped-def]
        old = Session.objects.filter(pk=obj.pk).values("starts_at", "ends_at", "recording_url").first() or {}
        super().save_model(request, obj, form, change)
        services.record_session_changes(
            session=obj,
            old_starts_at=old.get("starts_at"),
            old_ends_at=old.get("ends_at"),
            old_recording_url=old.get("recording_url", ""),
            created=not change,
        )

    def delete_model(self, request: HttpRequest, obj: Session) -> None:
        services.session_cancel(session=obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Session]) -> None:
        for session in queryset.select_related("meeting"):
            services.session_cancel(session=session)


@admin.register(Theme)
class ThemeAdmin(MeetingScopedAdmin):
    list_display = ["name", "meeting", "order"]
    list_filter = ["meeting"]
    search_fields = ["name"]


@admin.register(ProgramChange)
class ProgramChangeAdmin(MeetingScopedAdmin):
    list_display = ["title", "kind", "created_at", "meeting"]
    list_filter = ["meeting", "kind"]
    search_fields = ["title", "summary"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
