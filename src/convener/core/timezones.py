"""Time-zone names, checked against the IANA database that zoneinfo ships."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from urllib.parse import unquote
from zoneinfo import ZoneInfo, available_timezones

from django.core.exceptions import ValidationError

from convener.core import dates

_AREAS = (
    "Africa/",
    "America/",
    "Antarctica/",
    "Asia/",
    "Atlantic/",
    "Australia/",
    "Europe/",
    "Indian/",
    "Pacific/",
)


# Old names that browsers (ICU) still report, mapped to the current IANA names.
RENAMED = {
    "Africa/Asmera": "Africa/Asmara",
    "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
    "America/Catamarca": "America/Argentina/Catamarca",
    "America/Cordoba": "America/Argentina/Cordoba",
    "America/Coral_Harbour": "America/Atikokan",
    "America/Godthab": "America/Nuuk",
    "America/Indianapolis": "America/Indiana/Indianapolis",
    "America/Jujuy": "America/Argentina/Jujuy",
    "America/Louisville": "America/Kentucky/Louisville",
    "America/Mendoza": "America/Argentina/Mendoza",
    "Asia/Calcutta": "Asia/Kolkata",
    "Asia/Dacca": "Asia/Dhaka",
    "Asia/Katmandu": "Asia/Kathmandu",
    "Asia/Rangoon": "Asia/Yangon",
    "Asia/Saigon": "Asia/Ho_Chi_Minh",
    "Asia/Thimbu": "Asia/Thimphu",
    "Asia/Ujung_Pandang": "Asia/Makassar",
    "Asia/Ulan_Bator": "Asia/Ulaanbaatar",
    "Atlantic/Faeroe": "Atlantic/Faroe",
    "Europe/Kiev": "Europe/Kyiv",
    "Europe/Uzhgorod": "Europe/Kyiv",
    "Europe/Zaporozhye": "Europe/Kyiv",
    "Pacific/Enderbury": "Pacific/Kanton",
    "Pacific/Ponape": "Pacific/Pohnpei",
    "Pacific/Truk": "Pacific/Chuuk",
}


def canonical(name: str) -> str:
    """The current IANA name for ``name`` (``Asia/Katmandu`` -> ``Asia/Kathmandu``)."""
    return RENAMED.get(name, name)


@lru_cache(maxsize=1)
def all_zones() -> frozenset[str]:
    return frozenset(available_timezones())


@lru_cache(maxsize=1)
def choices() -> list[tuple[str, str]]:
    """Zones offered in pickers: the Area/City names plus UTC, sorted."""
    names = sorted(z for z in all_zones() if z.startswith(_AREAS) and z not in RENAMED) + ["UTC"]
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


def local_time_problem(naive: datetime, zone: ZoneInfo) -> str | None:
    """Why a wall-clock time cannot be read in ``zone``: skipped or repeated by a clock change (else None)."""
    aware = naive.replace(tzinfo=zone)
    try:
        round_trip = aware.astimezone(UTC).astimezone(zone).replace(tzinfo=None)
    except OverflowError:
        return f"is out of range in {zone.key}: choose a date between the years {dates.MIN_YEAR} and {dates.MAX_YEAR}"
    if round_trip != naive:
        return f"does not exist in {zone.key}: the clocks go forward at that hour"
    if aware.utcoffset() != naive.replace(tzinfo=zone, fold=1).utcoffset():
        return f"happens twice in {zone.key}: the clocks go back at that hour; choose another time"
    return None


def from_cookie(value: str) -> ZoneInfo | None:
    """The viewer's zone from the ``convener_tz`` cookie's value (URL-quoted), or None when unknown."""
    name = canonical(unquote(value or ""))
    return ZoneInfo(name) if name and is_known(name) else None


def abbreviation(value: datetime) -> str:
    """The abbreviation or UTC offset of an aware datetime, as in ``CEST`` or ``UTC+05:45``."""
    name = value.tzname() or ""
    if name and name[0] not in "+-":
        return name
    offset = value.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"
