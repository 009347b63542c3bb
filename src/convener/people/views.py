"""The time-zone chooser: every page shows times in the zone picked here."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from convener.core.forms import TimeZoneForm
from convener.core.http import safe_next
from convener.core.middleware import TZ_COOKIE
from convener.people.services import participant_set_time_zone

ONE_YEAR = 365 * 24 * 3600


@require_http_methods(["GET", "POST"])
def time_zone(request: HttpRequest) -> HttpResponse:
    """Pick the zone every time is shown in; remembered in a cookie and on the profile."""
    current = getattr(request, "viewer_zone", None)
    if request.method == "POST":
        form = TimeZoneForm(request.POST)
        if form.is_valid():
            name = form.cleaned_data["time_zone"]
            if request.user.is_authenticated:
                participant_set_time_zone(user=request.user, time_zone=name)
            response = HttpResponseRedirect(safe_next(request, form.cleaned_data["next"]))
            response.set_cookie(TZ_COOKIE, name, max_age=ONE_YEAR, samesite="Lax", secure=settings.HTTPS)
            return response
        status = 400
    else:
        initial = {"time_zone": str(current) if current else "UTC", "next": request.GET.get("next", "")}
        form = TimeZoneForm(initial=initial)
        status = 200
    return render(request, "core/time_zone.html", {"form": form}, status=status)
