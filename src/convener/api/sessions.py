"""Sessions of a meeting: read by its participants, written by its organisers.

Every write goes through ``program.services`` (validation, facilitator
overlaps, the change log). Join links are shown only to viewers that
``program.selectors.can_see_join_link`` allows.
"""

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from convener.api.auth import AUTH
from convener.api.permissions import meeting_for_organiser, meeting_for_reader, viewer
from convener.api.schemas import (
    LONG_TEXT,
    READ_ERRORS,
    WRITE_ERRORS,
    Id,
    InputSchema,
    Pagination,
    SaneDate,
    SessionKind,
    SessionRoleName,
    Text,
    UtcDatetime,
    UtcOut,
)
from convener.core.timezones import validate_time_zone
from convener.people.models import Participant, Region
from convener.program import selectors, services
from convener.program.models import Meeting, Session, Theme

router = Router(auth=AUTH, tags=["sessions"])

Title = Text(200, min_length=1, strip=True, single_line=True)
LongText = Text(LONG_TEXT)
Url = Text(500)
Zone = Text(64, min_length=1)
MAX_PEOPLE = 100


class ThemeRef(Schema):
    id: int
    name: str


class RegionRef(Schema):
    id: int
    name: str
    slug: str


class SessionPersonOut(Schema):
    participant_id: int
    name: str
    role: SessionRoleName


class SessionOut(Schema):
    id: int
    kind: SessionKind
    title: str
    goal: str
    format: str
    preparation: str
    starts_at: UtcOut
    ends_at: UtcOut
    duration_minutes: int
    theme: ThemeRef | None
    region: RegionRef | None
    people: list[SessionPersonOut]
    join_link: str | None = Field(
        None, description="Only for members of the meeting, and for guests who lead the session."
    )
    recording_url: str
    updated_at: UtcOut

    @staticmethod
    def resolve_people(obj: Session) -> list[dict[str, Any]]:
        return [
            {
                "participant_id": role.participant_id,
                "name": role.participant.name,
                "role": role.role,
            }
            for role in obj.roles.all()
        ]

    @staticmethod
    def resolve_join_link(obj: Session, context: dict[str, Any]) -> str | None:
        participant = viewer(context["request"])
        if selectors.can_see_join_link(participant=participant, session=obj):
            return obj.join_link
        return None


class SessionPersonIn(InputSchema):
    participant_id: Id
    role: SessionRoleName = "facilitator"


class SessionCreate(InputSchema):
    kind: SessionKind = "plenary"
    title: Title
    goal: LongText = ""
    format: LongText = ""
    preparation: LongText = ""
    starts_at: UtcDatetime
    ends_at: UtcDatetime
    theme_id: Id | None = None
    region_id: Id | None = None
    join_link: Url = ""
    recording_url: Url = ""
    people: list[SessionPersonIn] = Field([], max_length=MAX_PEOPLE)


class SessionPatch(InputSchema):
    """Only the fields sent change. ``theme_id``/``region_id`` may be null to clear them;
    ``people``, when sent, replaces everyone booked on the session."""

    kind: SessionKind = None  # type: ignore[assignment]
    title: Title = None
    goal: LongText = None
    format: LongText = None
    preparation: LongText = None
    starts_at: UtcDatetime = None  # type: ignore[assignment]
    ends_at: UtcDatetime = None  # type: ignore[assignment]
    theme_id: Id | None = None
    region_id: Id | None = None
    join_link: Url = None
    recording_url: Url = None
    people: list[SessionPersonIn] = Field(None, max_length=MAX_PEOPLE)


class SessionFilters(Schema):
    day: SaneDate | None = Field(None, description="Only sessions starting on this day (YYYY-MM-DD)…")
    tz: Zone | None = Field(None, description="…in this IANA zone, e.g. America/Bogota (default: the meeting's zone).")
    kind: SessionKind | None = None
    theme: Id | None = Field(None, description="Only sessions of this theme id.")


def _session_or_404(meeting: Meeting, session_id: int) -> Session:
    session = selectors.session_list(meeting=meeting).filter(pk=session_id).first()
    if session is None:
        raise HttpError(404, f"No session with id {session_id} in this meeting.")
    return session


