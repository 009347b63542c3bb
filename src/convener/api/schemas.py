"""Types every router shares: checked text, ids, UTC times, pagination, errors."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, ConfigDict

from convener.core import dates
from convener.core.text import validate_single_line
from convener.people.models import Node, Participant
from convener.program.models import Meeting, Session, SessionRole

# Database ids are signed 64-bit; a bigger number can never name a row.
MAX_ID = 2**63 - 1
# Dates and times outside these years are a typo, and could not be converted between zones (one rule: core/dates).
MIN_YEAR = dates.MIN_YEAR
MAX_YEAR = dates.MAX_YEAR
# Longest Markdown field the API accepts (descriptions, goals, preparation).
LONG_TEXT = 20_000

Id = Annotated[int, Field(ge=1, le=MAX_ID)]


def _choice(choices: type) -> Any:
    """The values of a TextChoices as a Literal: inlined in OpenAPI, so two enums
    that Django both calls ``Kind`` or ``Role`` cannot overwrite each other there."""
    return Literal[tuple(choices.values)]  # type: ignore[attr-defined]


SessionKind = _choice(Session.Kind)
SessionRoleName = _choice(SessionRole.Role)
ParticipantRole = _choice(Participant.Role)
NodeKind = _choice(Node.Kind)
Registration = _choice(Meeting.Registration)


def _clean_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("Text may not contain NUL characters.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("Text must be valid Unicode (no lone surrogates).") from None
    return value


def _strip(value: str) -> str:
    return value.strip()


def _single_line(value: str) -> str:
    try:
        validate_single_line(value)
    except ValidationError as exc:
        raise ValueError(exc.messages[0]) from None
    return value


def Text(max_length: int, *, min_length: int = 0, strip: bool = False, single_line: bool = False) -> Any:  # noqa: N802
    """A string of at most ``max_length`` characters, free of NUL and lone surrogates;
    with ``single_line``, also free of line breaks and control characters (titles and names)."""
    validators = [AfterValidator(_clean_text)]
    if strip:
        validators.insert(0, AfterValidator(_strip))
    if single_line:
        validators.append(AfterValidator(_single_line))
    return Annotated[str, Field(min_length=min_length, max_length=max_length), *validators]


# Names and titles are one line: they become calendar names, event summaries and file headers.
Name = Text(200, min_length=1, strip=True, single_line=True)
Slug = Text(100, min_length=1)


def _utc_datetime(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            "This time has no time zone. Send ISO 8601 with an offset, "
            "e.g. 2027-03-25T14:00:00Z or 2027-03-25T15:00:00+01:00."
        )
    try:
        utc = value.astimezone(UTC)
    except OverflowError:
        utc = None
    if utc is None or not MIN_YEAR <= utc.year <= MAX_YEAR:
        raise ValueError(f"Times must fall between the years {MIN_YEAR} and {MAX_YEAR}.")
    return utc


def _sane_date(value: date) -> date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"Dates must fall between the years {MIN_YEAR} and {MAX_YEAR}.")
    return value


def _as_utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


# Input: a time-zone-aware datetime within the years above, converted to UTC.
UtcDatetime = Annotated[datetime, AfterValidator(_utc_datetime)]
# Output: whatever the database holds, shown in UTC (no range check: never a 500).
UtcOut = Annotated[datetime, AfterValidator(_as_utc)]
SaneDate = Annotated[date, AfterValidator(_sane_date)]


class InputSchema(Schema):
    """Request bodies: an unknown field is an error, not silently ignored."""

    model_config = ConfigDict(extra="forbid")


class Message(Schema):
    detail: str


class ValidationMessage(Schema):
    detail: list[str] | str | list[dict[str, Any]]
    fields: dict[str, list[str]] | None = None


class Pagination(LimitOffsetPagination):
    """limit/offset pagination with bounds, so a huge number is a 422 and not a crash."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500)
        offset: int = Field(0, ge=0, le=1_000_000_000)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(max_limit=500, **kwargs)


# Responses every endpoint can give, for the OpenAPI document.
READ_ERRORS: dict[int, Any] = {401: Message, 403: Message, 404: Message}
WRITE_ERRORS: dict[int, Any] = {**READ_ERRORS, 409: Message, 422: ValidationMessage}
