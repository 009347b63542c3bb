"""iCalendar export of sessions (RFC 5545), times in the meeting's zone with its VTIMEZONE."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.utils import timezone
from icalendar import Calendar, Event, vText

from convener.core.text import multi_line, one_line
from convener.program.models import Meeting, Session

PRODID = "-//convener//program//EN"


def session_uid(session: Session, host: str) -> str:
    return f"session-{session.pk}@{host}"


def _line(text: str) -> vText:
    """A one-line text property (SUMMARY, LOCATION): stored breaks and control characters become spaces,
    so old or imported text cannot break the file."""
    return vText(one_line(text))


def _paragraphs(text: str) -> vText:
    """A multi-line text property (DESCRIPTION): every kind of break written as an escaped newline."""
    return vText(multi_line(text))


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
    # icalendar writes X- properties as they are, unescaped: folding to one line is what keeps the file whole.
    calendar.add("x-wr-calname", one_line(name))
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
        event.add("summary", _line(session.title))
        event.add("categories", [session.get_kind_display()])
        url = absolute_url(session)
        lines = [part for part in (session.goal, session.format) if part]
        people = [role.participant.name for role in session.roles.all()]
        if people:
            lines.append("With " + ", ".join(people))
        if show_join_link(session) and session.join_link:
            event.add("location", _line(session.join_link))
            lines.append(f"Join: {session.join_link}")
        lines.append(f"Details: {url}")
        event.add("description", _paragraphs("\n\n".join(lines)))
        event.add("url", url)
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
