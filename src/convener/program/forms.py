"""Form fields other apps use to pick a meeting's sessions, labelled with their start in a given zone."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django import forms
from django.utils import formats

from convener.program.models import Session


class _SessionLabels:
    zone: ZoneInfo

    def label_from_instance(self, obj: Session) -> str:
        return f"{obj.title} ({formats.date_format(obj.starts_at.astimezone(self.zone), 'D j M, H:i')})"


class SessionChoiceField(_SessionLabels, forms.ModelChoiceField):
    def __init__(self, *args: object, zone: ZoneInfo, **kwargs: object):
        self.zone = zone
        super().__init__(*args, **kwargs)


class SessionMultipleChoiceField(_SessionLabels, forms.ModelMultipleChoiceField):
    def __init__(self, *args: object, zone: ZoneInfo, **kwargs: object):
        self.zone = zone
        super().__init__(*args, **kwargs)
