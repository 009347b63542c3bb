"""Dates and times people type: the one range rule, and zone conversions that never overflow.

The rule (enforced in forms, API schemas and services alike):

- A time typed for a meeting (a session's start and end, a proposed poll time,
  a video's release, a survey's opening and closing) must fall in the meeting's
  window: from ``YEARS_BEFORE`` year before its first day to ``YEARS_AFTER``
  years after its last day, counted in whole UTC days. ``check_in_window``
  says so next to the field; stricter rules (a session on one of the meeting's
  days) still apply on top.
- A date typed without a meeting (the meeting's own first and last day) must
  fall in the years ``MIN_YEAR`` to ``MAX_YEAR`` (``check_year``).

Python's datetime ends at 0001-01-01 and 9999-12-31: a time near either end,
read in a zone ahead of or behind UTC, raises ``OverflowError``. Reading
typed text goes through ``check_in_window`` (aware times) or ``from_local``
(wall-clock times in a zone), which turn that into a ``ValidationError``.
Showing a date goes through ``localtime``, which falls back to UTC (labelled
as such by its tzinfo) when the viewer's zone cannot hold it; ``install``
makes Django's own template conversion (the active zone, the ``timezone``
filter) do the same, so a date stored before this rule existed never breaks
a page.
"""

from __future__ import annotations

from datetime import MAXYEAR, MINYEAR, UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol

from django.core.exceptions import ValidationError

# Dates and times outside these years are a typo (and could not be converted between zones).
MIN_YEAR = 1900
MAX_YEAR = 2999
# A meeting's window: from this many years before its first day to this many after its last.
YEARS_BEFORE = 1
YEARS_AFTER = 5

EXAMPLE = "2027-03-25T14:00:00+01:00"


class HasDates(Protocol):
    """A meeting, as far as the range rule cares."""

    start_date: date
    end_date: date


def _shift_years(day: date, years: int) -> date:
    """``day`` moved by whole years (29 February -> 28 February), kept within Python's calendar."""
    year = min(max(day.year + years, MINYEAR), MAXYEAR)
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year
        return day.replace(year=year, day=28)


def meeting_window(meeting: HasDates) -> tuple[datetime, datetime]:
    """The first allowed instant and the first instant after the window, in UTC.

    Never beyond the years MIN_YEAR to MAX_YEAR, even for a meeting stored with odd dates, so a time
    inside the window plus a session's length, or read in any zone, stays far from the calendar's ends.
    """
    first = max(_shift_years(meeting.start_date, -YEARS_BEFORE), date(MIN_YEAR, 1, 1))
    last = min(_shift_years(meeting.end_date, YEARS_AFTER), date(MAX_YEAR, 12, 31))
    earliest = datetime.combine(first, time.min, tzinfo=UTC)
    after = datetime.combine(last + timedelta(days=1), time.min, tzinfo=UTC)
    return earliest, max(earliest, after)


def window_text(meeting: HasDates) -> str:
    earliest, after = meeting_window(meeting)
    last = (after - timedelta(microseconds=1)).date()
    return (
        f"between {earliest:%d %b %Y} and {last:%d %b %Y} (UTC): from a year before the meeting "
        f"starts to {YEARS_AFTER} years after it ends"
    )


def to_utc(value: datetime, *, what: str = "The time") -> datetime:
    """``value`` in UTC; a ValidationError when it has no zone or lies beyond the calendar in UTC."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValidationError(
            f"{what} must carry its time zone, as in {EXAMPLE}.",
            code="naive_datetime",
        )
    try:
        return value.astimezone(UTC)
    except OverflowError:
        raise ValidationError(
            f"{what} is out of range: choose a date between the years {MIN_YEAR} and {MAX_YEAR}.",
            code="out_of_range",
        ) from None


def check_in_window(value: datetime, meeting: HasDates, *, what: str = "The time") -> datetime:
    """``value`` in UTC when it falls in the meeting's window; else a ValidationError saying the window."""
    try:
        utc = to_utc(value, what=what)
    except ValidationError as exc:
        if exc.code != "out_of_range":
            raise
        utc = None
    earliest, after = meeting_window(meeting)
    if utc is None or not earliest <= utc < after:
        raise ValidationError(f"{what} must fall {window_text(meeting)}.", code="out_of_range")
    return utc


def window_errors(obj: object, meeting: HasDates, fields: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """For a model's ``clean``: each of ``fields`` (name, what it is) outside the meeting's window, with why."""
    errors: dict[str, str] = {}
    for name, what in fields:
        value = getattr(obj, name)
        if value is not None:
            try:
                check_in_window(value, meeting, what=what)
            except ValidationError as exc:
                errors[name] = exc.messages[0]
    return errors


def check_year(value: date, *, what: str = "The date") -> date:
    """``value`` when its year is between MIN_YEAR and MAX_YEAR; else a ValidationError."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValidationError(
            f"{what} must fall between the years {MIN_YEAR} and {MAX_YEAR}.",
            code="out_of_range",
        )
    return value


def from_local(naive: datetime, zone: tzinfo, *, what: str = "The time") -> datetime:
    """A wall-clock time read in ``zone``, as an aware UTC datetime (ValidationError when out of range)."""
    return to_utc(naive.replace(tzinfo=zone), what=what)


def localtime(value: datetime, zone: tzinfo) -> datetime:
    """``value`` in ``zone`` for showing it; in UTC when ``zone`` would push it beyond the calendar."""
    try:
        return value.astimezone(zone)
    except OverflowError:
        try:
            return value.astimezone(UTC)
        except OverflowError:
            return value


def install() -> None:
    """Make Django's conversion to the viewer's zone in templates fall back to UTC instead of raising.

    Django's ``timezone.localtime`` is what templates use for the active zone
    (``{{ when }}``, ``|date``) and for the ``tz`` library's ``timezone``
    filter; it raises ``OverflowError`` for a date the zone would push past
    9999-12-31 (or before 0001-01-01). The wrapper changes nothing else.
    """
    from django.utils import timezone

    if getattr(timezone.localtime, "convener_safe", False):
        return
    original = timezone.localtime

    def safe_localtime(value: datetime | None = None, timezone: tzinfo | None = None) -> datetime:
        try:
            return original(value, timezone)
        except OverflowError:
            return localtime(value, UTC) if value is not None else original(None, UTC)

    safe_localtime.convener_safe = True  # type: ignore[attr-defined]
    safe_localtime.__doc__ = original.__doc__
    timezone.localtime = safe_localtime
