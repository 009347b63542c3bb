"""Admin scoping: an organiser sees and changes only the meetings they organise, and a form's pickers offer only
the people and themes of the meeting being edited (people labelled so that namesakes can be told apart)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from convener.people.models import Participant

_PICKER_SCOPE = "_admin_picker_meeting_ids"


def organised_meeting_ids(request: HttpRequest) -> list[int]:
    if not hasattr(request, "_organised_meeting_ids"):
        request._organised_meeting_ids = list(  # type: ignore[attr-defined]
            Participant.objects.filter(user=request.user, role=Participant.Role.ORGANISER).values_list(
                "meeting_id", flat=True
            )
        )
    return request._organised_meeting_ids  # type: ignore[attr-defined]


def participant_label(participant: Participant) -> str:
    """A person in a picker: the name, then e-mail and node, so that two Camille Laurents can be told apart."""
    details = [participant.user.email, participant.node.name if participant.node_id else ""]
    shown = ", ".join(detail for detail in details if detail)
    return f"{participant.name} ({shown})" if shown else participant.name


def meeting_id_of(obj: models.Model | None, path: str) -> int | None:
    """The meeting ``obj`` belongs to, following ``path`` (``"meeting"``, ``"poll__meeting"``, or ``"pk"`` for a
    meeting itself); None for an object not saved yet."""
    if obj is None or obj.pk is None:
        return None
    if path == "pk":
        return obj.pk
    *through, last = path.split("__")
    for name in through:
        obj = getattr(obj, name)
    return getattr(obj, f"{last}_id")


def picker_meeting_ids(request: HttpRequest, edited_meeting_id: int | None) -> list[int] | None:
    """Whose people and themes a form may pick: the meeting chosen in the form (sent or asked for with
    ``?meeting=``) if the user may use it, else the edited object's meeting, else every meeting the user
    organises. None means no limit (a superuser adding something before choosing its meeting)."""
    allowed = None if request.user.is_superuser else organised_meeting_ids(request)
    chosen = request.POST.get("meeting") or request.GET.get("meeting") or ""
    if chosen.isdigit() and len(chosen) < 18 and (allowed is None or int(chosen) in allowed):
        return [int(chosen)]
    if edited_meeting_id is not None and (allowed is None or edited_meeting_id in allowed):
        return [edited_meeting_id]
    return allowed


def _has_meeting(model: type[models.Model]) -> bool:
    """Whether rows of ``model`` belong to one meeting (a ``meeting`` foreign key of their own)."""
    try:
        field = model._meta.get_field("meeting")
    except FieldDoesNotExist:
        return False
    return bool(field.concrete and (field.many_to_one or field.one_to_one))


class MeetingPickers:
    """Foreign-key pickers limited to the organiser's meetings, and to the meeting being edited when known."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):  # type: ignore[no-untyped-def]
        related = db_field.remote_field.model
        if db_field.name == "meeting" and not request.user.is_superuser:
            # program.Meeting, reached without importing the layer above
            kwargs["queryset"] = related.objects.filter(pk__in=organised_meeting_ids(request))
        elif db_field.name != "meeting" and _has_meeting(related):
            scope = getattr(request, _PICKER_SCOPE, None)
            if scope is None:
                scope = picker_meeting_ids(request, None)
            queryset = kwargs.get("queryset", related._default_manager.all())
            if scope is not None:
                queryset = queryset.filter(meeting_id__in=scope)
            if related is Participant:
                queryset = queryset.select_related("user", "node")
            kwargs["queryset"] = queryset
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
        if related is Participant and isinstance(field, forms.ModelChoiceField):
            field.label_from_instance = participant_label
        return field


class MeetingScopedAdmin(MeetingPickers, admin.ModelAdmin):
    """Limit rows (and foreign-key choices) to the organiser's meetings; superusers see all."""

    meeting_path = "meeting"

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(**{f"{self.meeting_path}__in": organised_meeting_ids(request)})

    def get_form(self, request, obj=None, change=False, **kwargs):  # type: ignore[no-untyped-def]
        setattr(request, _PICKER_SCOPE, picker_meeting_ids(request, meeting_id_of(obj, self.meeting_path)))
        return super().get_form(request, obj, change=change, **kwargs)


class MeetingScopedInline(MeetingPickers, admin.TabularInline):
    """An inline whose pickers offer only the people and themes of its parent's meeting."""

    parent_meeting_path = "meeting"

    def get_formset(self, request, obj=None, **kwargs):  # type: ignore[no-untyped-def]
        setattr(request, _PICKER_SCOPE, picker_meeting_ids(request, meeting_id_of(obj, self.parent_meeting_path)))
        return super().get_formset(request, obj, **kwargs)
