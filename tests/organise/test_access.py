"""The permission matrix: only the organisers of *this* meeting reach its organiser area."""

from __future__ import annotations

import pytest
from django.urls import NoReverseMatch, get_resolver, reverse

from convener.people.models import Participant
from tests.factories import MeetingFactory, ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def organise_routes() -> list[str]:
    """Every organiser-area URL name but the top-level new-meeting page."""
    app = get_resolver().namespace_dict["organise"][1]
    return sorted(name for name in app.reverse_dict if isinstance(name, str) and name != "meeting_new")


def url_for(name: str, slug: str, pk: int) -> str:
    try:
        return reverse(f"organise:{name}", kwargs={"slug": slug})
    except NoReverseMatch:
        return reverse(f"organise:{name}", kwargs={"slug": slug, "pk": pk})


def test_every_page_is_in_the_matrix():
    assert set(organise_routes()) >= {
        "dashboard",
        "organisers",
        "organiser_remove",
        "people",
        "people_import",
        "people_import_apply",
        "person_edit",
        "person_row",
    }


@pytest.fixture
def other_organiser(db):
    other = MeetingFactory(slug="other")
    return ParticipantFactory(meeting=other, role=Participant.Role.ORGANISER, user=UserFactory(username="oscar"))


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("who", [None, "stranger", "guest", "participant", "facilitator", "other_organiser"])
def test_only_this_meetings_organisers_get_in(personas, other_organiser, who, method):
    people_before = list(Participant.objects.order_by("pk").values_list("pk", "role", "name"))
    client = personas.client_for(other_organiser if who == "other_organiser" else getattr(personas, who or "x", None))
    for name in organise_routes():
        url = url_for(name, personas.meeting.slug, personas.participant.pk)
        response = getattr(client, method)(url, {"name": "Hacked", "role": "organiser", "email": "x@example.org"})
        if response.status_code == 405:  # a POST-only page asked with GET, or the reverse
            continue
        if who is None:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], (name, method)
        else:
            assert response.status_code == 403, (name, method, who, response.status_code)
    assert list(Participant.objects.order_by("pk").values_list("pk", "role", "name")) == people_before


def test_the_organiser_gets_in(personas):
    client = personas.client_for(personas.organiser)
    for name in ["dashboard", "organisers", "people", "people_import", "person_edit", "person_row"]:
        response = client.get(url_for(name, personas.meeting.slug, personas.participant.pk))
        assert response.status_code == 200, name


def test_the_menu_shows_organise_to_organisers_only(personas):
    program = reverse("program:program", kwargs={"slug": personas.meeting.slug})
    dashboard = reverse("organise:dashboard", kwargs={"slug": personas.meeting.slug})
    assert f'href="{dashboard}"' in personas.client_for(personas.organiser).get(program).text
    for who in [personas.participant, personas.facilitator, personas.guest, None]:
        assert f'href="{dashboard}"' not in personas.client_for(who).get(program).text
