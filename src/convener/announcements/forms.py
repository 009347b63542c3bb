from __future__ import annotations

from django import forms

from convener.announcements.models import MailPreference


class PreferencesForm(forms.ModelForm):
    class Meta:
        model = MailPreference
        fields = ["announcements", "reminder_minutes"]
        labels = {
            "announcements": "Email me the organisers' announcements",
            "reminder_minutes": "Remind me by email this many minutes before each session I starred",
        }
        widgets = {"reminder_minutes": forms.NumberInput(attrs={"min": 5, "max": 1440, "step": 5})}
