"""Regions, nodes and participants through the API."""

from __future__ import annotations

import pytest

from convener.people.models import Node, Participant
from tests.factories import MeetingFactory, NodeFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def node_body(team, **overrides):
    body = {"name": "GBIF Peru", "country": "pe", "kind": "national", "region_id": team.region.pk}
    body.update(overrides)
    return body


def test_any_signed_in_user_reads_nodes_and_regions(team):
    api = team.api(team.stranger)
    nodes = api.get("/nodes")
    assert nodes.status_code == 200
    assert nodes.json()["items"] == [
        {
            "id": team.node.pk,
            "name": "GBIF Colombia",
            "kind": "national",
            "country": "CO",
            "country_name": "Colombia",
            "region": {
                "id": team.region.pk,
                "name": "Latin America",
                "slug": "latin-america",
                "order": 0,
            },
        }
    ]
    regions = api.get("/regions")
    assert [r["slug"] for r in regions.json()["items"]] == ["latin-america"]


def test_it_requires_sign_in_to_read_nodes(team):
    assert team.api(None).get("/nodes").status_code == 401
    assert team.api(None).get("/regions").status_code == 401


def test_it_filters_nodes_by_region_and_kind(team):
    NodeFactory(name="OBIS", kind=Node.Kind.ORGANISATIONAL, country="")
    api = team.api(team.participant)
    by_region = api.get("/nodes", region="latin-america").json()["items"]
    assert [n["name"] for n in by_region] == ["GBIF Colombia"]
    by_kind = api.get("/nodes", kind="organisational").json()["items"]
    assert [(n["name"], n["country"]) for n in by_kind] == [("OBIS", "")]
    assert api.get("/nodes", kind="planet").status_code == 422


@pytest.mark.parametrize("who", ["staff", "organiser"])
def test_staff_and_organisers_add_nodes(team, who):
    response = team.api(getattr(team, who)).post("/nodes", node_body(team))
    assert response.status_code == 201
    assert response.json()["country"] == "PE"
    assert Node.objects.get(name="GBIF Peru").region == team.region


@pytest.mark.parametrize("who", ["facilitator", "participant", "guest", "stranger"])
def test_it_requires_staff_or_organiser_to_add_a_node(team, who):
    response = team.api(getattr(team, who)).post("/nodes", node_body(team))
    assert response.status_code == 403
    assert not Node.objects.filter(name="GBIF Peru").exists()


@pytest.mark.parametrize(
    "override",
    [
        {"country": "XX"},
        {"country": "PER"},
        {"region_id": 999999},
        {"name": "GBIF Colombia"},
        {"kind": "planet"},
        {"name": ""},
        {"region_id": 0},
    ],
)
def test_it_rejects_bad_nodes_with_422(team, override):
    response = team.api(team.staff).post("/nodes", node_body(team, **override))
    assert response.status_code == 422
    assert Node.objects.count() == 1


@pytest.mark.parametrize("who", ["organiser", "participant", "guest"])
def test_participants_read_the_participant_list(team, who):
    response = team.api(getattr(team, who)).get(f"{team.base}/participants")
    assert response.status_code == 200
    names = [p["name"] for p in response.json()["items"]]
    assert names == ["Fatou Facilitator", "Gita Guest", "Olga Organiser", "Pablo Participant"]


def test_the_participant_list_does_not_leak_emails_or_calendar_tokens(team):
    response = team.api(team.participant).get(f"{team.base}/participants")
    assert team.organiser.user.email.encode() not in response.content
    assert team.organiser.calendar_token.encode() not in response.content
    assert set(response.json()["items"][0]) == {
        "id",
        "name",
        "role",
        "node",
        "time_zone",
        "languages",
    }


def test_it_forbids_a_stranger_to_read_the_participants(team):
    assert team.api(team.stranger).get(f"{team.base}/participants").status_code == 403


def test_it_filters_participants_by_role(team):
    response = team.api(team.organiser).get(f"{team.base}/participants", role="guest")
    assert [p["name"] for p in response.json()["items"]] == ["Gita Guest"]


def test_an_organiser_approves_a_guest(team):
    response = team.api(team.organiser).patch(f"{team.base}/participants/{team.guest.pk}", {"role": "participant"})
    assert response.status_code == 200
    assert response.json()["role"] == "participant"
    team.guest.refresh_from_db()
    assert team.guest.role == Participant.Role.PARTICIPANT


@pytest.mark.parametrize("who", ["facilitator", "participant", "guest", "stranger", "staff"])
def test_it_requires_organiser_to_change_a_role(team, who):
    response = team.api(getattr(team, who)).patch(f"{team.base}/participants/{team.guest.pk}", {"role": "organiser"})
    assert response.status_code == 403
    team.guest.refresh_from_db()
    assert team.guest.role == Participant.Role.GUEST


def test_it_keeps_the_last_organiser(team):
    response = team.api(team.organiser).patch(f"{team.base}/participants/{team.organiser.pk}", {"role": "participant"})
    assert response.status_code == 422
    assert "only organiser" in response.json()["detail"][0]
    team.organiser.refresh_from_db()
    assert team.organiser.is_organiser


def test_an_organiser_may_step_down_when_another_remains(team):
    api = team.api(team.organiser)
    api.patch(f"{team.base}/participants/{team.facilitator.pk}", {"role": "organiser"})
    response = api.patch(f"{team.base}/participants/{team.organiser.pk}", {"role": "participant"})
    assert response.status_code == 200


def test_it_says_404_for_a_participant_of_another_meeting(team):
    outsider = ParticipantFactory(meeting=MeetingFactory())
    response = team.api(team.organiser).patch(f"{team.base}/participants/{outsider.pk}", {"role": "organiser"})
    assert response.status_code == 404
    outsider.refresh_from_db()
    assert outsider.role == Participant.Role.PARTICIPANT


def test_it_rejects_an_unknown_role(team):
    response = team.api(team.organiser).patch(f"{team.base}/participants/{team.guest.pk}", {"role": "king"})
    assert response.status_code == 422
