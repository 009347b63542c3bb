"""Reads of the program: what a viewer sees, grouped the way people read it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Prefetch, QuerySet

from convener.people.models import Participant
from convener.people.selectors import Role, is_member
from convener.program.models import Meeting, Session, SessionRole, Star, Theme


def meeting_default() -> Meeting | None:
    """The meeting the home page opens: the latest to start."""
    return Meeting.objects.order_by("-start_date", "-id").first()


def session_list(*, meeting: Meeting, drafts: bool = False) -> QuerySet[Session]:
    """Sessions with everything the program shows, in a fixed number of queries.

    Drafts are left out unless asked for: only the organiser area asks.
    """
    roles = SessionRole.objects.select_related("participant", "participant__node")
    sessions = Session.objects.filter(meeting=meeting)
    if not drafts:
        sessions = sessions.filter(is_draft=False)
    return (
        sessions.select_related("theme", "region")
        .prefetch_related(Prefetch("roles", queryset=roles))
        .order_by("starts_at", "title")
    )


@dataclass
class ThemeGroup:
    theme: Theme | None
    sessions: list[Session] = field(default_factory=list)


@dataclass
class Day:
    day: date
    groups: list[ThemeGroup] = field(default_factory=list)

    @property
    def session_count(self) -> int:
        return sum(len(group.sessions) for group in self.groups)


def program_days(sessions: list[Session], zone: ZoneInfo) -> list[Day]:
    """Group sessions by their day in ``zone``, then by theme in order of first start.

    Sessions without a theme stand as groups of their own at their place in time.
    """
    days: dict[date, Day] = {}
    theme_groups: dict[tuple[date, int], ThemeGroup] = {}
    for session in sorted(sessions, key=lambda s: (s.starts_at, s.title)):
        local_day = session.starts_at.astimezone(zone).date()
        day = days.setdefault(local_day, Day(local_day))
        if session.theme_id is None:
            day.groups.append(ThemeGroup(None, [session]))
            continue
        key = (local_day, session.theme_id)
        group = theme_groups.get(key)
        if group is None:
            group = theme_groups[key] = ThemeGroup(session.theme)
            day.groups.append(group)
        group.sessions.append(session)
    return [days[d] for d in sorted(days)]


def starred_session_ids(*, participant: Participant | None) -> set[int]:
    if participant is None:
        return set()
    return set(Star.objects.filter(participant=participant).values_list("session_id", flat=True))


def agenda_sessions(*, participant: Participant) -> QuerySet[Session]:
    """A participant's agenda: sessions they starred and sessions they lead."""
    from django.db.models import Q

    return (
        session_list(meeting=participant.meeting)
        .filter(Q(stars__participant=participant) | Q(roles__participant=participant))
        .distinct()
    )


def can_see_join_link(*, participant: Participant | None, session: Session) -> bool:
    """Members of the meeting see every join link; a guest only for sessions they lead."""
    if is_member(participant):
        return True
    if participant is not None and participant.role == Role.GUEST:
        return any(role.participant_id == participant.pk for role in session.roles.all())
    return False


def viewer_zone(*, request_zone: ZoneInfo | None, meeting: Meeting) -> ZoneInfo:
    return request_zone or meeting.zone


def local(dt: datetime, zone: ZoneInfo) -> datetime:
    return dt.astimezone(zone)
