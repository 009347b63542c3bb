"""The game show's pages: the participant's phone view, the host console, the big screen, the results; and the
host's and participants' writes. Thin: parse, call a service or selector, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from convener.core.http import forbidden
from convener.gameshow import fragments, questionset, selectors, services
from convener.gameshow.models import Show
from convener.people.models import Participant
from convener.people.selectors import participant_for
from convener.program.models import Session

MAX_UPLOAD = questionset.MAX_BYTES


def _session(slug: str, pk: int) -> Session:
    if not 0 < pk < 2**63:
        raise Http404("No such session.")
    return get_object_or_404(
        Session.objects.select_related("meeting"), meeting__slug=slug, pk=pk, kind=Session.Kind.GAME_SHOW
    )


def _who(request: HttpRequest, session: Session) -> Participant | None:
    return participant_for(user=request.user, meeting_id=session.meeting_id)


def _base(session: Session, participant: Participant | None, **extra: object) -> dict[str, object]:
    return {
        "session": session,
        "meeting": session.meeting,
        "participant": participant,
        "is_host": selectors.can_host(participant, session),
        **extra,
    }


def _message(exc: ValidationError | PermissionDenied) -> str:
    return " ".join(exc.messages) if isinstance(exc, ValidationError) else (str(exc) or "Not allowed.")


def _refusal(request: HttpRequest, exc: ValidationError | PermissionDenied, back: str) -> HttpResponse:
    """A refused write: the reason in the page's feedback area (htmx), else back to the page with the message."""
    if isinstance(exc, PermissionDenied) and not request.htmx:
        return forbidden(request, _message(exc))
    if request.htmx:
        response = render(
            request,
            "gameshow/_feedback.html",
            {"text": _message(exc)},
            status=403 if isinstance(exc, PermissionDenied) else 400,
        )
        response["HX-Retarget"] = "#gs-feedback"
        response["HX-Reswap"] = "innerHTML"
        return response
    messages.error(request, _message(exc))
    return redirect(back)


