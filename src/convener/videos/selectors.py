"""Who sees which video, when; what to watch before a session; the library.

Visibility of a presentation, for a viewer at a moment ``now``:

- organisers, the presentation's own presenters and the people leading a
  session it prepares see everything, always;
- before its release time everyone else sees only the title and the date;
- once released, the meeting's members (organisers, facilitators, presenters,
  participants) see it, and after the meeting the library is public: anyone
  may watch.

Every function takes ``now`` so pages and tests agree on the moment.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models import Count, Prefetch, Q, QuerySet

from convener.people.models import Participant
from convener.people.selectors import MEMBER_ROLES, is_member, is_organiser
from convener.program.models import Meeting, Session, SessionRole
from convener.videos.models import Presentation, Recording, VideoPolicy, Watch

FULL = "full"  # the video, its slides and captions
UPCOMING = "upcoming"  # title and release date only
MEMBERS = "members"  # released, for members until the library opens


def policy_for(meeting: Meeting) -> VideoPolicy:
    """The meeting's rules; the defaults (7 minutes) until an organiser changes them."""
    return VideoPolicy.objects.filter(meeting=meeting).first() or VideoPolicy(meeting=meeting)


def library_opens_at(meeting: Meeting) -> datetime:
    """The library turns public at midnight after the meeting's last day, in the meeting's zone."""
    return datetime.combine(meeting.end_date + timedelta(days=1), time(0), tzinfo=meeting.zone)


def library_is_public(meeting: Meeting, now: datetime) -> bool:
    return now >= library_opens_at(meeting)


def presentations_qs() -> QuerySet[Presentation]:
    return Presentation.objects.select_related("theme", "meeting").prefetch_related(
        Prefetch("presenters", queryset=Participant.objects.select_related("node").order_by("name")),
        Prefetch("sessions", queryset=Session.objects.prefetch_related("roles").order_by("starts_at")),
    )


def is_insider(presentation: Presentation, participant: Participant | None) -> bool:
    """Organisers, its presenters and the people leading a session it prepares."""
    if participant is None or participant.meeting_id != presentation.meeting_id:
        return False
    if is_organiser(participant):
        return True
    if any(p.pk == participant.pk for p in presentation.presenters.all()):
        return True
    return any(role.participant_id == participant.pk for s in presentation.sessions.all() for role in s.roles.all())


def presentation_state(presentation: Presentation, participant: Participant | None, now: datetime) -> str:
    if is_insider(presentation, participant):
        return FULL
    if presentation.release_at > now:
        return UPCOMING
    if is_member(participant) and participant.meeting_id == presentation.meeting_id:
        return FULL
    return FULL if library_is_public(presentation.meeting, now) else MEMBERS


def can_see_recording(recording: Recording, participant: Participant | None, now: datetime) -> bool:
    session = recording.session
    if participant is not None and participant.meeting_id == session.meeting_id:
        if is_member(participant) or any(r.participant_id == participant.pk for r in session.roles.all()):
            return True
    return library_is_public(session.meeting, now)


def can_see_counts(participant: Participant | None, session: Session) -> bool:
    """Organisers, the meeting's facilitators and the people leading the session."""
    if participant is None or participant.meeting_id != session.meeting_id:
        return False
    if participant.role in {Participant.Role.ORGANISER, Participant.Role.FACILITATOR}:
        return True
    return SessionRole.objects.filter(session=session, participant=participant).exists()


def registered_count(meeting: Meeting) -> int:
    return Participant.objects.filter(meeting=meeting, role__in=MEMBER_ROLES).count()


def watched_counts(presentation_ids: list[int]) -> dict[int, int]:
    """How many of the meeting's members marked each presentation watched."""
    rows = (
        Watch.objects.filter(presentation_id__in=presentation_ids, watched=True, participant__role__in=MEMBER_ROLES)
        .values("presentation_id")
        .annotate(n=Count("id"))
    )
    return {row["presentation_id"]: row["n"] for row in rows}


def watches_of(participant: Participant | None, presentation_ids: list[int]) -> dict[int, Watch]:
    if participant is None:
        return {}
    return {
        w.presentation_id: w
        for w in Watch.objects.filter(participant=participant, presentation_id__in=presentation_ids)
    }


def bar_width(part: int, whole: int) -> int:
    """A percentage rounded to the nearest 5, for the CSS bar classes ``bar-w-N``."""
    if whole <= 0:
        return 0
    return min(100, max(0, round(part * 100 / whole / 5) * 5))


@dataclass
class Item:
    presentation: Presentation
    state: str
    watch: Watch | None = None
    watched_by: int | None = None  # members who watched, for those who may see counts
    bar: int = 0

    @property
    def watched(self) -> bool:
        return bool(self.watch and self.watch.watched)


