"""A participant's announcements and their email choices."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from convener.announcements import selectors, services
from convener.announcements.forms import PreferencesForm
from convener.core.http import forbidden
from convener.people.selectors import is_member, participant_for
from convener.program.context import meeting_page
from convener.program.models import Meeting


@login_required
@require_GET
def announcement_list(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = get_object_or_404(Meeting, slug=slug)
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    context = meeting_page(request, meeting, participant)
    context["announcements"] = selectors.for_user(slug=slug, user=request.user)[:50]
    return render(request, "announcements/list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = get_object_or_404(Meeting, slug=slug)
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    if not is_member(participant):
        return forbidden(request, "Email choices are for the meeting's participants.", meeting=meeting)
    assert participant is not None
    form = PreferencesForm(request.POST or None, instance=services.preferences_for(participant))
    if request.method == "POST" and form.is_valid():
        services.preferences_set(participant=participant, **form.cleaned_data)
        messages.success(request, "Your email choices are saved.")
        return redirect("announcements:preferences", slug=slug)
    context = meeting_page(request, meeting, participant) | {"form": form}
    return render(request, "announcements/preferences.html", context, status=400 if form.errors else 200)
