from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from convener.people.services import participant_set_role
from convener.program.models import ProgramChange, Session
from tests.factories import MeetingFactory, SessionFactory, SessionRoleFactory

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


@pytest.fixture
def organiser_client(personas):
    participant_set_role(participant=personas.organiser, role="organiser")
    return personas.client_for(personas.organiser)


def session_form(personas, **overrides):
    data = {
        "meeting": personas.meeting.pk,
        "kind": "panel",
        "title": "Panel on data",
        "starts_at_0": "2027-03-25",
        "starts_at_1": "14:00:00",
        "ends_at_0": "2027-03-25",
        "ends_at_1": "15:30:00",
        "goal": "",
        "format": "",
        "preparation": "",
        "join_link": "",
        "recording_url": "",
        "roles-TOTAL_FORMS": "1",
        "roles-INITIAL_FORMS": "0",
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000",
        "roles-0-participant": personas.facilitator.pk,
        "roles-0-role": "facilitator",
    }
    data.update(overrides)
    return data


def test_an_organiser_adds_a_session_with_a_facilitator_and_it_is_logged(personas, organiser_client):
    organiser_client.cookies["convener_tz"] = "Europe/Copenhagen"
    response = organiser_client.post("/admin/program/session/add/", session_form(personas))
    assert response.status_code == 302, response.content.decode()[:2000]
    session = Session.objects.get()
    assert session.starts_at == datetime(2027, 3, 25, 13, tzinfo=UTC)  # entered in the organiser's zone
    assert list(session.roles.values_list("participant__name", flat=True)) == ["Fatou Facilitator"]
    assert ProgramChange.objects.get().kind == "added"


def test_the_admin_refuses_a_double_booked_facilitator(personas, organiser_client):
    organiser_client.cookies["convener_tz"] = "Europe/Copenhagen"
    other = SessionFactory(
        meeting=personas.meeting, title="Icebreaker", starts_at=datetime(2027, 3, 25, 13, 30, tzinfo=UTC)
    )
    SessionRoleFactory(session=other, participant=personas.facilitator)
    response = organiser_client.post("/admin/program/session/add/", session_form(personas))
    assert response.status_code == 200
    assert "Fatou Facilitator is already booked on “Icebreaker”" in response.content.decode()
    assert Session.objects.count() == 1


def test_an_organiser_sees_only_the_sessions_of_meetings_they_organise(personas, organiser_client):
    SessionFactory(meeting=personas.meeting, title="Ours")
    SessionFactory(meeting=MeetingFactory(), title="Theirs")
    body = organiser_client.get("/admin/program/session/").content.decode()
    assert "Ours" in body and "Theirs" not in body


def test_a_participant_cannot_open_the_admin(personas):
    response = personas.client_for(personas.participant).get("/admin/program/session/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_admin_session_list_filters_and_searches(personas, organiser_client):
    SessionFactory(meeting=personas.meeting, title="Marine data", kind="thematic")
    SessionFactory(meeting=personas.meeting, title="Nodes versus helpdesk", kind="game_show")
    body = organiser_client.get("/admin/program/session/?kind__exact=thematic").content.decode()
    assert "Marine data" in body and "Nodes versus helpdesk" not in body
    body = organiser_client.get("/admin/program/session/?q=helpdesk").content.decode()
    assert "Nodes versus helpdesk" in body and "Marine data" not in body


def test_the_admin_refuses_a_session_title_with_a_line_break(personas, organiser_client):
    response = organiser_client.post("/admin/program/session/add/", session_form(personas, title="Evil\nsecond line"))
    assert response.status_code == 200
    assert "Keep this on one line: remove the line break." in response.content.decode()
    assert not Session.objects.exists()


def test_the_admin_refuses_a_meeting_name_with_a_line_break(personas, organiser_client):
    meeting = personas.meeting
    response = organiser_client.post(
        f"/admin/program/meeting/{meeting.pk}/change/",
        {
            "name": "Evil\u2029second line",
            "slug": meeting.slug,
            "description": meeting.description,
            "start_date": meeting.start_date.isoformat(),
            "end_date": meeting.end_date.isoformat(),
            "time_zone": meeting.time_zone,
            "registration": meeting.registration,
            "themes-TOTAL_FORMS": "0",
            "themes-INITIAL_FORMS": "0",
            "themes-MIN_NUM_FORMS": "0",
            "themes-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 200
    assert "Keep this on one line: remove the line break." in response.content.decode()
    meeting.refresh_from_db()
    assert "second line" not in meeting.name