@dataclass
class WatchAhead:
    items: list[Item] = field(default_factory=list)
    total_minutes: int = 0  # of what the viewer can watch now
    watched_minutes: int = 0
    upcoming: int = 0
    registered: int | None = None  # set for those who may see counts
    watched_all: int | None = None
    watched_all_bar: int = 0

    @property
    def watched_count(self) -> int:
        return sum(1 for item in self.items if item.watched)

    @property
    def watchable(self) -> int:
        return sum(1 for item in self.items if item.state == FULL)


def watch_ahead(*, session: Session, participant: Participant | None, now: datetime) -> WatchAhead:
    """What to watch before ``session``, in release order, with the viewer's own progress."""
    presentations = list(presentations_qs().filter(sessions=session).order_by("release_at", "id"))
    result = WatchAhead()
    if not presentations:
        return result
    ids = [p.pk for p in presentations]
    mine = watches_of(participant, ids)
    counts_visible = can_see_counts(participant, session)
    counts = watched_counts(ids) if counts_visible else {}
    registered = registered_count(session.meeting) if counts_visible else 0
    for presentation in presentations:
        state = presentation_state(presentation, participant, now)
        item = Item(presentation, state, watch=mine.get(presentation.pk))
        if counts_visible:
            item.watched_by = counts.get(presentation.pk, 0)
            item.bar = bar_width(item.watched_by, registered)
        result.items.append(item)
        if state == FULL:
            result.total_minutes += presentation.minutes
            if item.watched:
                result.watched_minutes += presentation.minutes
        elif state == UPCOMING:
            result.upcoming += 1
    if counts_visible:
        result.registered = registered
        result.watched_all = (
            Participant.objects.filter(meeting=session.meeting, role__in=MEMBER_ROLES)
            .annotate(n=Count("watches", filter=Q(watches__watched=True, watches__presentation_id__in=ids)))
            .filter(n=len(ids))
            .count()
        )
        result.watched_all_bar = bar_width(result.watched_all, registered)
    return result


def recording_for_session(session: Session) -> Recording | None:
    return Recording.objects.filter(session=session).prefetch_related("chapters").first()


# ---------------------------------------------------------------- the library

KINDS = {"presentation": "Pre-recorded presentation", "recording": "Session recording"}


@dataclass(frozen=True)
class LibraryFilter:
    theme: int | None = None
    language: str = ""
    licence: str = ""
    kind: str = ""


@dataclass
class LibraryEntry:
    kind: str  # "presentation" or "recording"
    video: Presentation | Recording
    title: str
    theme_name: str
    people: list[str]
    date: datetime
    released: bool = True

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


def library(
    *, meeting: Meeting, participant: Participant | None, now: datetime, filters: LibraryFilter
) -> list[LibraryEntry]:
    """Every presentation and recording the viewer may watch, newest themes first, filtered."""
    entries: list[LibraryEntry] = []
    if filters.kind in {"", "presentation"}:
        presentations = presentations_qs().filter(meeting=meeting)
        if filters.theme:
            presentations = presentations.filter(theme_id=filters.theme)
        if filters.language:
            presentations = presentations.filter(language=filters.language)
        if filters.licence:
            presentations = presentations.filter(licence=filters.licence)
        for p in presentations:
            if presentation_state(p, participant, now) != FULL:
                continue
            entries.append(
                LibraryEntry(
                    "presentation",
                    p,
                    p.title,
                    p.theme.name if p.theme else "",
                    [x.name for x in p.presenters.all()],
                    p.release_at,
                    released=p.release_at <= now,
                )
            )
    if filters.kind in {"", "recording"}:
        recordings = (
            Recording.objects.filter(session__meeting=meeting)
            .select_related("session", "session__theme", "session__meeting")
            .prefetch_related(Prefetch("session__roles", queryset=SessionRole.objects.select_related("participant")))
        )
        if filters.theme:
            recordings = recordings.filter(session__theme_id=filters.theme)
        if filters.language:
            recordings = recordings.filter(language=filters.language)
        if filters.licence:
            recordings = recordings.filter(licence=filters.licence)
        for r in recordings:
            if not can_see_recording(r, participant, now):
                continue
            entries.append(
                LibraryEntry(
                    "recording",
                    r,
                    r.title,
                    r.session.theme.name if r.session.theme else "",
                    [role.participant.name for role in r.session.roles.all()],
                    r.session.starts_at,
                )
            )
    entries.sort(key=lambda e: (e.theme_name == "", e.theme_name, e.date, e.title))
    return entries


def library_languages(meeting: Meeting) -> list[str]:
    codes = set(Presentation.objects.filter(meeting=meeting).values_list("language", flat=True))
    codes |= set(Recording.objects.filter(session__meeting=meeting).values_list("language", flat=True))
    return sorted(codes)
