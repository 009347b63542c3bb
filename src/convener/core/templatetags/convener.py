from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django import template
from django.utils.safestring import SafeString, mark_safe

from convener.core import dates, markdown

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
    """The abbreviation or UTC offset of an aware datetime, as in ``CEST`` or ``+0545``."""
    name = value.tzname() or ""
    if name and name[0] not in "+-":
        return name
    offset = value.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


@register.filter
def get_item(mapping: dict, key: object) -> object:
    """``mapping[key]`` in a template, or None when missing."""
    return mapping.get(key) if isinstance(mapping, dict) else None
