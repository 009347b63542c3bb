"""Video pages: thin views over videos.selectors and videos.services.

Who may do what: anyone may open the library and a presentation's page, and
sees what ``selectors.presentation_state`` allows (before the release time only
the title and the date). Files are served only to those who may watch. The
meeting's members mark presentations watched; organisers add, change and
remove presentations, set the meeting's limits and attach recordings.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from convener.core import dates
from convener.core.http import safe_next
from convener.people.models import Participant
from convener.people.selectors import is_member, is_organiser, participant_for
from convener.program.context import meeting_page
from convener.program.models import Meeting, Session
from convener.videos import ranges, selectors, services
from convener.videos.forms import LibraryFilterForm, PolicyForm, PresentationForm, RecordingForm
from convener.videos.models import Presentation, Recording


def _meeting(slug: str) -> Meeting:
    return get_object_or_404(Meeting, slug=slug)


def _context(request: HttpRequest, meeting: Meeting) -> dict[str, object]:
    return meeting_page(request, meeting, participant_for(user=request.user, meeting_id=meeting.pk))


def _forbidden(request: HttpRequest, meeting: Meeting, reason: str) -> HttpResponse:
    return render(request, "videos/forbidden.html", {"meeting": meeting, "reason": reason}, status=403)


def _organiser_or_refusal(request: HttpRequest, meeting: Meeting) -> tuple[Participant | None, HttpResponse | None]:
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    if participant is None:
        query = urlencode({"next": request.get_full_path()})
        return None, redirect(f"{reverse('program:register', kwargs={'slug': meeting.slug})}?{query}")
    if not is_organiser(participant):
        return None, _forbidden(request, meeting, "Only the meeting's organisers manage its videos.")
    return participant, None


def _presentation(meeting: Meeting, pk: int) -> Presentation:
    presentation = selectors.presentations_qs().filter(meeting=meeting, pk=pk).first()
    if presentation is None:
        raise Http404("No such presentation in this meeting.")
    return presentation


def _recording(meeting: Meeting, pk: int) -> Recording:
    recording = (
        Recording.objects.filter(session__meeting=meeting, pk=pk)
        .select_related("session", "session__meeting", "session__theme")
        .prefetch_related("chapters", "session__roles__participant")
        .first()
    )
    if recording is None:
        raise Http404("No such recording in this meeting.")
    return recording


# ------------------------------------------------------------------ library


@require_safe
def library(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = _meeting(slug)
    context = _context(request, meeting)
    now = timezone.now()
    form = LibraryFilterForm(request.GET or None, meeting=meeting, languages=selectors.library_languages(meeting))
    filters = selectors.LibraryFilter()
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            filters = selectors.LibraryFilter(
                theme=data["theme"].pk if data["theme"] else None,
                language=data["language"],
                licence=data["licence"],
                kind=data["kind"],
            )
        else:
            status = 400
    entries = selectors.library(meeting=meeting, participant=context["participant"], now=now, filters=filters)
    context.update(
        form=form,
        entries=entries,
        filtered=filters != selectors.LibraryFilter(),
        public=selectors.library_is_public(meeting, now),
        opens_at=selectors.library_opens_at(meeting),
        is_member=is_member(context["participant"]),
    )
    return render(request, "videos/library.html", context, status=status)


@require_safe
def presentation_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = _meeting(slug)
    context = _context(request, meeting)
    presentation = _presentation(meeting, pk)
    now = timezone.now()
    participant = context["participant"]
    state = selectors.presentation_state(presentation, participant, now)
    watch = selectors.watches_of(participant, [presentation.pk]).get(presentation.pk)
    sessions = list(presentation.sessions.all())
    counts = None
    if any(selectors.can_see_counts(participant, s) for s in sessions) or is_organiser(participant):
        registered = selectors.registered_count(meeting)
        watched = selectors.watched_counts([presentation.pk]).get(presentation.pk, 0)
        counts = {"watched": watched, "registered": registered, "bar": selectors.bar_width(watched, registered)}
    context.update(
        presentation=presentation,
        state=state,
        watch=watch,
        sessions=sessions,
        counts=counts,
        released=presentation.release_at <= now,
        opens_at=selectors.library_opens_at(meeting),
        can_mark=state == selectors.FULL and participant is not None,
        page_url=request.build_absolute_uri(),
    )
    return render(request, "videos/presentation_detail.html", context)


def _file_response(
    request: HttpRequest, field: object, *, content_type: str, etag_key: str, filename: str, attachment: bool = False
) -> HttpResponse:
    if not field:
        raise Http404("There is no such file.")
    try:
        return ranges.serve(
            request,
            storage=field.storage,
            name=field.name,
            content_type=content_type,
            etag=f'"{etag_key}"',
            filename=filename,
            attachment=attachment,
        )
    except FileNotFoundError:
        raise Http404("The file is missing from storage.") from None


def _presentation_file(request: HttpRequest, slug: str, pk: int, which: str) -> HttpResponse:
    meeting = _meeting(slug)
    presentation = _presentation(meeting, pk)
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    if selectors.presentation_state(presentation, participant, timezone.now()) != selectors.FULL:
        raise Http404("No such file.")
    field = getattr(presentation, which)
    stamp = int(presentation.updated_at.timestamp())
    if which == "video_file":
        return _file_response(
            request,
            field,
            content_type=presentation.content_type or "video/mp4",
            etag_key=f"p{pk}-{stamp}-{field.name[-12:] if field else ''}",
            filename=f"presentation-{pk}{field.name[field.name.rfind('.') :] if field else ''}",
        )
    if which == "captions":
        return _file_response(
            request,
            field,
            content_type="text/vtt; charset=utf-8",
            etag_key=f"pc{pk}-{stamp}",
            filename=f"presentation-{pk}.vtt",
        )
    return _file_response(
        request,
        field,
        content_type="application/pdf",
        etag_key=f"ps{pk}-{stamp}",
        filename=f"presentation-{pk}-slides.pdf",
        attachment=True,
    )


@require_safe
def presentation_video(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _presentation_file(request, slug, pk, "video_file")


@require_safe
def presentation_captions(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _presentation_file(request, slug, pk, "captions")


@require_safe
def presentation_slides(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _presentation_file(request, slug, pk, "slides")


@login_required
@require_POST
def presentation_watched(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Mark watched (watched=1) or not (watched=0); htmx swaps the button, a plain post goes back."""
    meeting = _meeting(slug)
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    if participant is None:
        return redirect("program:register", slug=slug)
    presentation = _presentation(meeting, pk)
    wanted = request.POST.get("watched")
    if wanted not in {"0", "1"}:
        return HttpResponse("Say watched=1 to mark it watched or watched=0 to undo.", status=400)
    try:
        watch = services.watch_set(
            participant=participant, presentation=presentation, watched=wanted == "1", now=timezone.now()
        )
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400)
    if request.htmx:
        return render(
            request,
            "videos/_watched.html",
            {"meeting": meeting, "presentation": presentation, "watch": watch, "next": request.POST.get("next", "")},
        )
    back = request.POST.get("next") or reverse("videos:presentation", kwargs={"slug": slug, "pk": pk})
    return redirect(safe_next(request, back))


