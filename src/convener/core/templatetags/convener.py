from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from convener.core import dates, markdown
from convener.core.timezones import abbreviation

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text: str) -> SafeString:
    return mark_safe(markdown.render(text))  # noqa: S308 - nh3 has sanitised it


@register.filter
def in_zone(value: datetime, zone: ZoneInfo) -> datetime:
    """The same instant, in ``zone`` (for showing the meeting's zone beside the viewer's).

    In UTC when ``zone`` cannot hold it (a date stored near 9999-12-31); ``zone_abbr`` then says UTC.
    """
    if not isinstance(value, datetime):
        return value
    return dates.localtime(value, zone)


@register.filter
def shown_zone(value: datetime, zone: ZoneInfo) -> str:
    """The zone ``value`` shows in through ``timezone`` or ``in_zone``: ``zone``, or UTC when it cannot hold it."""
    if not isinstance(value, datetime):
        return str(zone)
    return str(dates.localtime(value, zone).tzinfo)


@register.filter
def utc_note(value: datetime, zone: ZoneInfo) -> str:
    """ " UTC" after a date that ``zone`` cannot hold and is therefore shown in UTC; else nothing."""
    return " UTC" if isinstance(value, datetime) and shown_zone(value, zone) != str(zone) else ""


@register.filter
def zone_abbr(value: datetime) -> str:
    """The abbreviation or UTC offset of an aware datetime, as in ``CEST`` or ``UTC+05:45``."""
    return abbreviation(value)


@register.filter
def get_item(mapping: dict, key: object) -> object:
    """``mapping[key]`` in a template, or None when missing."""
    return mapping.get(key) if isinstance(mapping, dict) else None


def _shown_zone(context: template.Context) -> ZoneInfo:
    """The zone the viewer reads times in: the page's ``zone``, else the request's, else the meeting's."""
    for key in ("zone", "viewer_zone", "meeting_zone"):
        found = context.get(key)
        if isinstance(found, ZoneInfo):
            return found
    meeting = context.get("meeting")
    found = getattr(meeting, "zone", None)
    return found if isinstance(found, ZoneInfo) else timezone.get_current_timezone()  # type: ignore[return-value]


def time_element(
    value: datetime, *, zone: ZoneInfo, viewer: ZoneInfo, fmt: str = "D j M, H:i", until: datetime | None = None
) -> SafeString:
    """``value`` (to ``until``) as a ``<time>`` shown in ``zone``, for a reader in ``viewer``.

    The element carries the instant (``datetime``) and the zone it is shown in
    (``data-zone``). A time in another zone than the reader's names that zone
    (``CET``) and, when its day is not the reader's day, its weekday.
    """
    local = dates.localtime(value, zone)  # in UTC when ``zone`` cannot hold it (a far date)
    zone = local.tzinfo if isinstance(local.tzinfo, ZoneInfo) else ZoneInfo("UTC")
    text = formats.date_format(local, fmt)
    if until is not None:
        end = dates.localtime(until, zone)
        text += "–" + formats.date_format(end, "H:i")
    if zone.key != viewer.key:
        if local.date() != dates.localtime(value, viewer).date() and "D" not in fmt and "l" not in fmt:
            text = f"{formats.date_format(local, 'D')} {text}"
        text += f" {zone_abbr(local)}"
    return format_html('<time datetime="{}" data-zone="{}">{}</time>', value.isoformat(), zone.key, text)


@register.simple_tag(takes_context=True)
def when(
    context: template.Context,
    value: object,
    fmt: str = "D j M, H:i",
    *,
    until: datetime | None = None,
    beside: bool = False,
    zone: ZoneInfo | str | None = None,
) -> SafeString | str:
    """Every time a person reads: in their zone, as ``<time datetime=… data-zone=…>Thu 25 Mar, 08:00</time>``.

    ``until`` makes it a range; ``beside=True`` adds the meeting's start time beside it
    when the viewer is elsewhere (``14:00 CET``, with its weekday when that is
    another day); ``zone`` shows it in another zone (a person's own), labelled.
    """
    if not isinstance(value, datetime):  # None, or a variable the page does not have
        return ""
    viewer = _shown_zone(context)
    shown = ZoneInfo(zone) if isinstance(zone, str) and zone else zone if isinstance(zone, ZoneInfo) else viewer
    html = time_element(value, zone=shown, viewer=viewer, fmt=fmt, until=until)
    meeting_zone = context.get("meeting_zone") or getattr(context.get("meeting"), "zone", None)
    if beside and isinstance(meeting_zone, ZoneInfo) and meeting_zone.key != shown.key:
        there = time_element(value, zone=meeting_zone, viewer=viewer, fmt="H:i")
        html = format_html(
            '{} <span class="meeting-time" title="Meeting time ({})">{}</span>', html, meeting_zone.key, there
        )
    return html
