"""Pages for threads, the live Q&A, its moderation, the big screen and live polls: thin views over services.

A form posted by htmx gets a fragment back (or, on refusal, a message for the page's feedback area);
the same form posted without JavaScript redirects back with a message, or shows the form again with
what was typed and what is wrong.
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
from convener.discussion.models import QUESTION_MAX_LENGTH, LivePoll, Question, Reply, Topic
from convener.people.models import Participant
from convener.people.selectors import is_organiser, participant_for
from convener.program.models import Meeting, Session

MAX_ID = 2**63


# --- helpers ------------------------------------------------------------------------------------


def _meeting(slug: str) -> Meeting:
    return get_object_or_404(Meeting, slug=slug)


def _pk(pk: int) -> int:
    if not 0 < pk < MAX_ID:
        raise Http404("No such thing.")
    return pk


def _session(slug: str, pk: int) -> Session:
    return get_object_or_404(Session.objects.select_related("meeting", "theme"), meeting__slug=slug, pk=_pk(pk))


def _reader(request: HttpRequest, meeting: Meeting) -> Participant:
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    if not selectors.can_read(participant):
        raise PermissionDenied("Register for this meeting to follow its discussions and Q&A.")
    assert participant is not None
    return participant


def _base(meeting: Meeting, participant: Participant | None, **extra: object) -> dict[str, object]:
    return {"meeting": meeting, "participant": participant, "is_organiser": is_organiser(participant),
            "meeting_zone": meeting.zone, **extra}


def _refusal(request: HttpRequest, exc: ValidationError | PermissionDenied, back: str) -> HttpResponse:
    """A refused write: a message for htmx's feedback area, else back to the page with the message."""
    text = " ".join(exc.messages) if isinstance(exc, ValidationError) else (str(exc) or "Not allowed.")
    status = 403 if isinstance(exc, PermissionDenied) else (
        429 if isinstance(exc, ValidationError) and exc.code == "rate_limited" else 400)
    if request.htmx:
        response = render(request, "discussion/_feedback.html", {"text": text, "error": True}, status=status)
        response["HX-Retarget"] = "#qa-feedback"
        response["HX-Reswap"] = "innerHTML"
        return response
    if isinstance(exc, PermissionDenied):
        raise exc
    messages.error(request, text)
    return redirect(back)


def _flag(value: object) -> bool | None:
    return {"1": True, "0": False}.get(value) if isinstance(value, str) else None


# --- live Q&A -----------------------------------------------------------------------------------


def _order(request: HttpRequest) -> str:
    order = request.GET.get("order")
    return order if order in selectors.ORDERS else "votes"


def _qa_context(request: HttpRequest, session: Session, participant: Participant, **extra: object) -> dict:
    order = _order(request)
    moderator = selectors.can_moderate(participant, session)
    polls = list(selectors.polls_for(session=session, moderator=False))
    return _base(
        session.meeting, participant, session=session, order=order, moderator=moderator,
        can_take_part=selectors.can_take_part(participant), qa_open=selectors.qa_is_open(session),
        questions=selectors.questions_for_participant(session=session, participant=participant, order=order),
        my_votes=selectors.my_vote_ids(session=session, participant=participant),
        polls=polls, results=selectors.poll_results(polls),
        my_choices=selectors.my_poll_choices(session=session, participant=participant),
        max_length=QUESTION_MAX_LENGTH, **extra,
    )


