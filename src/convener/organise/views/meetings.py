"""A new meeting, and who organises it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from convener.core.http import forbidden
from convener.organise.access import may_create_meetings, organiser_view
from convener.organise.forms import MeetingForm, OrganiserForm
from convener.organise.services import meetings as services
from convener.organise.views.common import page
from convener.people.models import Participant
from convener.program.models import Meeting


def _earlier(request: HttpRequest):  # type: ignore[no-untyped-def]
    return Meeting.objects.filter(
        participants__user=request.user, participants__role=Participant.Role.ORGANISER
    ).order_by("-start_date")


@login_required
@require_http_methods(["GET", "POST"])
def meeting_new(request: HttpRequest) -> HttpResponse:
    if not may_create_meetings(request.user):
        return forbidden(
            request,
            "Creating meetings is for the people the network's staff allowed to: ask them "
            "(they grant it in the admin or with `convener manage allow_meeting_creation <email>`).",
        )
    form = MeetingForm(request.POST or None, earlier=_earlier(request))
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_new(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            for field, errors in getattr(exc, "error_dict", {"__all__": exc.messages}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, f"{meeting.name} is made, and you organise it.")
            return redirect("organise:dashboard", slug=meeting.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "organise/meeting_new.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
@organiser_view
def organisers(request: HttpRequest, meeting: Meeting, organiser: Participant) -> HttpResponse:
    form = OrganiserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            person, new_account = services.organiser_add(meeting=meeting, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error("email", exc)
        else:
            note = " Their account is new: send them an invitation from People." if new_account else ""
            messages.success(request, f"{person.name} now organises {meeting.name}.{note}")
            return redirect("organise:organisers", slug=meeting.slug)
    context = page(request, meeting, organiser, "organisers")
    context |= {
        "form": form,
        "organisers": meeting.participants.filter(role=Participant.Role.ORGANISER).select_related("user"),
    }
    return render(request, "organise/organisers.html", context, status=400 if form.errors else 200)


@require_POST
@organiser_view
def organiser_remove(request: HttpRequest, meeting: Meeting, organiser: Participant, pk: int) -> HttpResponse:
    person = get_object_or_404(Participant, meeting=meeting, pk=pk)
    try:
        services.organiser_remove(meeting=meeting, participant=person)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("organise:organisers", slug=meeting.slug)
    messages.success(request, f"{person.name} no longer organises {meeting.name}.")
    if person.pk == organiser.pk:  # they stepped down: the organiser area is closed to them now
        return redirect("program:program", slug=meeting.slug)
    return redirect("organise:organisers", slug=meeting.slug)
