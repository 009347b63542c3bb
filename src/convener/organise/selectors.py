"""What the organiser's dashboard shows: the meeting at a glance, each line linking to its fix."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Q, QuerySet

from convener.organise.charts import Bar, bars
from convener.people.models import Node, Participant, Region
from convener.program.models import Meeting, Session, SessionRole
from convener.surveys.models import Survey

NO_NODE = "No node"


@dataclass(frozen=True)
class SurveyRate:
    survey: Survey
    responses: int
    members: int

    @property
    def percent(self) -> float:
        return 100.0 * self.responses / self.members if self.members else 0.0


@dataclass(frozen=True)
class Dashboard:
    people: int
    signed_in: int
    guests: int
    by_region: list[Bar]
    by_node_kind: list[Bar]
    sessions: int
    without_facilitator: list[Session]
    without_join_link: list[Session]
    recordings_missing: list[Session]
    presenters_without_video: list[Participant]
    surveys: list[SurveyRate]
    live_now: list[Session]


def people_of(meeting: Meeting) -> QuerySet[Participant]:
    return Participant.objects.filter(meeting=meeting)


def _by_region(people: QuerySet[Participant]) -> list[Bar]:
    counts = dict(
        people.values_list("node__region__name").annotate(n=Count("id")).values_list("node__region__name", "n")
    )
    rows = [(region.name, counts.get(region.name, 0)) for region in Region.objects.all()]
    if counts.get(None):
        rows.append((NO_NODE, counts[None]))
    return bars(rows)


def _by_node_kind(people: QuerySet[Participant]) -> list[Bar]:
    counts = dict(people.values_list("node__kind").annotate(n=Count("id")).values_list("node__kind", "n"))
    rows = [(label, counts.get(value, 0)) for value, label in Node.Kind.choices]
    if counts.get(None):
        rows.append((NO_NODE, counts[None]))
    return bars(rows)


def _members(meeting: Meeting) -> int:
    return people_of(meeting).exclude(role=Participant.Role.GUEST).count()


def dashboard(meeting: Meeting, now: datetime) -> Dashboard:
    people = people_of(meeting)
    sessions = Session.objects.filter(meeting=meeting)
    members = _members(meeting)
    facilitated = Count("roles", filter=Q(roles__role=SessionRole.Role.FACILITATOR))
    surveys = Survey.objects.filter(meeting=meeting).annotate(n=Count("responses")).order_by("opens_at", "pk")
    return Dashboard(
        people=people.count(),
        signed_in=people.filter(user__last_login__isnull=False).count(),
        guests=people.filter(role=Participant.Role.GUEST).count(),
        by_region=_by_region(people),
        by_node_kind=_by_node_kind(people),
        sessions=sessions.count(),
        without_facilitator=list(sessions.annotate(f=facilitated).filter(f=0)),
        without_join_link=list(sessions.filter(join_link="")),
        recordings_missing=list(sessions.filter(ends_at__lte=now, recording__isnull=True, recording_url="")),
        presenters_without_video=list(
            people.filter(role=Participant.Role.PRESENTER, presentations__isnull=True).order_by("name")
        ),
        surveys=[SurveyRate(survey=s, responses=s.n, members=members) for s in surveys],  # type: ignore[attr-defined]
        live_now=list(sessions.filter(starts_at__lte=now, ends_at__gt=now)),
    )
