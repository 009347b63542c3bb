"""Meetings and themes through the API."""

from __future__ import annotations

import pytest

from convener.people.models import Participant
from convener.program.models import Meeting, Theme
from tests.factories import MeetingFactory, ParticipantFactory

pytestmark = pytest.mark.django_db


def meeting_body(**overrides):
    body = {
        "slug": "gnm-2028",
        "name": "Global Nodes Meeting 2028",
        "start_date": "2028-06-20",
        "end_date": "2028-06-24",
        "time_zone": "America/Bogota",
    }
    body.update(overrides)
    return body


def test_it_lists_only_the_meetings_you_take_part_in_with_your_role(team):
    ParticipantFactory(
        meeting=MeetingFactory(slug="older"),
        user=team.guest.user,
        role=Participant.Role.PARTICIPANT,
    )
    MeetingFactory(slug="not-mine")
    response = team.api(team.guest).get("/meetings")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    roles = {m["slug"]: m["your_role"] for m in body["items"]}
    assert roles == {"gnm-2027": "guest", "older": "participant"}


def test_a_stranger_sees_an_empty_list(team):
    response = team.api(team.stranger).get("/meetings")
    assert response.json() == {"items": [], "count": 0}


def test_a_participant_reads_the_meeting(team):
    body = team.api(team.participant).get(team.base).json()
    assert body["name"] == "Global Nodes Meeting 2027"
    assert body["start_date"] == "2027-03-25"
    assert body["time_zone"] == "Europe/Copenhagen"
    assert body["your_role"] == "participant"


def test_it_forbids_a_stranger_to_read_the_meeting(team):
    assert team.api(team.stranger).get(team.base).status_code == 403


def test_it_says_404_for_an_unknown_or_malformed_slug(team):
    api = team.api(team.participant)
    assert api.get("/meetings/nope").status_code == 404
    assert api.get("/meetings/" + "x" * 5000).status_code == 404
    assert api.get("/meetings/%C3%A9t%C3%A9").status_code == 404


def test_staff_create_a_meeting_and_become_its_organiser(team):
    response = team.api(team.staff).post("/meetings", meeting_body(organiser_name="Stella"))
    assert response.status_code == 201
    assert response.json()["your_role"] == "organiser"
    meeting = Meeting.objects.get(slug="gnm-2028")
    organiser = meeting.participants.get()
    assert (organiser.user, organiser.name, organiser.role) == (team.staff, "Stella", "organiser")


@pytest.mark.parametrize("who", ["organiser", "participant", "stranger"])
def test_it_requires_staff_to_create_a_meeting(team, who):
    response = team.api(getattr(team, who)).post("/meetings", meeting_body())
    assert response.status_code == 403
    assert response.json() == {"detail": "Only staff may create meetings."}
    assert not Meeting.objects.filter(slug="gnm-2028").exists()


@pytest.mark.parametrize(
    "override, message",
    [
        ({"end_date": "2028-06-19"}, "The meeting must end on or after its first day."),
        ({"time_zone": "Europe/Kiev2"}, "Europe/Kiev2 is not a known time zone"),
        ({"slug": "gnm-2027"}, "Meeting with this Slug already exists."),
        ({"slug": "has spaces"}, "Enter a valid “slug”"),
    ],
)
def test_it_explains_why_a_meeting_is_refused(team, override, message):
    response = team.api(team.staff).post("/meetings", meeting_body(**override))
    assert response.status_code == 422
    assert message in " ".join(response.json()["detail"])
    assert Meeting.objects.count() == 1


@pytest.mark.parametrize(
    "override",
    [
        {"start_date": "2028-02-30"},
        {"start_date": "0001-01-01"},
        {"name": "x" * 201},
        {"registration": "secret"},
        {"name": None},
        {"unknown": 1},
    ],
)
def test_it_rejects_bad_meeting_input_with_422(team, override):
    response = team.api(team.staff).post("/meetings", meeting_body(**override))
    assert response.status_code == 422
    assert Meeting.objects.count() == 1


def test_an_organiser_changes_the_meeting(team):
    response = team.api(team.organiser).patch(team.base, {"name": "GNM 2027", "registration": "approval"})
    assert response.status_code == 200
    team.meeting.refresh_from_db()
    assert (team.meeting.name, team.meeting.registration) == ("GNM 2027", "approval")
    assert team.meeting.time_zone == "Europe/Copenhagen"


@pytest.mark.parametrize("who", ["facilitator", "participant", "guest", "stranger"])
def test_it_requires_organiser_to_change_the_meeting(team, who):
    response = team.api(getattr(team, who)).patch(team.base, {"name": "Taken over"})
    assert response.status_code == 403
    team.meeting.refresh_from_db()
    assert team.meeting.name == "Global Nodes Meeting 2027"


def test_it_rejects_a_meeting_change_that_ends_before_it_starts(team):
    response = team.api(team.organiser).patch(team.base, {"end_date": "2027-03-01"})
    assert response.status_code == 422
    assert response.json()["fields"] == {"end_date": ["The meeting must end on or after its first day."]}


def test_it_rejects_null_for_a_field_that_cannot_be_empty(team):
    response = team.api(team.organiser).patch(team.base, {"time_zone": None})
    assert response.status_code == 422


def test_participants_read_the_themes(team):
    response = team.api(team.guest).get(f"{team.base}/themes")
    assert response.status_code == 200
    assert [t["name"] for t in response.json()["items"]] == ["Data use"]
    assert team.api(team.stranger).get(f"{team.base}/themes").status_code == 403


def test_an_organiser_adds_a_theme(team):
    response = team.api(team.organiser).post(f"{team.base}/themes", {"name": "Marine data"})
    assert response.status_code == 201
    assert Theme.objects.filter(meeting=team.meeting, name="Marine data").exists()


def test_it_refuses_a_second_theme_with_the_same_name(team):
    response = team.api(team.organiser).post(f"{team.base}/themes", {"name": "Data use"})
    assert response.status_code == 422
    assert Theme.objects.count() == 1


def test_it_requires_organiser_to_add_a_theme(team):
    response = team.api(team.participant).post(f"{team.base}/themes", {"name": "Marine data"})
    assert response.status_code == 403


def test_it_refuses_a_meeting_name_with_a_line_break_and_changes_nothing(team):
    response = team.api(team.organiser).patch(team.base, {"name": "Evil\u2028second line"})
    assert response.status_code == 422
    assert "Keep this on one line: remove the line break." in response.content.decode()
    team.meeting.refresh_from_db()
    assert team.meeting.name == "Global Nodes Meeting 2027"


@pytest.mark.parametrize("override", [{"name": "Evil\nsecond line"}, {"organiser_name": "Ann\rOrganiser"}])
def test_it_refuses_a_new_meeting_with_a_line_break_in_a_name(team, override):
    response = team.api(team.staff).post("/meetings", meeting_body(**override))
    assert response.status_code == 422
    assert "one line" in response.content.decode()
    assert Meeting.objects.count() == 1


def test_it_refuses_a_theme_name_with_a_line_break(team):
    response = team.api(team.organiser).post(f"{team.base}/themes", {"name": "Marine\ndata"})
    assert response.status_code == 422
    assert "one line" in response.content.decode()
    assert Theme.objects.count() == 1