@login_required
@require_POST
def presentation_progress(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The player reports how far it got (seconds=N); answers with the saved state as JSON."""
    meeting = _meeting(slug)
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    if participant is None:
        return JsonResponse({"error": "Register for the meeting first."}, status=403)
    presentation = _presentation(meeting, pk)
    text = request.POST.get("seconds", "")
    try:
        seconds = int(float(text))
    except (ValueError, OverflowError):
        return JsonResponse({"error": "seconds must be a number."}, status=400)
    try:
        watch = services.watch_progress(
            participant=participant, presentation=presentation, seconds=seconds, now=timezone.now()
        )
    except ValidationError as exc:
        return JsonResponse({"error": " ".join(exc.messages)}, status=400)
    return JsonResponse({"seconds": watch.seconds, "watched": watch.watched})


@require_safe
def recording_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = _meeting(slug)
    context = _context(request, meeting)
    recording = _recording(meeting, pk)
    now = timezone.now()
    context.update(
        recording=recording,
        session=recording.session,
        visible=selectors.can_see_recording(recording, context["participant"], now),
        opens_at=selectors.library_opens_at(meeting),
        page_url=request.build_absolute_uri(),
        people=[role.participant.name for role in recording.session.roles.all()],
    )
    return render(request, "videos/recording_detail.html", context)


def _recording_file(request: HttpRequest, slug: str, pk: int, which: str) -> HttpResponse:
    meeting = _meeting(slug)
    recording = _recording(meeting, pk)
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    if not selectors.can_see_recording(recording, participant, timezone.now()):
        raise Http404("No such file.")
    field = getattr(recording, which)
    stamp = int(recording.updated_at.timestamp())
    if which == "video_file":
        return _file_response(
            request,
            field,
            content_type=recording.content_type or "video/mp4",
            etag_key=f"r{pk}-{stamp}-{field.name[-12:] if field else ''}",
            filename=f"recording-{pk}{field.name[field.name.rfind('.') :] if field else ''}",
        )
    return _file_response(
        request,
        field,
        content_type="text/vtt; charset=utf-8",
        etag_key=f"rc{pk}-{stamp}",
        filename=f"recording-{pk}.vtt",
    )


@require_safe
def recording_video(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _recording_file(request, slug, pk, "video_file")


@require_safe
def recording_captions(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _recording_file(request, slug, pk, "captions")


# ------------------------------------------------------------------ organisers


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, slug: str) -> HttpResponse:
    """Every presentation with its release, length against the limit and watchers; the limits form."""
    meeting = _meeting(slug)
    organiser, refusal = _organiser_or_refusal(request, meeting)
    if refusal:
        return refusal
    context = _context(request, meeting)
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
    meeting = _meeting(slug)
    organiser, refusal = _organiser_or_refusal(request, meeting)
    if refusal:
        return refusal
    context = _context(request, meeting)
    presentation = _presentation(meeting, pk) if pk is not None else None
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
            presentation = _presentation(meeting, presentation.pk)  # undo what the failed save touched
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
    meeting = _meeting(slug)
    organiser, refusal = _organiser_or_refusal(request, meeting)
    if refusal:
        return refusal
    presentation = _presentation(meeting, pk)
    try:
        services.presentation_delete(presentation=presentation, by=organiser)
    except PermissionDenied as exc:
        return _forbidden(request, meeting, str(exc))
    messages.success(request, f"“{presentation.title}” is removed.")
    return redirect("videos:manage", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def recording_attach(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Attach or replace a session's recording, with its chapters."""
    meeting = _meeting(slug)
    organiser, refusal = _organiser_or_refusal(request, meeting)
    if refusal:
        return refusal
    session = get_object_or_404(Session, meeting=meeting, pk=pk)
    current = selectors.recording_for_session(session)
    context = _context(request, meeting)
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
