"""Form fields other apps use to pick a meeting's sessions, labelled with their start in a given zone.

Each label names its zone (``Opening plenary (Thu 25 Mar, 14:00 CET)``) and the
widget carries it as ``data-zone``: an option cannot hold a ``<time>`` element.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django import forms
from django.utils import formats

from convener.core.timezones import abbreviation
from convener.program.models import Session


class _SessionLabels:
    widget: forms.Widget
    _zone: ZoneInfo

    @property
    def zone(self) -> ZoneInfo:
        return self._zone

    @zone.setter
    def zone(self, value: ZoneInfo) -> None:
        self._zone = value
        self.widget.attrs["data-zone"] = value.key

    def label_from_instance(self, obj: Session) -> str:
        local = obj.starts_at.astimezone(self.zone)
        return f"{obj.title} ({formats.date_format(local, 'D j M, H:i')} {abbreviation(local)})"


class SessionChoiceField(_SessionLabels, forms.ModelChoiceField):
    def __init__(self, *args: object, zone: ZoneInfo, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.zone = zone


class SessionMultipleChoiceField(_SessionLabels, forms.ModelMultipleChoiceField):
    def __init__(self, *args: object, zone: ZoneInfo, **kwargs: object):
        super().__init__(*args, **kwargs)
        self.zone = zone