@login_required
@require_safe
def play(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The participant's view (made for a phone): the question, the poll to answer, the score."""
    session = _session(slug, pk)
    participant = _who(request, session)
    if participant is None:
        return forbidden(request, "Register for this meeting to follow the game show.", meeting=session.meeting)
    show = selectors.show_for(session)
    context = _base(session, participant, show=show, can_play=selectors.can_play(participant))
    if show is not None:
        services.presence_mark(show=show, participant=participant)
        context.update(fragments.context(show, participant=participant))
    return render(request, "gameshow/play.html", context)


@login_required
@require_safe
def host(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The host console: import the question set, put people in teams, run the rounds."""
    session = _session(slug, pk)
    participant = _who(request, session)
    if not selectors.can_host(participant, session):
        return forbidden(
            request, "Only the meeting's organisers and the session's hosts run the game show.", meeting=session.meeting
        )
    return render(request, "gameshow/host.html", _host_context(session, participant))


def _host_context(session: Session, participant: Participant | None, **extra: object) -> dict[str, object]:
    show = selectors.show_for(session)
    context = _base(session, participant, show=show, **extra)
    if show is not None:
        context.update(fragments.context(show, participant=participant, host=True))
        context["people"] = list(session.meeting.participants.order_by("name").select_related("node"))
        context["members"] = {m.participant_id: m.team for m in show.memberships.select_related("team")}
        context["started"] = show.current_round_id is not None
        context["present"] = show.presences.count()
    return context


@login_required
@require_safe
def screen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The big screen, for sharing: full screen, no site menu."""
    session = _session(slug, pk)
    participant = _who(request, session)
    if participant is None:
        return forbidden(request, "Register for this meeting to see the game show.", meeting=session.meeting)
    show = selectors.show_for(session)
    context = _base(session, participant, show=show)
    if show is not None:
        context.update(fragments.context(show))
    return render(request, "gameshow/screen.html", context)


@login_required
@require_safe
def results(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """After the show: the score round by round, each poll with its grades, and where each round is in the recording."""
    session = _session(slug, pk)
    participant = _who(request, session)
    if participant is None:
        return forbidden(request, "Register for this meeting to see the game show's results.", meeting=session.meeting)
    show = selectors.show_for(session)
    context = _base(session, participant, show=show)
    if show is not None:
        context.update(rows=selectors.results(show), scores=selectors.scoreboard(show))
    return render(request, "gameshow/results.html", context)


@login_required
@require_safe
def export(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The show's question set as YAML (or ``?format=json``), ready to import again."""
    session = _session(slug, pk)
    participant = _who(request, session)
    if not selectors.can_host(participant, session):
        return forbidden(request, "Only the show's hosts export its question set.", meeting=session.meeting)
    show = selectors.show_for(session)
    if show is None:
        raise Http404("This session has no game show yet.")
    fmt = "json" if request.GET.get("format") == "json" else "yaml"
    text = questionset.dump(services.question_set(show), fmt=fmt)
    response = HttpResponse(text, content_type="application/json" if fmt == "json" else "application/yaml")
    response["Content-Disposition"] = f'attachment; filename="gameshow-{session.pk}.{fmt}"'
    return response


@login_required
@require_POST
def import_set(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(slug, pk)
    participant = _who(request, session)
    if not selectors.can_host(participant, session):
        return forbidden(
            request, "Only the meeting's organisers and the session's hosts run the game show.", meeting=session.meeting
        )
    upload = request.FILES.get("file")
    errors: list[str] = []
    text: str | None = None
    if upload is None:
        errors = ["Choose a YAML or JSON file."]
    elif upload.size is None or upload.size > MAX_UPLOAD:
        errors = [f"The file is too large: at most {MAX_UPLOAD // 1024} KB."]
    else:
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            errors = ["The file is not UTF-8 text: save it as YAML or JSON in UTF-8."]
    if text is not None:
        try:
            show = services.show_import(session=session, by=participant, text=text)
        except ValidationError as exc:
            errors = list(exc.messages)
        else:
            messages.success(request, f"Imported “{show.title}”: {show.rounds.count()} rounds.")
            return redirect("gameshow:host", slug=slug, pk=session.pk)
    return render(request, "gameshow/host.html", _host_context(session, participant, import_errors=errors), status=400)


ACTIONS = {
    "start": services.round_start,
    "breakout": services.breakout_start,
    "back": services.breakout_end,
    "open": services.poll_open,
    "close": services.poll_close,
    "reveal": services.reveal,
    "undo": services.undo,
}


@login_required
@require_POST
def act(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One host action on the round that is on; a form from a round that is over is refused, nothing changes."""
    session = _session(slug, pk)
    participant = _who(request, session)
    back = _host_url(slug, session)
    action = request.POST.get("action", "")
    try:
        if not selectors.can_host(participant, session):
            raise PermissionDenied("Only the meeting's organisers and the session's hosts run the game show.")
        show = _imported_show(session)
        if request.POST.get("round", "") != str(show.current_round_id or ""):
            raise ValidationError("The show has moved on since this page was loaded: try again.", code="stale")
        if action in ACTIONS:
            ACTIONS[action](show=show, by=participant)
        elif action in ("nodes", "helpdesk"):
            services.judge(show=show, by=participant, verdict=action)
        elif action == "team":
            services.round_set_team(show=show, by=participant, team_id=request.POST.get("team"))
        else:
            raise ValidationError("Unknown action.", code="action")
    except (ValidationError, PermissionDenied) as exc:
        return _refusal(request, exc, back)
    if request.htmx:
        show = Show.objects.select_related("session", "session__meeting").get(pk=show.pk)
        return HttpResponse(fragments.render_for(show, "host", participant=participant, oob=False))
    return redirect(back)


def _host_url(slug: str, session: Session, anchor: str = "") -> str:
    """The host console, at one of its sections."""
    return reverse("gameshow:host", kwargs={"slug": slug, "pk": session.pk}) + anchor


def _imported_show(session: Session) -> Show:
    """The session's show, or the refusal a host sees before any question set is imported."""
    show = selectors.show_for(session)
    if show is None:
        raise ValidationError("Import a question set first.", code="no_show")
    return show


@login_required
@require_POST
def member(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Put a person in a team (or in none)."""
    session = _session(slug, pk)
    participant = _who(request, session)
    back = _host_url(slug, session, "#teams-heading")
    try:
        show = _imported_show(session)
        services.member_set(
            show=show, by=participant, participant_id=request.POST.get("person"), team_id=request.POST.get("team")
        )
    except (ValidationError, PermissionDenied) as exc:
        return _refusal(request, exc, back)
    messages.success(request, "Teams saved.")
    return redirect(back)


@login_required
@require_POST
def draw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Draw a team of nodes from the people present."""
    session = _session(slug, pk)
    participant = _who(request, session)
    back = _host_url(slug, session, "#teams-heading")
    try:
        show = _imported_show(session)
        drawn = services.team_draw(
            show=show, by=participant, team_id=request.POST.get("team"), size=request.POST.get("size")
        )
    except (ValidationError, PermissionDenied) as exc:
        return _refusal(request, exc, back)
    messages.success(request, "Drawn: " + ", ".join(p.name for p in drawn) + ".")
    return redirect(back)


@login_required
@require_POST
def leaderboard(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(slug, pk)
    participant = _who(request, session)
    back = _host_url(slug, session, "#leaderboard-heading")
    try:
        show = _imported_show(session)
        services.leaderboard_set(
            show=show, by=participant, on=request.POST.get("on") == "1", names=request.POST.get("names") == "1"
        )
    except (ValidationError, PermissionDenied) as exc:
        return _refusal(request, exc, back)
    messages.success(request, "Leaderboard saved.")
    return redirect(back)


@login_required
@require_POST
def answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A participant's answer to the open poll."""
    session = _session(slug, pk)
    participant = _who(request, session)
    back = reverse("gameshow:play", kwargs={"slug": slug, "pk": session.pk})
    show = selectors.show_for(session)
    try:
        if show is None:
            raise ValidationError("The show has not started.", code="no_show")
        services.answer(
            show=show, by=participant, round_id=request.POST.get("round"), option_ids=request.POST.getlist("option")
        )
    except (ValidationError, PermissionDenied) as exc:
        return _refusal(request, exc, back)
    if request.htmx:
        show = Show.objects.select_related("session", "session__meeting").get(pk=show.pk)
        ctx = {**fragments.context(show, participant=participant), "oob": False}
        return render(request, "gameshow/_play_poll.html", ctx)
    messages.success(request, "Thank you: your answer is counted.")
    return redirect(back)