def _service_fields(meeting: Meeting, data: dict[str, Any]) -> dict[str, Any]:
    """Turn ids from the request into the objects program.services takes."""
    if "theme_id" in data:
        theme_id = data.pop("theme_id")
        theme = None
        if theme_id is not None:
            theme = Theme.objects.filter(meeting=meeting, pk=theme_id).first()
            if theme is None:
                raise ValidationError({"theme_id": f"No theme with id {theme_id} in this meeting."})
        data["theme"] = theme
    if "region_id" in data:
        region_id = data.pop("region_id")
        region = None
        if region_id is not None:
            region = Region.objects.filter(pk=region_id).first()
            if region is None:
                raise ValidationError({"region_id": f"No region with id {region_id}."})
        data["region"] = region
    if data.get("people") is not None:
        data["people"] = _people(meeting, data["people"])
    return data


def _people(meeting: Meeting, people: list[dict[str, Any]]) -> list[tuple[Participant, str]]:
    ids = [person["participant_id"] for person in people]
    if len(set(ids)) != len(ids):
        raise ValidationError({"people": "Each participant may appear only once in people."})
    found = Participant.objects.filter(meeting=meeting, pk__in=ids).in_bulk()
    missing = [str(pk) for pk in ids if pk not in found]
    if missing:
        raise ValidationError({"people": f"No participant with id {', '.join(missing)} in this meeting."})
    return [(found[person["participant_id"]], person["role"]) for person in people]


@router.get("/{slug}/sessions", response={200: list[SessionOut], **READ_ERRORS})
@paginate(Pagination)
def session_list(request: HttpRequest, slug: str, filters: Query[SessionFilters]) -> QuerySet[Session]:
    meeting, _ = meeting_for_reader(request, slug)
    sessions = selectors.session_list(meeting=meeting)
    if filters.tz is not None:
        validate_time_zone(filters.tz)
    if filters.day is not None:
        zone = ZoneInfo(filters.tz) if filters.tz else meeting.zone
        sessions = sessions.filter(
            starts_at__gte=_midnight(filters.day, zone),
            starts_at__lt=_midnight(filters.day + timedelta(days=1), zone),
        )
    if filters.kind is not None:
        sessions = sessions.filter(kind=filters.kind)
    if filters.theme is not None:
        sessions = sessions.filter(theme_id=filters.theme)
    return sessions.order_by("starts_at", "title", "id")


def _midnight(day: date, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, time.min, tzinfo=zone)


@router.post(
    "/{slug}/sessions",
    response={201: SessionOut, **WRITE_ERRORS},
    summary="Add a session (organisers)",
)
def session_create(request: HttpRequest, slug: str, payload: SessionCreate) -> Status[Session]:
    meeting, _ = meeting_for_organiser(request, slug)
    fields = _service_fields(meeting, payload.model_dump())
    session = services.session_create(meeting=meeting, **fields)
    return Status(201, _session_or_404(meeting, session.pk))


@router.get("/{slug}/sessions/{session_id}", response={200: SessionOut, **READ_ERRORS})
def session_detail(request: HttpRequest, slug: str, session_id: Id) -> Session:
    meeting, _ = meeting_for_reader(request, slug)
    return _session_or_404(meeting, session_id)


@router.patch(
    "/{slug}/sessions/{session_id}",
    response={200: SessionOut, **WRITE_ERRORS},
    summary="Change a session (organisers)",
)
def session_update(request: HttpRequest, slug: str, session_id: Id, payload: SessionPatch) -> Session:
    meeting, _ = meeting_for_organiser(request, slug)
    session = _session_or_404(meeting, session_id)
    fields = _service_fields(meeting, payload.model_dump(exclude_unset=True))
    services.session_update(session=session, **fields)
    return _session_or_404(meeting, session_id)


@router.delete(
    "/{slug}/sessions/{session_id}",
    response={204: None, **WRITE_ERRORS},
    summary="Cancel a session (organisers)",
)
def session_cancel(request: HttpRequest, slug: str, session_id: Id) -> Status[None]:
    meeting, _ = meeting_for_organiser(request, slug)
    services.session_cancel(session=_session_or_404(meeting, session_id))
    return Status(204, None)
