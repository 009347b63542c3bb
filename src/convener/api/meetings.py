"""Meetings and their themes."""

from datetime import date

from django.db.models import OuterRef, QuerySet, Subquery
from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from convener.api.auth import AUTH
from convener.api.permissions import (
    meeting_for_organiser,
    meeting_for_reader,
    require_staff,
    user_of,
)
from convener.api.schemas import (
    LONG_TEXT,
    READ_ERRORS,
    WRITE_ERRORS,
    InputSchema,
    Name,
    Pagination,
    ParticipantRole,
    Registration,
    SaneDate,
    Slug,
    Text,
    UtcOut,
)
from convener.people.models import Participant
from convener.program import services
from convener.program.models import Meeting, Theme

router = Router(auth=AUTH, tags=["meetings"])

Description = Text(LONG_TEXT)
Zone = Text(64, min_length=1)


class MeetingOut(Schema):
    id: int
    slug: str
    name: str
    description: str
    start_date: date
    end_date: date
    time_zone: str
    registration: Registration
    created_at: UtcOut
    your_role: ParticipantRole | None = None

    @staticmethod
    def resolve_your_role(obj: Meeting) -> str | None:
        return getattr(obj, "your_role", None)


class MeetingCreate(InputSchema):
    slug: Slug
    name: Name
    description: Description = ""
    start_date: SaneDate
    end_date: SaneDate
    time_zone: Zone = "UTC"
    registration: Registration = "open"
    organiser_name: Text(150, strip=True, single_line=True) = ""  # type: ignore[valid-type]


class MeetingPatch(InputSchema):
    """Only the fields sent change; ``null`` is not a value for any of them."""

    name: Name = None
    description: Description = None
    start_date: SaneDate = None  # type: ignore[assignment]
    end_date: SaneDate = None  # type: ignore[assignment]
    time_zone: Zone = None
    registration: Registration = None  # type: ignore[assignment]


class ThemeOut(Schema):
    id: int
    name: str
    description: str
    order: int


class ThemeCreate(InputSchema):
    name: Name
    description: Description = ""
    order: int = Field(0, ge=0, le=32767)


def _with_role(meetings: QuerySet[Meeting], request: HttpRequest) -> QuerySet[Meeting]:
    role = Participant.objects.filter(meeting=OuterRef("pk"), user=user_of(request)).values("role")
    return meetings.annotate(your_role=Subquery(role[:1]))


@router.get("", response=list[MeetingOut], summary="Meetings you take part in")
@paginate(Pagination)
def meeting_list(request: HttpRequest) -> QuerySet[Meeting]:
    mine = Meeting.objects.filter(participants__user=user_of(request))
    return _with_role(mine, request).order_by("-start_date", "-id")


@router.post("", response={201: MeetingOut, **WRITE_ERRORS}, summary="Create a meeting (staff)")
def meeting_create(request: HttpRequest, payload: MeetingCreate) -> Status[Meeting]:
    require_staff(request)
    meeting = services.meeting_create(user=user_of(request), **payload.model_dump())
    return Status(201, _with_role(Meeting.objects.filter(pk=meeting.pk), request).get())


@router.get("/{slug}", response={200: MeetingOut, **READ_ERRORS})
def meeting_detail(request: HttpRequest, slug: str) -> Meeting:
    meeting, participant = meeting_for_reader(request, slug)
    meeting.your_role = participant.role  # type: ignore[attr-defined]
    return meeting


@router.patch("/{slug}", response={200: MeetingOut, **WRITE_ERRORS}, summary="Change a meeting (organisers)")
def meeting_update(request: HttpRequest, slug: str, payload: MeetingPatch) -> Meeting:
    meeting, participant = meeting_for_organiser(request, slug)
    changes = payload.model_dump(exclude_unset=True)
    meeting = services.meeting_update(meeting=meeting, **changes)
    meeting.your_role = participant.role  # type: ignore[attr-defined]
    return meeting


@router.get("/{slug}/themes", response={200: list[ThemeOut], **READ_ERRORS})
@paginate(Pagination)
def theme_list(request: HttpRequest, slug: str) -> QuerySet[Theme]:
    meeting, _ = meeting_for_reader(request, slug)
    return Theme.objects.filter(meeting=meeting).order_by("order", "name", "id")


@router.post("/{slug}/themes", response={201: ThemeOut, **WRITE_ERRORS}, summary="Add a theme (organisers)")
def theme_create(request: HttpRequest, slug: str, payload: ThemeCreate) -> Status[Theme]:
    meeting, _ = meeting_for_organiser(request, slug)
    return Status(201, services.theme_create(meeting=meeting, **payload.model_dump()))
