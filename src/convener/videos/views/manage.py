"""The organisers' pages: the meeting's video rules and presentations, adding, changing and removing one,
and attaching a session's recording.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from convener.core import dates
from convener.core.http import forbidden
from convener.program.models import Session
from convener.videos import selectors, services
from convener.videos.forms import PolicyForm, PresentationForm, RecordingForm
from convener.videos.models import Recording
from convener.videos.views.common import get_meeting, get_presentation, organiser_or_refusal, page_context


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """Every presentation with its release, length against the limit and watchers; the limits form."""
    meeting = get_meeting(slug)
    organiser, refusal = organiser_or_refusal(request, meeting)
    if refusal:
        return refusal
    context = page_context(request, meeting)
    policy = selectors.policy_for(meeting)
    status = 200
    if request.method == "POST":
        form = PolicyForm(request.POST, instance=policy)
        if form.is_valid():
            try:
                services.policy_update(
                    meeting=meeting,
                    by=organiser,
                    max_minutes=form.cleaned_data["max_minutes"],
                    max_upload_mb=form.cleaned_data["max_upload_mb"],
                )
            except ValidationError as exc:
                for name, errors in exc.error_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                messages.success(request, "The video rules are saved.")
                return redirect("videos:manage", slug=slug)
        status = 400
        policy = selectors.policy_for(meeting)
    else:
        form = PolicyForm(instance=policy)
    presentations = list(selectors.presentations_qs().filter(meeting=meeting))
    counts = selectors.watched_counts([p.pk for p in presentations])
    registered = selectors.registered_count(meeting)
    now = timezone.now()
    rows = [
        {
            "presentation": p,
            "released": p.release_at <= now,
            "watched": counts.get(p.pk, 0),
            "bar": selectors.bar_width(counts.get(p.pk, 0), registered),
            "length_bar": selectors.bar_width(p.duration_seconds, policy.max_minutes * 60),
        }
        for p in presentations
    ]
    recordings = Recording.objects.filter(session__meeting=meeting).select_related("session")
    context.update(
        form=form,
        policy=policy,
        rows=rows,
        registered=registered,
        recordings=recordings,
        sessions=Session.objects.filter(meeting=meeting).order_by("starts_at"),
    )
    return render(request, "videos/manage.html", context, status=status)


def _presentation_form_view(request: HttpRequest, slug: str, pk: int | None) -> HttpResponse:
    meeting = get_meeting(slug)
    organiser, refusal = organiser_or_refusal(request, meeting)
    if refusal:
        return refusal
    context = page_context(request, meeting)
    presentation = get_presentation(meeting, pk) if pk is not None else None
    status = 200
    if request.method == "POST":
        form = PresentationForm(request.POST, request.FILES, meeting=meeting)
        if form.is_valid():
            try:
                saved = services.presentation_save(
                    meeting=meeting, by=organiser, presentation=presentation, **form.service_kwargs()
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, f"“{saved.title}” is saved.")
                return redirect("videos:presentation", slug=slug, pk=saved.pk)
        status = 400
        if presentation is not None:
            presentation = get_presentation(meeting, presentation.pk)  # undo what the failed save touched
    else:
        zone = context["zone"]
        if presentation is None:
            initial = {"time_zone": str(zone), "language": "en"}
        else:
            release = dates.localtime(presentation.release_at, zone)  # in UTC when the zone cannot hold it
            initial = {
                "title": presentation.title,
                "description": presentation.description,
                "presenters": list(presentation.presenters.all()),
                "theme": presentation.theme,
                "sessions": list(presentation.sessions.all()),
                "time_zone": str(release.tzinfo),
                "release_at": release.strftime("%Y-%m-%d %H:%M"),
                "video_url": presentation.video_url,
                "language": presentation.language,
                "licence": presentation.licence,
                "duration": ""
                if presentation.is_upload
                else f"{presentation.duration_seconds // 60}:{presentation.duration_seconds % 60:02d}",
            }
        form = PresentationForm(meeting=meeting, initial=initial)
    context.update(form=form, presentation=presentation, policy=selectors.policy_for(meeting))
    return render(request, "videos/presentation_form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def presentation_create(request: HttpRequest, slug: str) -> HttpResponse:
    return _presentation_form_view(request, slug, None)


@login_required
@require_http_methods(["GET", "POST"])
def presentation_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _presentation_form_view(request, slug, pk)


@login_required
@require_POST
def presentation_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_meeting(slug)
    organiser, refusal = organiser_or_refusal(request, meeting)
    if refusal:
        return refusal
    presentation = get_presentation(meeting, pk)
    try:
        services.presentation_delete(presentation=presentation, by=organiser)
    except PermissionDenied as exc:
        return forbidden(request, meeting=meeting, reason=str(exc))
    messages.success(request, f"“{presentation.title}” is removed.")
    return redirect("videos:manage", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def recording_attach(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Attach or replace a session's recording, with its chapters."""
    meeting = get_meeting(slug)
    organiser, refusal = organiser_or_refusal(request, meeting)
    if refusal:
        return refusal
    session = get_object_or_404(Session, meeting=meeting, pk=pk)
    current = selectors.recording_for_session(session)
    context = page_context(request, meeting)
    status = 200
    if request.method == "POST":
        form = RecordingForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                recording = services.recording_attach(
                    session=session, by=organiser, absolute_url=request.build_absolute_uri, **form.service_kwargs()
                )
            except ValidationError as exc:
                form.add_service_error(exc)
            else:
                messages.success(request, "The recording is attached and announced in the program's change feed.")
                return redirect("videos:recording", slug=slug, pk=recording.pk)
        status = 400
    elif current is not None:
        form = RecordingForm(
            initial={
                "title": current.title,
                "description": current.description,
                "video_url": current.video_url,
                "language": current.language,
                "licence": current.licence,
                "duration": ""
                if current.is_upload
                else f"{current.duration_seconds // 60}:{current.duration_seconds % 60:02d}",
                "chapters": "\n".join(f"{c.clock} {c.title}" for c in current.chapters.all()),
            }
        )
    else:
        form = RecordingForm(initial={"language": "en"})
    context.update(form=form, session=session, current=current)
    return render(request, "videos/recording_form.html", context, status=status)
