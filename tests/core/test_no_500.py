"""No page answers 500, whatever is sent: every route, every persona, GET and POST with junk."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from convener.core.middleware import TZ_COOKIE
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

# Dates at both ends of Python's calendar, typed in every format the forms read.
FAR_DATES = [
    "9999-12-31T23:30:00+00:00",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31 23:59",
    "0001-01-01 00:00",
    "9999-12-31T23:59",
    "0001-01-01T00:00",
]
DATE_FIELDS = ["start", "starts", "release_at", "opens_at", "closes_at", "starts_at", "ends_at", "day"]
TEXT_FIELDS = [
    "title",
    "name",
    "description",
    "text",
    "body",
    "question",
    "reply",
    "prompt",
    "help_text",
    "options",
    "choices",
    "choice",
    "chapters",
    "show_if_values",
    "duration",
    "q",
    "next",
]
EVIL = "Evil\nsecond line"
JUNK.append({name: EVIL for name in TEXT_FIELDS})
# Zone cookies at both ends of the offsets (+14, -12, -11), and none (the meeting's zone).
EDGE_ZONES = ["Pacific/Kiritimati", "Etc/GMT+12", "Pacific/Pago_Pago"]


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


@pytest.mark.parametrize(
    ("who", "zone"),
    [
        ("organiser", None),
        ("organiser", "Pacific/Kiritimati"),
        ("organiser", "Pacific/Pago_Pago"),
        ("participant", None),
        ("participant", "Etc/GMT+12"),
        ("guest", None),
        ("guest", "Pacific/Pago_Pago"),
        ("stranger", None),
        ("stranger", "Pacific/Kiritimati"),
        (None, None),
        (None, "Etc/GMT+12"),
    ],
)
def test_no_route_answers_500(personas, who, zone, client):
    session = SessionFactory(meeting=personas.meeting, kind="networking")
    region = personas.participant.node.region
    Region.objects.filter(pk=region.pk).update(slug="somewhere")
    if zone:
        client.cookies[TZ_COOKIE] = zone
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


@pytest.mark.parametrize("zone", [None, "Pacific/Kiritimati", "Pacific/Pago_Pago"])
def test_far_dates_in_every_date_field_answer_no_500(personas, zone, client):
    """An organiser types far-off dates into forms otherwise filled in well: refused, never a 500.

    Year 1 overflows in zones ahead of UTC then: Europe/Copenhagen (the meeting's, used without a
    cookie) and Pacific/Pago_Pago kept local mean times ahead of UTC; 9999 overflows in zones behind it.
    """
    session = SessionFactory(meeting=personas.meeting, kind="networking")
    region = personas.participant.node.region
    Region.objects.filter(pk=region.pk).update(slug="somewhere")
    personas.facilitator.represents = region
    personas.facilitator.save()
    if zone:
        client.cookies[TZ_COOKIE] = zone
    client.force_login(personas.organiser.user)
    filled_in = {
        "title": "Far away",
        "name": "Far away",
        "text": "How far?",
        "kind": "short_text",
        "op": "add",
        "presenters": [personas.facilitator.pk],
        "time_zone": zone or personas.meeting.time_zone,
        "language": "en",
        "licence": "CC-BY-4.0",
        "video_url": "https://youtu.be/dQw4w9WgXcQ",
        "duration": "5:00",
        "duration_minutes": "60",
        "opens_at": "2027-03-31T17:00",
        "closes_at": "2027-04-14T17:00",
    }
    for route in app_routes():
        url = fill(route, slug="gnm", pk=session.pk, region="somewhere")
        for far in FAR_DATES:
            for fields in (DATE_FIELDS, ["closes_at"]):
                data = {**filled_in, **dict.fromkeys(fields, far)}
                assert client.post(url, data).status_code < 500, (url, data)


FAR_FUTURE = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)


@pytest.mark.parametrize("zone", EDGE_ZONES)
def test_far_dates_already_stored_render_in_every_zone(personas, zone, client):
    """A date stored before the range rule existed still shows (in UTC, labelled), in zones at both ends."""
    from convener.surveys.models import Survey
    from convener.videos.models import Presentation
    from tests.surveys.conftest import build_survey
    from tests.videos.factories import presentation

    talk = presentation(personas)
    Presentation.objects.filter(pk=talk.pk).update(release_at=FAR_FUTURE)
    survey = build_survey(personas).survey
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=datetime(9999, 12, 31, 0, 0, tzinfo=UTC), closes_at=datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
    )
    slug = personas.meeting.slug
    pages = [
        f"/m/{slug}/library/",
        f"/m/{slug}/library/presentations/{talk.pk}/",
        f"/m/{slug}/videos/",
        f"/m/{slug}/videos/{talk.pk}/edit/",
        f"/m/{slug}/surveys/",
        f"/m/{slug}/surveys/{survey.pk}/",
        f"/m/{slug}/surveys/{survey.pk}/build/",
        f"/m/{slug}/surveys/{survey.pk}/results/",
    ]
    client.cookies[TZ_COOKIE] = zone
    for who in [None, personas.participant, personas.organiser]:
        if who is not None:
            client.force_login(who.user)
        for url in pages:
            response = client.get(url)
            assert response.status_code in {200, 302, 403, 404}, (who, url, response.status_code)
        if who is personas.organiser:
            for url in pages:
                assert client.get(url).status_code == 200, url
    session = SessionFactory(meeting=personas.meeting)
    talk.sessions.add(session)
    for route in app_routes():  # as the organiser: every page, with the stored dates
        for pk in {talk.pk, survey.pk, session.pk}:
            url = fill(route, slug=slug, pk=pk, region="somewhere")
            assert client.get(url).status_code < 500, url
    # Shown in UTC, and said so, when the viewer's zone cannot hold the date.
    manage = client.get(f"/m/{slug}/videos/").text
    detail = client.get(f"/m/{slug}/library/presentations/{talk.pk}/").text
    edit = client.get(f"/m/{slug}/videos/{talk.pk}/edit/").text
    if zone != "Pacific/Kiritimati":  # behind UTC: the zone holds it
        assert "9999 UTC" not in manage
        return
    assert "Fri 31 Dec 9999, 23:59 UTC" in manage
    assert "Friday 31 December 9999, 23:59 UTC" in detail
    assert 'value="9999-12-31 23:59"' in edit and '<option value="UTC" selected>' in edit
    builder = client.get(f"/m/{slug}/surveys/{survey.pk}/build/").text
    assert 'value="9999-12-31T23:59"' in builder
    assert "Shown in UTC: too far off to show in Pacific/Kiritimati" in builder
