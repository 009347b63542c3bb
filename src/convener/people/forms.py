from __future__ import annotations

from django import forms
from django.conf.locale import LANG_INFO

from convener.core import timezones
from convener.core.text import validate_single_line
from convener.people.models import Node

LANGUAGE_CHOICES = sorted(
    ((code, info["name"]) for code, info in LANG_INFO.items() if "name" in info and "-" not in code),
    key=lambda item: item[1],
)


class RegisterForm(forms.Form):
    # One line: the name appears in calendar files and CSV exports.
    name = forms.CharField(label="Your name", max_length=150, validators=[validate_single_line])
    node = forms.ModelChoiceField(
        label="Your node",
        queryset=Node.objects.select_related("region"),
        required=False,
        help_text="Leave empty if you do not belong to a node of the network.",
    )
    time_zone = forms.ChoiceField(label="Your time zone", choices=timezones.choices)
    languages = forms.MultipleChoiceField(
        label="Languages you can hold a conversation in",
        choices=LANGUAGE_CHOICES,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
