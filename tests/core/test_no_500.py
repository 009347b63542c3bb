"""No page answers 500, whatever is sent: every route, every persona, GET and POST with junk."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from convener.people.models import Region
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

JUNK = [
    {},
    {
        "start": "not-a-date",
        "starred": "maybe",
        "time_zone": "Mars/Base",
        "next": "//evil.example.com",
        "rounds": "-3",
        "room_min": "9",
        "room_max": "2",
        "status": "exploded",
        "title": "x" * 5000,
        "starts": "2027-02-30 25:61\n\x00",
        "duration_minutes": "ten",
        "languages": ["zz"],
        "node": "nan",
    },
    {
        "start": "2027-03-26T08:00:00+00:00",
        "starred": "1",
        "rounds": "2",
        "room_min": "3",
        "room_max": "5",
        "minutes_per_round": "5",
        "answer-999999": "yes",
        "status": "open",
    },
]


def app_routes() -> list[str]:
    routes: list[str] = []

    def walk(resolver: URLResolver, prefix: str) -> None:
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                routes.append(prefix + str(entry.pattern))

    walk(get_resolver(), "")
    return [r for r in routes if not r.startswith(("admin/", "accounts/", "api/"))]


def fill(route: str, *, slug: str, pk: int, region: str) -> str:
    return "/" + (
        route.replace("<slug:slug>", slug)
        .replace("<int:pk>", str(pk))
        .replace("<slug:region>", region)
        .replace("<int:number>", "1")
        .replace("<str:token>", "nope")
    )


@pytest.mark.parametrize("who", ["organiser", "participant", "guest", "stranger", None])
def test_no_route_answers_500(personas, who, client):
    session = SessionFactory(meeting=personas.meeting, kind="networking")
    region = personas.participant.node.region
    Region.objects.filter(pk=region.pk).update(slug="somewhere")
    if who:
        person = getattr(personas, who)
        client.force_login(person.user if hasattr(person, "user") else person)
    for route in app_routes():
        for slug, pk, region_slug in [
            ("gnm", session.pk, "somewhere"),
            ("gnm", 999999, "nowhere"),
            ("unknown", session.pk, "somewhere"),
        ]:
            url = fill(route, slug=slug, pk=pk, region=region_slug)
            assert client.get(url, {"repeats": "x", "next": "javascript:alert(1)"}).status_code < 500, url
            for data in JUNK:
                assert client.post(url, data).status_code < 500, (url, data)
