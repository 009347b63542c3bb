"""Write an announcement, preview who gets it, send it; see how the sending goes."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convener.announcements import selectors as announcement_selectors
from convener.announcements import services as announcement_services
from convener.announcements.models import Announcement, Delivery
from convener.organise.access import organiser_view
from convener.organise.forms import AnnouncementForm
from convener.organise.views.common import page
from convener.people.models import Participant
from convener.program.models import Meeting


@require_GET
@organiser_view
def announcement_list(request: HttpRequest, meeting: Meeting, organiser: Participant) -> HttpResponse:
    context = page(request, meeting, organiser, "announcements")
    context["announcements"] = announcement_selectors.of_meeting(meeting.pk)
    return render(request, "organise/announcements.html", context)


def _form_view(
    request: HttpRequest, meeting: Meeting, organiser: Participant, announcement: Announcement | None
) -> HttpResponse:
    initial = {}
    if announcement is not None:
        initial = {
            "subject": announcement.subject,
            "body": announcement.body,
            "audience": announcement.audience,
            "region": announcement.region_id,
            "node_kind": announcement.node_kind,
            "session": announcement.session_id,
        }
    form = AnnouncementForm(request.POST or None, initial=initial, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            saved = announcement_services.announcement_save(
                meeting=meeting, by=organiser, announcement=announcement, **form.cleaned_data
            )
        except ValidationError as exc:
            for field, errors in getattr(exc, "error_dict", {"__all__": exc.error_list}).items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return redirect("organise:announcement_preview", slug=meeting.slug, pk=saved.pk)
    context = page(request, meeting, organiser, "announcements") | {"form": form, "announcement": announcement}
    return render(request, "organise/announcement_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@organiser_view
def announcement_new(request: HttpRequest, meeting: Meeting, organiser: Participant) -> HttpResponse:
    return _form_view(request, meeting, organiser, None)


@require_http_methods(["GET", "POST"])
@organiser_view
def announcement_edit(request: HttpRequest, meeting: Meeting, organiser: Participant, pk: int) -> HttpResponse:
    announcement = get_object_or_404(Announcement, meeting=meeting, pk=pk)
    if announcement.status != Announcement.Status.DRAFT:
        messages.error(request, "This announcement is already sent; write a new one.")
        return redirect("organise:announcement_preview", slug=meeting.slug, pk=pk)
    return _form_view(request, meeting, organiser, announcement)


@require_GET
@organiser_view
def announcement_preview(request: HttpRequest, meeting: Meeting, organiser: Participant, pk: int) -> HttpResponse:
    announcement = get_object_or_404(Announcement.objects.select_related("region", "session"), meeting=meeting, pk=pk)
    people = list(announcement_services.audience_people(announcement))
    opted_out = [p for p in people if getattr(p, "mail", None) is not None and not p.mail.announcements]
    context = page(request, meeting, organiser, "announcements") | {
        "announcement": announcement,
        "people": people,
        "opted_out": opted_out,
        "delivery_counts": {
            label: announcement.deliveries.filter(status=status).count() for status, label in Delivery.Status.choices
        },
    }
    return render(request, "organise/announcement_preview.html", context)


@require_POST
@organiser_view
def announcement_send(request: HttpRequest, meeting: Meeting, organiser: Participant, pk: int) -> HttpResponse:
    announcement = get_object_or_404(Announcement, meeting=meeting, pk=pk)
    try:
        queued = announcement_services.announcement_send(announcement=announcement, by=organiser)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"Sent: it shows on the meeting's pages, and {queued} emails are on their way (one per person)."
        )
    return redirect("organise:announcement_preview", slug=meeting.slug, pk=pk)