@login_required
@require_safe
def qa(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The participant's view; htmx asks for the live part alone when its socket reconnects."""
    session = _session(slug, pk)
    participant = _reader(request, session.meeting)
    context = _qa_context(request, session, participant)
    if request.htmx:
        return render(request, "discussion/_qa_live.html", context)
    return render(request, "discussion/qa.html", context)


@login_required
@require_POST
def ask(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(slug, pk)
    participant = participant_for(user=request.user, meeting_id=session.meeting_id)
    back = reverse("discussion:qa", kwargs={"slug": slug, "pk": session.pk})
    try:
        question = services.question_ask(session=session, by=participant, text=request.POST.get("text", ""),
                                         anonymous=request.POST.get("anonymous") == "1")
    except (ValidationError, PermissionDenied) as exc:
        if request.htmx or isinstance(exc, PermissionDenied):
            return _refusal(request, exc, back)
        assert participant is not None
        context = _qa_context(request, session, participant, ask_error=" ".join(exc.messages),
                              ask_text=request.POST.get("text", ""))
        return render(request, "discussion/qa.html", context, status=400)
    if request.htmx:
        return render(request, "discussion/_question.html", {
            "q": question, "session": session, "meeting": session.meeting, "my_votes": (), "mine": True,
        })
    messages.success(request, "Thank you: your question waits for a moderator.")
    return redirect(back)


@login_required
@require_POST
def vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = _meeting(slug)
    question = get_object_or_404(Question.objects.select_related("session", "session__meeting", "author"),
                                 session__meeting=meeting, pk=_pk(pk))
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    back = reverse("discussion:qa", kwargs={"slug": slug, "pk": question.session_id})
    try:
        question = services.question_vote(question=question, by=participant)
    except (ValidationError, PermissionDenied) as exc:
        return _refusal(request, exc, back)
    if request.htmx:
        return render(request, "discussion/_question.html", {
            "q": question, "session": question.session, "meeting": meeting, "my_votes": {question.pk},
        })
    messages.success(request, "Your vote is counted.")
    return redirect(back)


def _moderator(request: HttpRequest, session: Session) -> Participant:
    participant = participant_for(user=request.user, meeting_id=session.meeting_id)
    if not selectors.can_moderate(participant, session):
        raise PermissionDenied("Only the meeting's organisers and the session's moderators moderate its Q&A.")
    assert participant is not None
    return participant


@login_required
@require_safe
def moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(slug, pk)
    participant = _moderator(request, session)
    order = _order(request)
    polls = list(selectors.polls_for(session=session, moderator=True))
    context = _base(
        session.meeting, participant, session=session, order=order, moderator=True,
        qa_open=selectors.qa_is_open(session), counts=selectors.question_counts(session),
        questions=selectors.questions_for_moderators(session=session, order=order),
        polls=polls, results=selectors.poll_results(polls), forum_topics=targets.promotable_topics(session),
        kinds=LivePoll.Kind.choices,
    )
    if request.htmx:
        return render(request, "discussion/_moderate_live.html", context)
    return render(request, "discussion/moderate.html", context)


@login_required
@require_safe
def screen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The presenter's big screen: the question being answered and the top of the queue, in large type."""
    session = _session(slug, pk)
    participant = _reader(request, session.meeting)
    polls = [p for p in selectors.polls_for(session=session, moderator=False) if p.status == LivePoll.Status.OPEN]
    context = _base(
        session.meeting, participant, session=session, order="votes", qa_open=selectors.qa_is_open(session),
        questions=selectors.top_questions(session=session, limit=50), my_votes=(),
        polls=polls, results=selectors.poll_results(polls), my_choices={},
    )
    if request.htmx:
        return render(request, "discussion/_screen_live.html", context)
    return render(request, "discussion/screen.html", context)


@login_required
@require_POST
def qa_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(slug, pk)
    participant = participant_for(user=request.user, meeting_id=session.meeting_id)
    back = reverse("discussion:moderate", kwargs={"slug": slug, "pk": session.pk})
    try:
        services.qa_set_status(session=session, by=participant, status=request.POST.get("status"))
    except (ValidationError, PermissionDenied) as exc:
        return _refusal(request, exc, back)
    if request.htmx:
        return render(request, "discussion/_qa_status.html", {"qa_open": selectors.qa_is_open(session),
                                                              "moderator": True, "session": session,
                                                              "meeting": session.meeting})
    messages.success(request, "The Q&A is open." if selectors.qa_is_open(session) else "The Q&A is closed.")
    return redirect(back)


@login_required
@require_POST
def question_moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = _meeting(slug)
    question = get_object_or_404(Question.objects.select_related("session", "session__meeting"),
                                 session__meeting=meeting, pk=_pk(pk))
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    back = reverse("discussion:moderate", kwargs={"slug": slug, "pk": question.session_id})
    try:
        question = services.question_moderate(question=question, by=participant, action=request.POST.get("action"))
    except (ValidationError, PermissionDenied) as exc:
        return _refusal(request, exc, back)
    if request.htmx:
        question = Question.objects.select_related("author", "author__node").get(pk=question.pk)
        return render(request, "discussion/_question_mod.html", {"q": question, "session": question.session,
                                                                 "meeting": meeting})
    messages.success(request, f"Question: {question.get_status_display().lower()}.")
    return redirect(back)


# --- live polls ---------------------------------------------------------------------------------


@login_required
@require_POST
def poll_create(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    session = _session(slug, pk)
    participant = participant_for(user=request.user, meeting_id=session.meeting_id)
    back = reverse("discussion:moderate", kwargs={"slug": slug, "pk": session.pk}) + "#polls-heading"
    choices = request.POST.get("choices", "")
    try:
        services.poll_create(session=session, by=participant, question=request.POST.get("question", ""),
                             kind=request.POST.get("kind"), choices=choices.splitlines() if isinstance(choices, str)
                             else [])
    except (ValidationError, PermissionDenied) as exc:
        return _refusal(request, exc, back)
    messages.success(request, "Poll saved as a draft: open it when the time comes.")
    return redirect(back)


def _poll(slug: str, pk: int) -> LivePoll:
    return get_object_or_404(LivePoll.objects.select_related("session", "session__meeting"),
                             session__meeting__slug=slug, pk=_pk(pk))


@login_required
@require_POST
def poll_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    poll = _poll(slug, pk)
    participant = participant_for(user=request.user, meeting_id=poll.session.meeting_id)
    back = reverse("discussion:moderate", kwargs={"slug": slug, "pk": poll.session_id}) + "#polls-heading"
    try:
        poll = services.poll_set_status(poll=poll, by=participant, status=request.POST.get("status"))
    except (ValidationError, PermissionDenied) as exc:
        return _refusal(request, exc, back)
    if request.htmx:
        poll = LivePoll.objects.prefetch_related("choices").select_related("session").get(pk=poll.pk)
        return render(request, "discussion/_poll_mod.html", {
            "poll": poll, "result": selectors.poll_results([poll])[poll.pk], "session": poll.session,
            "meeting": poll.session.meeting})
    messages.success(request, f"The poll is {poll.get_status_display().lower()}.")
    return redirect(back)


@login_required
@require_POST
def poll_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    poll = _poll(slug, pk)
    participant = participant_for(user=request.user, meeting_id=poll.session.meeting_id)
    back = reverse("discussion:moderate", kwargs={"slug": slug, "pk": poll.session_id}) + "#polls-heading"
    try:
        services.poll_delete(poll=poll, by=participant)
    except (ValidationError, PermissionDenied) as exc:
        return _refusal(request, exc, back)
    messages.success(request, "The draft poll is deleted.")
    return redirect(back)


@login_required
@require_POST
def poll_answer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    poll = _poll(slug, pk)
    participant = participant_for(user=request.user, meeting_id=poll.session.meeting_id)
    back = reverse("discussion:qa", kwargs={"slug": slug, "pk": poll.session_id})
    try:
        services.poll_answer(poll=poll, by=participant, choice_ids=request.POST.getlist("choice"))
    except (ValidationError, PermissionDenied) as exc:
        return _refusal(request, exc, back)
    if request.htmx:
        poll = LivePoll.objects.prefetch_related("choices").select_related("session").get(pk=poll.pk)
        return render(request, "discussion/_poll_form.html", {
            "poll": poll, "mine": selectors.my_poll_choices(session=poll.session, participant=participant)
            .get(poll.pk, set()), "session": poll.session, "meeting": poll.session.meeting})
    messages.success(request, "Thank you: your answer is counted.")
    return redirect(back)


# --- threads ------------------------------------------------------------------------------------


@login_required
@require_safe
def index(request: HttpRequest, slug: str) -> HttpResponse:
    """Every theme and session of the meeting with its number of topics."""
    meeting = _meeting(slug)
    participant = _reader(request, meeting)
    counts = selectors.topic_counts(meeting_id=meeting.pk)
    themes = [(theme, counts.get(("theme", theme.pk), 0)) for theme in meeting.themes.all()]
    sessions = [(session, counts.get(("session", session.pk), 0))
                for session in meeting.sessions.select_related("theme").order_by("starts_at", "title")]
    recent = Topic.objects.filter(meeting=meeting, is_hidden=False).select_related("author")[:10]
    return render(request, "discussion/index.html", _base(meeting, participant, themes=themes, sessions=sessions,
                                                          recent=recent))


def _target_topics(request: HttpRequest, slug: str, pk: int, kind: str) -> HttpResponse:
    meeting = _meeting(slug)
    participant = _reader(request, meeting)
    target = targets.resolve(meeting=meeting, kind=kind, pk=_pk(pk))
    if target is None:
        raise Http404("No such theme, session or presentation in this meeting.")
    moderator = is_organiser(participant) or bool(
        kind == Topic.Kind.SESSION and selectors.moderated_session_ids(participant, [target.pk]))
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
    return render(request, "discussion/topics.html", _base(
        meeting, participant, target=target, topics=topics, form=form, error=error,
        can_take_part=selectors.can_take_part(participant),
    ), status=status)


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
    topic = get_object_or_404(Topic.objects.select_related("author", "author__node", "meeting"),
                              meeting=meeting, pk=_pk(pk))
    moderator = selectors.can_moderate_topic(participant, topic)
    if topic.is_hidden and not moderator:
        raise Http404("This topic is hidden.")
    return topic, moderator


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def topic_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A topic and its replies; POST adds a reply."""
    meeting = _meeting(slug)
    participant = _reader(request, meeting)
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
    return render(request, "discussion/topic.html", _base(
        meeting, participant, topic=topic, target=target, moderator=moderator,
        replies=selectors.replies_for(topic=topic, moderator=moderator), body=body, error=error,
        can_take_part=selectors.can_take_part(participant), promote_sessions=sessions,
        edit_until=now - services.EDIT_WINDOW,
    ), status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def topic_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = _meeting(slug)
    participant = _reader(request, meeting)
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
    return render(request, "discussion/edit.html", _base(meeting, participant, topic=topic, form=form,
                                                         error=error, what="topic"), status=status)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def reply_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = _meeting(slug)
    participant = _reader(request, meeting)
    reply = get_object_or_404(Reply.objects.select_related("topic"), topic__meeting=meeting, pk=_pk(pk))
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
            return redirect(reverse("discussion:topic", kwargs={"slug": slug, "pk": reply.topic_id})
                            + f"#reply-{reply.pk}")
    return render(request, "discussion/edit.html", _base(meeting, participant, topic=reply.topic, reply=reply,
                                                         form=form, error=error, what="reply"), status=status)


@login_required
@require_POST
def topic_moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = _meeting(slug)
    topic = get_object_or_404(Topic, meeting=meeting, pk=_pk(pk))
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
    state = ", ".join(filter(None, ["hidden" if topic.is_hidden else "visible",
                                    "locked" if topic.is_locked else "open for replies"]))
    messages.success(request, f"The topic is now {state}.")
    return redirect(back)


@login_required
@require_POST
def reply_moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = _meeting(slug)
    reply = get_object_or_404(Reply.objects.select_related("topic"), topic__meeting=meeting, pk=_pk(pk))
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
    meeting = _meeting(slug)
    topic = get_object_or_404(Topic.objects.select_related("meeting"), meeting=meeting, pk=_pk(pk))
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
