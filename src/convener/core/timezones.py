"""Time-zone names, checked against the IANA database that zoneinfo ships."""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError

_AREAS = (
    "Africa/", "America/", "Antarctica/", "Asia/", "Atlantic/", "Australia/",
    "Europe/", "Indian/", "Pacific/",
)


@lru_cache(maxsize=1)
def all_zones() -> frozenset[str]:
    return frozenset(available_timezones())


@lru_cache(maxsize=1)
def choices() -> list[tuple[str, str]]:
    """Zones offered in pickers: the Area/City names plus UTC, sorted."""
    names = sorted(z for z in all_zones() if z.startswith(_AREAS)) + ["UTC"]
    return [(name, name.replace("_", " ")) for name in names]


def is_known(name: str) -> bool:
    return name in all_zones()


def validate_time_zone(name: str) -> None:
    if not is_known(name):
        raise ValidationError(
            "%(name)s is not a known time zone; use an IANA name such as Europe/Copenhagen.",
            code="unknown_time_zone",
            params={"name": name},
        )


def zone(name: str) -> ZoneInfo:
    validate_time_zone(name)
    return ZoneInfo(name)
