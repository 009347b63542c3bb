from __future__ import annotations

from django import forms


class PlanForm(forms.Form):
    rounds = forms.IntegerField(min_value=1, max_value=30, initial=5)
    minutes_per_round = forms.IntegerField(label="Minutes per round", min_value=2, max_value=120, initial=8)
    room_min = forms.IntegerField(label="Smallest room", min_value=2, max_value=50, initial=3)
    room_max = forms.IntegerField(label="Largest room", min_value=2, max_value=50, initial=5)

    def clean(self) -> dict[str, object]:
        data = super().clean()
        if data.get("room_min") and data.get("room_max") and data["room_min"] > data["room_max"]:
            self.add_error("room_max", "The largest room cannot be smaller than the smallest.")
        return data
