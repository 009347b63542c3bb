"""Registering for a meeting: a signed-in user joins it with a name, node, zone and languages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from convener.core.http import forbidden, safe_next
from convener.people.forms import RegisterForm
from convener.people.selectors import participant_for
from convener.people.services import participant_register
from convener.program.models import Meeting


@login_required
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, slug: str) -> HttpResponse:
    """A signed-in user joins a meeting: name, node, zone, languages."""
    meeting = get_object_or_404(Meeting, slug=slug)
    if participant_for(user=request.user, meeting_id=meeting.pk) is not None:
        return redirect("program:program", slug=slug)
    if not meeting.open_to_sign_up:
        return forbidden(
            request,
            meeting=meeting,
            reason=f"{meeting.name} takes no sign-ups: "
            + (
                "its organisers invite its participants. Ask them for an invitation."
                if meeting.registration == Meeting.Registration.INVITE
                else "registration is closed."
            ),
        )
    zone = getattr(request, "viewer_zone", None)
    if request.method == "POST":
        form = RegisterForm(request.POST)
        if form.is_valid():
            try:
                participant_register(meeting=meeting, user=request.user, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if request.GET.get("next"):
                    return redirect(safe_next(request, request.GET["next"]))
                return redirect("program:program", slug=slug)
    else:
        form = RegisterForm(initial={"time_zone": str(zone) if zone else meeting.time_zone, "languages": ["en"]})
    status = 400 if request.method == "POST" else 200
    return render(request, "program/register.html", {"form": form, "meeting": meeting}, status=status)
