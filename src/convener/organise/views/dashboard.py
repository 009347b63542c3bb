"""The meeting at a glance."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from convener.organise import selectors
from convener.organise.access import organiser_view
from convener.organise.views.common import page
from convener.people.models import Participant
from convener.program.models import Meeting


@require_GET
@organiser_view
def dashboard(request: HttpRequest, meeting: Meeting, organiser: Participant) -> HttpResponse:
    context = page(request, meeting, organiser, "dashboard")
    context["board"] = selectors.dashboard(meeting, timezone.now())
    return render(request, "organise/dashboard.html", context)
