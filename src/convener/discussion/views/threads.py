"""Forum threads: topics on a theme, a session or a presentation, their replies, editing, moderation and
promoting a topic into a session's live Q&A. Thin views over discussion.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from convener.discussion import selectors, services, targets
from convener.discussion.models import Reply, Topic
from convener.discussion.views.common import MAX_ID, base_context, checked_pk, get_meeting, reader
from convener.people.models import Participant
from convener.people.selectors import is_organiser, participant_for
from convener.program.models import Meeting, Session


def _flag(value: object) -> bool | None:
    return {"1": True, "0": False}.get(value) if isinstance(value, str) else None


@login_required
@require_safe
def index(request: HttpRequest, slug: str) -> HttpResponse:
    """Every theme and session of the meeting with its number of topics."""
    meeting = get_meeting(slug)
    participant = reader(request, meeting)
    counts = selectors.topic_counts(meeting_id=meeting.pk)
    themes = [(theme, counts.get(("theme", theme.pk), 0)) for theme in meeting.themes.all()]
    sessions = [
        (session, counts.get(("session", session.pk), 0))
        for session in meeting.sessions.select_related("theme").order_by("starts_at", "title")
    ]
    recent = Topic.objects.filter(meeting=meeting, is_hidden=False).select_related("author")[:10]
    return render(
        request,
        "discussion/index.html",
        base_context(meeting, participant, themes=themes, sessions=sessions, recent=recent),
    )


def _target_topics(request: HttpRequest, slug: str, pk: int, kind: str) -> HttpResponse:
    meeting = get_meeting(slug)
    participant = reader(request, meeting)
    target = targets.resolve(meeting=meeting, kind=kind, pk=checked_pk(pk))
    if target is None:
        raise Http404("No such theme, session or presentation in this meeting.")
    moderator = is_organiser(participant) or bool(
        kind == Topic.Kind.SESSION and selectors.moderated_session_ids(participant, [target.pk])
    )
    form = {"title": "", "body": ""}
    error = ""
    status = 200
    if request.method == "POST":
        form = {"title": request.POST.get("title", ""), "body": request.POST.get("body", "")}
        try:
            topic = services.topic_create(meeting=meeting, kind=kind, target_id=target.pk, by=participant, **form)
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
        except PermissionDenied as exc:
            error, status = str(exc), 403
        else:
            messages.success(request, "Your topic is posted.")
            return redirect("discussion:topic", slug=slug, pk=topic.pk)
    topics = selectors.topics_for(meeting_id=meeting.pk, kind=kind, target_id=target.pk, moderator=moderator)
    return render(
        request,
        "discussion/topics.html",
        base_context(
            meeting,
            participant,
            target=target,
            topics=topics,
            form=form,
            error=error,
            can_take_part=selectors.can_take_part(participant),
        ),
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def theme_topics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _target_topics(request, slug, pk, Topic.Kind.THEME)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def session_topics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _target_topics(request, slug, pk, Topic.Kind.SESSION)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def presentation_topics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _target_topics(request, slug, pk, Topic.Kind.PRESENTATION)


def _topic(meeting: Meeting, pk: int, participant: Participant) -> tuple[Topic, bool]:
    topic = get_object_or_404(
        Topic.objects.select_related("author", "author__node", "meeting"), meeting=meeting, pk=checked_pk(pk)
    )
    moderator = selectors.can_moderate_topic(participant, topic)
    if topic.is_hidden and not moderator:
        raise Http404("This topic is hidden.")
    return topic, moderator


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def topic_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A topic and its replies; POST adds a reply."""
    meeting = get_meeting(slug)
    participant = reader(request, meeting)
    topic, moderator = _topic(meeting, pk, participant)
    body, error, status = "", "", 200
    if request.method == "POST":
        body = request.POST.get("body", "")
        try:
            reply = services.reply_create(topic=topic, by=participant, body=body)
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
        except PermissionDenied as exc:
            error, status = str(exc), 403
        else:
            messages.success(request, "Your reply is posted.")
            return redirect(reverse("discussion:topic", kwargs={"slug": slug, "pk": topic.pk}) + f"#reply-{reply.pk}")
    target = targets.for_topic(topic)
    sessions: list[Session] = []
    if target is not None and target.session_ids:
        ids = selectors.moderated_session_ids(participant, target.session_ids)
        sessions = list(Session.objects.filter(pk__in=ids).order_by("starts_at"))
    from django.utils import timezone

    now = timezone.now()
    return render(
        request,
        "discussion/topic.html",
        base_context(
            meeting,
            participant,
            topic=topic,
            target=target,
            moderator=moderator,
            replies=selectors.replies_for(topic=topic, moderator=moderator),
            body=body,
            error=error,
            can_take_part=selectors.can_take_part(participant),
            promote_sessions=sessions,
            edit_until=now - services.EDIT_WINDOW,
        ),
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def topic_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_meeting(slug)
    participant = reader(request, meeting)
    topic, _ = _topic(meeting, pk, participant)
    if topic.author_id != participant.pk:
        raise PermissionDenied("Only the author can edit this topic.")
    form, error, status = {"title": topic.title, "body": topic.body}, "", 200
    if request.method == "POST":
        form = {"title": request.POST.get("title", ""), "body": request.POST.get("body", "")}
        try:
            services.topic_edit(topic=topic, by=participant, **form)
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
        else:
            messages.success(request, "Your changes are saved.")
            return redirect("discussion:topic", slug=slug, pk=topic.pk)
    return render(
        request,
        "discussion/edit.html",
        base_context(meeting, participant, topic=topic, form=form, error=error, what="topic"),
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reply_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_meeting(slug)
    participant = reader(request, meeting)
    reply = get_object_or_404(Reply.objects.select_related("topic"), topic__meeting=meeting, pk=checked_pk(pk))
    if reply.author_id != participant.pk:
        raise PermissionDenied("Only the author can edit this reply.")
    form, error, status = {"body": reply.body}, "", 200
    if request.method == "POST":
        form = {"body": request.POST.get("body", "")}
        try:
            services.reply_edit(reply=reply, by=participant, **form)
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
        else:
            messages.success(request, "Your changes are saved.")
            return redirect(
                reverse("discussion:topic", kwargs={"slug": slug, "pk": reply.topic_id}) + f"#reply-{reply.pk}"
            )
    return render(
        request,
        "discussion/edit.html",
        base_context(meeting, participant, topic=reply.topic, reply=reply, form=form, error=error, what="reply"),
        status=status,
    )


@login_required
@require_POST
def topic_moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_meeting(slug)
    topic = get_object_or_404(Topic, meeting=meeting, pk=checked_pk(pk))
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    hidden, locked = _flag(request.POST.get("hidden")), _flag(request.POST.get("locked"))
    back = reverse("discussion:topic", kwargs={"slug": slug, "pk": topic.pk})
    if hidden is None and locked is None:
        messages.error(request, "Say hidden=1/0 or locked=1/0.")
        return redirect(back)
    try:
        topic = services.topic_moderate(topic=topic, by=participant, hidden=hidden, locked=locked)
    except PermissionDenied:
        raise
    state = ", ".join(
        filter(None, ["hidden" if topic.is_hidden else "visible", "locked" if topic.is_locked else "open for replies"])
    )
    messages.success(request, f"The topic is now {state}.")
    return redirect(back)


@login_required
@require_POST
def reply_moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_meeting(slug)
    reply = get_object_or_404(Reply.objects.select_related("topic"), topic__meeting=meeting, pk=checked_pk(pk))
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    hidden = _flag(request.POST.get("hidden"))
    back = reverse("discussion:topic", kwargs={"slug": slug, "pk": reply.topic_id}) + f"#reply-{reply.pk}"
    if hidden is None:
        messages.error(request, "Say hidden=1 or hidden=0.")
        return redirect(back)
    services.reply_set_hidden(reply=reply, by=participant, hidden=hidden)
    messages.success(request, "The reply is hidden." if hidden else "The reply is visible again.")
    return redirect(back)


@login_required
@require_POST
def topic_promote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_meeting(slug)
    topic = get_object_or_404(Topic.objects.select_related("meeting"), meeting=meeting, pk=checked_pk(pk))
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    back = reverse("discussion:topic", kwargs={"slug": slug, "pk": topic.pk})
    try:
        session_id = int(request.POST.get("session", ""))
        reply_id = int(request.POST["reply"]) if request.POST.get("reply") else None
    except ValueError:
        messages.error(request, "Choose a session.")
        return redirect(back)
    session = Session.objects.filter(meeting=meeting, pk=session_id).first() if 0 < session_id < MAX_ID else None
    reply = Reply.objects.filter(topic=topic, pk=reply_id).first() if reply_id and 0 < reply_id < MAX_ID else None
    if session is None or (reply_id and reply is None):
        messages.error(request, "Choose a session of this meeting.")
        return redirect(back)
    try:
        services.question_promote(topic=topic, session=session, by=participant, reply=reply)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(request, f"Promoted into the live Q&A of “{session.title}”.")
    return redirect(back)
