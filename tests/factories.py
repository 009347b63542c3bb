"""factory_boy factories: the smallest valid objects, overridable per test."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import factory
from django.contrib.auth import get_user_model

from convener.people.models import Node, Participant, Region
from convener.program.models import Meeting, Session, SessionRole, Theme

UTC = ZoneInfo("UTC")
PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(PASSWORD)


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class NodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Node

    name = factory.Sequence(lambda n: f"Node {n}")
    country = "DK"
    region = factory.SubFactory(RegionFactory)
    kind = Node.Kind.NATIONAL


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    name = factory.Sequence(lambda n: f"Global Nodes Meeting {n}")
    slug = factory.Sequence(lambda n: f"gnm-{n}")
    start_date = date(2027, 3, 25)
    end_date = date(2027, 3, 31)
    time_zone = "Europe/Copenhagen"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    meeting = factory.SubFactory(MeetingFactory)
    user = factory.SubFactory(UserFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    node = factory.SubFactory(NodeFactory)
    role = Participant.Role.PARTICIPANT
    time_zone = "Europe/Copenhagen"
    languages = ["en"]


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Theme {n}")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Session {n}")
    kind = Session.Kind.PLENARY
    starts_at = datetime(2027, 3, 25, 13, 0, tzinfo=UTC)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(minutes=90))
    goal = "To meet."
    join_link = factory.Sequence(lambda n: f"https://meet.example.org/room-{n}-secret")


class SessionRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionRole

    session = factory.SubFactory(SessionFactory)
    participant = factory.SubFactory(ParticipantFactory)
    role = SessionRole.Role.FACILITATOR
