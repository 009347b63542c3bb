"""The program editor: the week as a grid, sessions made, edited, dragged, published."""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from convener.core.timezones import is_known
from convener.organise import program as editor
from convener.organise.access import organiser_view
from convener.organise.forms import MoveForm, SessionForm
from convener.organise.views.common import page
from convener.people.models import Participant
from convener.program import services as program_services
from convener.program.models import Meeting, Session

# Where a service's refusal about a model field shows on the form.
FIELD_OF = {"starts_at": "start", "ends_at": "duration", "theme": "theme", "title": "title", "join_link": "join_link"}


def _own_zone(request: HttpRequest, meeting: Meeting, organiser: Participant) -> ZoneInfo:
    """The organiser's own zone: the one their browser chose, else their profile's, else the meeting's."""
    viewer = getattr(request, "viewer_zone", None)
    if isinstance(viewer, ZoneInfo):
        return viewer
    if organiser.time_zone and is_known(organiser.time_zone):
        return ZoneInfo(organiser.time_zone)
    return meeting.zone


def _zone(request: HttpRequest, meeting: Meeting, organiser: Participant) -> tuple[str, ZoneInfo]:
    """The grid's zone: the organiser's own (the default, like every page) or the meeting's."""
    if (request.GET.get("zone") or request.POST.get("zone")) == "meeting":
        return "meeting", meeting.zone
    return "mine", _own_zone(request, meeting, organiser)


def _grid_url(meeting: Meeting, which: str, first: str = "") -> str:
    query = {"zone": which} | ({"from": first} if first else {})
    return f"{reverse('organise:program', kwargs={'slug': meeting.slug})}?{urlencode(query)}"


def _first_day(request: HttpRequest) -> date | None:
    try:
        return date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        return None


@require_GET
@organiser_view
def program(request: HttpRequest, meeting: Meeting, organiser: Participant) -> HttpResponse:
    which, zone = _zone(request, meeting, organiser)
    week = editor.week(meeting, zone, _first_day(request))
    drafts = Session.objects.filter(meeting=meeting, is_draft=True).count()
    context = page(request, meeting, organiser, "program") | {
        "week": week,
        "which": which,
        "own_zone": _own_zone(request, meeting, organiser),
        "grid_zone": zone,
        "drafts": drafts,
        "first": request.GET.get("from", ""),
    }
    return render(request, "organise/program.html", context)


def _apply_errors(form: SessionForm, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(FIELD_OF.get(field) if FIELD_OF.get(field) in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def _session_form(
    request: HttpRequest, meeting: Meeting, organiser: Participant, session: Session | None
) -> HttpResponse:
    which, zone = _zone(request, meeting, organiser)
    initial: dict[str, object] = {}
    if session is not None:
        initial = SessionForm.initial_for(session, zone)
    elif request.GET.get("start"):
        initial = {"start": request.GET["start"]}
    form = SessionForm(request.POST or None, initial=initial, meeting=meeting, zone=zone)
    if request.method == "POST" and form.is_valid():
        try:
            if session is None:
                session = program_services.session_create(
                    meeting=meeting, people=form.people(), draft=True, **form.session_fields()
                )
                messages.success(request, f"“{session.title}” is on the grid as a draft: publish it when ready.")
            else:
                program_services.session_update(session=session, people=form.people(), **form.session_fields())
                messages.success(request, f"“{session.title}” is saved.")
        except ValidationError as exc:
            _apply_errors(form, exc)
            if session is not None and session.pk is None:
                session = None
        else:
            return redirect(_grid_url(meeting, which, str(form.cleaned_data["start"].date())))
    context = page(request, meeting, organiser, "program") | {
        "form": form,
        "session": session,
        "which": which,
        "grid_zone": zone,
    }
    return render(request, "organise/session_form.html", context, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@organiser_view
def session_new(request: HttpRequest, meeting: Meeting, organiser: Participant) -> HttpResponse:
    return _session_form(request, meeting, organiser, None)


@require_http_methods(["GET", "POST"])
@organiser_view
def session_edit(request: HttpRequest, meeting: Meeting, organiser: Participant, pk: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.prefetch_related("roles"), meeting=meeting, pk=pk)
    return _session_form(request, meeting, organiser, session)


@require_POST
@organiser_view
def session_move(request: HttpRequest, meeting: Meeting, organiser: Participant) -> HttpResponse:
    """A new start for a session, from a dragged block or the plain form; its length stays."""
    which, zone = _zone(request, meeting, organiser)
    pk = request.POST.get("session", "")
    session = Session.objects.filter(meeting=meeting, pk=int(pk)).first() if pk.isdigit() and len(pk) < 12 else None
    if session is None:
        messages.error(request, "Choose a session of this meeting to move.")
        return redirect(_grid_url(meeting, which, request.POST.get("from", "")))
    form = MoveForm(request.POST, zone=zone)
    if not form.is_valid():
        messages.error(request, f"“{session.title}” was not moved: " + " ".join(form.errors["start"]))
        return redirect(_grid_url(meeting, which, request.POST.get("from", "")))
    start = form.cleaned_data["start"]
    try:
        program_services.session_update(
            session=session, starts_at=start, ends_at=start + timedelta(minutes=session.duration_minutes)
        )
    except ValidationError as exc:
        messages.error(request, f"“{session.title}” was not moved: " + " ".join(exc.messages))
    else:
        messages.success(request, f"“{session.title}” now starts {start:%a %d %b %H:%M} ({zone.key}).")
    return redirect(_grid_url(meeting, which, request.POST.get("from", "")))


@require_POST
@organiser_view
def publish(request: HttpRequest, meeting: Meeting, organiser: Participant) -> HttpResponse:
    """Publish one draft (``session``) or every draft of the meeting."""
    which, _ = _zone(request, meeting, organiser)
    drafts = Session.objects.filter(meeting=meeting, is_draft=True)
    wanted = request.POST.get("session", "")
    if wanted:
        drafts = drafts.filter(pk=int(wanted)) if wanted.isdigit() and len(wanted) < 12 else drafts.none()
    with transaction.atomic():
        published = [program_services.session_publish(session=s) for s in drafts.select_for_update()]
    if published:
        messages.success(request, f"Published {len(published)} session{'s' if len(published) != 1 else ''}.")
    else:
        messages.error(request, "There was no draft to publish.")
    return redirect(_grid_url(meeting, which, request.POST.get("from", "")))


@require_POST
@organiser_view
def session_delete(request: HttpRequest, meeting: Meeting, organiser: Participant, pk: int) -> HttpResponse:
    session = get_object_or_404(Session, meeting=meeting, pk=pk)
    which, _ = _zone(request, meeting, organiser)
    title = session.title
    program_services.session_cancel(session=session)
    messages.success(request, f"“{title}” is taken out of the program.")
    return redirect(_grid_url(meeting, which))
