from __future__ import annotations

from django import forms

from convener.core import timezones


class TimeZoneForm(forms.Form):
    time_zone = forms.ChoiceField(label="Your time zone", choices=timezones.choices)
    next = forms.CharField(required=False, widget=forms.HiddenInput)
