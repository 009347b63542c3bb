"""iCalendar export of sessions (RFC 5545), times in the meeting's zone with its VTIMEZONE."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils import timezone
from icalendar import Calendar, Event

from convener.program.models import Meeting, Session

PRODID = "-//convener//program//EN"


def session_uid(session: Session, host: str) -> str:
    return f"session-{session.pk}@{host}"


def build_calendar(
    *,
    meeting: Meeting,
    sessions: Iterable[Session],
    name: str,
    host: str,
    absolute_url: Callable[[Session], str],
    show_join_link: Callable[[Session], bool],
) -> bytes:
    """A calendar of ``sessions``; the join link is included only where ``show_join_link`` says so."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", meeting.time_zone)
    zone = meeting.zone
    stamp = timezone.now()
    for session in sessions:
        event = Event()
        event.add("uid", session_uid(session, host))
        event.add("dtstamp", stamp)
        event.add("last-modified", session.updated_at)
        event.add("dtstart", session.starts_at.astimezone(zone))
        event.add("dtend", session.ends_at.astimezone(zone))
        event.add("summary", session.title)
        event.add("categories", [session.get_kind_display()])
        url = absolute_url(session)
        lines = [part for part in (session.goal, session.format) if part]
        people = [role.participant.name for role in session.roles.all()]
        if people:
            lines.append("With " + ", ".join(people))
        if show_join_link(session) and session.join_link:
            event.add("location", session.join_link)
            lines.append(f"Join: {session.join_link}")
        lines.append(f"Details: {url}")
        event.add("description", "\n\n".join(lines))
        event.add("url", url)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
