"""The network (regions, nodes) and the participants of a meeting."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from convener.api.auth import AUTH
from convener.api.permissions import (
    meeting_for_organiser,
    meeting_for_reader,
    require_network_manager,
)
from convener.api.schemas import (
    READ_ERRORS,
    WRITE_ERRORS,
    Id,
    InputSchema,
    Name,
    NodeKind,
    Pagination,
    ParticipantRole,
    Slug,
    Text,
)
from convener.people import services
from convener.people.models import Node, Participant, Region

router = Router(auth=AUTH, tags=["people"])


class RegionOut(Schema):
    id: int
    name: str
    slug: str
    order: int


class NodeOut(Schema):
    id: int
    name: str
    kind: NodeKind
    country: str = Field(description="ISO 3166 alpha-2 code; empty for international bodies.")
    country_name: str
    region: RegionOut

    @staticmethod
    def resolve_country(obj: Node) -> str:
        return obj.country.code or ""

    @staticmethod
    def resolve_country_name(obj: Node) -> str:
        return str(obj.country.name or "")


class NodeCreate(InputSchema):
    name: Name
    kind: NodeKind = "national"
    country: Text(2) = Field("", description="ISO 3166 alpha-2 code, e.g. CO; empty for none.")  # type: ignore[valid-type]
    region_id: Id


class NodeFilters(Schema):
    region: Slug | None = Field(None, description="Only nodes of the region with this slug.")
    kind: NodeKind | None = None


class NodeRef(Schema):
    id: int
    name: str


class ParticipantOut(Schema):
    id: int
    name: str
    role: ParticipantRole
    node: NodeRef | None
    time_zone: str
    languages: list[str]


class ParticipantFilters(Schema):
    role: ParticipantRole | None = None


class ParticipantPatch(InputSchema):
    role: ParticipantRole


@router.get("/regions", response={200: list[RegionOut], **READ_ERRORS})
@paginate(Pagination)
def region_list(request: HttpRequest) -> QuerySet[Region]:
    return Region.objects.order_by("order", "name", "id")


@router.get("/nodes", response={200: list[NodeOut], **READ_ERRORS})
@paginate(Pagination)
def node_list(request: HttpRequest, filters: Query[NodeFilters]) -> QuerySet[Node]:
    nodes = Node.objects.select_related("region").order_by("name", "id")
    if filters.region is not None:
        nodes = nodes.filter(region__slug=filters.region)
    if filters.kind is not None:
        nodes = nodes.filter(kind=filters.kind)
    return nodes


@router.post("/nodes", response={201: NodeOut, **WRITE_ERRORS}, summary="Add a node (staff and organisers)")
def node_create(request: HttpRequest, payload: NodeCreate) -> Status[Node]:
    require_network_manager(request)
    data: dict[str, Any] = payload.model_dump()
    region = Region.objects.filter(pk=data.pop("region_id")).first()
    if region is None:
        raise ValidationError({"region_id": f"No region with id {payload.region_id}."})
    data["country"] = data["country"].upper()
    node = services.node_create(region=region, **data)
    return Status(201, node)


@router.get("/meetings/{slug}/participants", response={200: list[ParticipantOut], **READ_ERRORS})
@paginate(Pagination)
def participant_list(request: HttpRequest, slug: str, filters: Query[ParticipantFilters]) -> QuerySet[Participant]:
    meeting, _ = meeting_for_reader(request, slug)
    participants = Participant.objects.filter(meeting=meeting).select_related("node")
    if filters.role is not None:
        participants = participants.filter(role=filters.role)
    return participants.order_by("name", "id")


@router.patch(
    "/meetings/{slug}/participants/{participant_id}",
    response={200: ParticipantOut, **WRITE_ERRORS},
    summary="Change a participant's role (organisers)",
)
def participant_update(request: HttpRequest, slug: str, participant_id: Id, payload: ParticipantPatch) -> Participant:
    meeting, _ = meeting_for_organiser(request, slug)
    participant = Participant.objects.select_related("node").filter(meeting=meeting, pk=participant_id).first()
    if participant is None:
        raise HttpError(404, f"No participant with id {participant_id} in this meeting.")
    return services.participant_set_role(participant=participant, role=payload.role)
