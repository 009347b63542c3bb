"""What a forum topic can be about: a theme, a session or a presentation, resolved through a small registry.

Presentations live in the videos app, which this app does not import at module level: a topic stores
(target kind, target id) and the registry looks the object up, checks that it belongs to the meeting,
and says which sessions a question from the topic can be promoted into.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Q, QuerySet
from django.urls import NoReverseMatch, reverse

from convener.discussion.models import Topic
from convener.program.models import Meeting, Session, Theme

Kind = Topic.Kind


@dataclass(frozen=True)
class Target:
    kind: str
    pk: int
    meeting: Meeting
    title: str
    label: str  # "Theme", "Session", "Presentation"
    url: str  # the page of the thing itself ("" when it has none)
    session_ids: tuple[int, ...] = field(default=())  # live sessions its questions can be promoted into

    @property
    def discussion_url(self) -> str:
        return reverse(f"discussion:{self.kind}_topics", kwargs={"slug": self.meeting.slug, "pk": self.pk})


def _theme(meeting: Meeting, pk: int) -> Target | None:
    theme = Theme.objects.filter(meeting=meeting, pk=pk).first()
    if theme is None:
        return None
    sessions = tuple(Session.objects.filter(theme=theme).values_list("pk", flat=True))
    url = reverse("program:program", kwargs={"slug": meeting.slug})
    return Target(Kind.THEME, pk, meeting, theme.name, "Theme", url, sessions)


def _session(meeting: Meeting, pk: int) -> Target | None:
    session = Session.objects.filter(meeting=meeting, pk=pk).first()
    if session is None:
        return None
    url = reverse("program:session", kwargs={"slug": meeting.slug, "pk": pk})
    return Target(Kind.SESSION, pk, meeting, session.title, "Session", url, (pk,))


def _presentation(meeting: Meeting, pk: int) -> Target | None:
    try:
        model = apps.get_model("videos", "Presentation")
    except LookupError:  # the videos app is not installed
        return None
    presentation = model.objects.filter(meeting=meeting, pk=pk).first()
    if presentation is None:
        return None
    sessions = tuple(presentation.sessions.values_list("pk", flat=True))
    try:
        url = reverse("videos:presentation", kwargs={"slug": meeting.slug, "pk": pk})
    except NoReverseMatch:
        url = ""
    return Target(Kind.PRESENTATION, pk, meeting, presentation.title, "Presentation", url, sessions)


REGISTRY: dict[str, Callable[[Meeting, int], Target | None]] = {
    Kind.THEME: _theme,
    Kind.SESSION: _session,
    Kind.PRESENTATION: _presentation,
}


def resolve(*, meeting: Meeting, kind: str, pk: object) -> Target | None:
    """The target ``kind``/``pk`` in ``meeting``, or None when there is no such thing there."""
    finder = REGISTRY.get(kind) if isinstance(kind, str) else None
    if finder is None or isinstance(pk, bool):
        return None
    try:
        number = int(pk)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return None
    if not 0 < number < 2**63:
        return None
    return finder(meeting, number)


def for_topic(topic: Topic) -> Target | None:
    return resolve(meeting=topic.meeting, kind=topic.target_kind, pk=topic.target_id)


def promotable_topics(session: Session, limit: int = 100) -> QuerySet[Topic]:
    """Visible topics whose questions can go into ``session``'s live queue and are not there yet (one query)."""
    about = Q(target_kind=Kind.SESSION, target_id=session.pk)
    if session.theme_id:
        about |= Q(target_kind=Kind.THEME, target_id=session.theme_id)
    try:
        presentations = apps.get_model("videos", "Presentation").objects.filter(sessions=session).values("pk")
    except LookupError:
        presentations = None
    if presentations is not None:
        about |= Q(target_kind=Kind.PRESENTATION, target_id__in=presentations)
    return (
        Topic.objects.filter(about, meeting_id=session.meeting_id, is_hidden=False)
        .exclude(promoted_questions__session=session)
        .select_related("author")
        .order_by("-created_at")[:limit]
    )
