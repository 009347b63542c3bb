from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from convener.program.models import Star
from tests.factories import SessionFactory, SessionRoleFactory, ThemeFactory

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


def program_url(meeting):
    return reverse("program:program", kwargs={"slug": meeting.slug})


def session_url(session):
    return reverse("program:session", kwargs={"slug": session.meeting.slug, "pk": session.pk})


def test_home_redirects_to_the_latest_meeting(personas, client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == program_url(personas.meeting)


def test_home_says_when_there_is_no_meeting(db, client):
    response = client.get("/")
    assert response.status_code == 200
    assert b"No meeting yet" in response.content


def test_program_groups_sessions_by_day_and_theme_in_the_viewer_zone(personas, client):
    theme = ThemeFactory(meeting=personas.meeting, name="Theme 1: The role of nodes")
    # 04:00 UTC on 26 March is still 25 March in Bogota (UTC-5).
    SessionFactory(
        meeting=personas.meeting, title="Late panel", theme=theme, starts_at=datetime(2027, 3, 26, 4, tzinfo=UTC)
    )
    SessionFactory(meeting=personas.meeting, title="Opening", starts_at=datetime(2027, 3, 25, 13, tzinfo=UTC))
    client.cookies["convener_tz"] = "America/Bogota"
    body = client.get(program_url(personas.meeting)).content.decode()
    assert body.count('class="day"') == 1
    assert "Thursday 25 March 2027" in body
    assert "Theme 1: The role of nodes" in body
    assert "23:00–00:30" in body  # the late panel, in Bogota


def test_program_shows_the_meeting_zone_beside_the_viewer_zone_across_dst(personas, client):
    thursday = SessionFactory(
        meeting=personas.meeting, title="Before DST", starts_at=datetime(2027, 3, 25, 13, tzinfo=UTC)
    )
    monday = SessionFactory(
        meeting=personas.meeting, title="After DST", starts_at=datetime(2027, 3, 29, 12, tzinfo=UTC)
    )
    client.cookies["convener_tz"] = "Asia/Kathmandu"
    body = client.get(program_url(personas.meeting)).content.decode()
    row = body.split(f'id="session-{thursday.pk}"')[1].split("</li>")[0]
    assert "18:45–20:15" in row and "14:00 CET" in row
    row = body.split(f'id="session-{monday.pk}"')[1].split("</li>")[0]
    assert "17:45–19:15" in row and "14:00 CEST" in row


def test_program_without_a_zone_cookie_uses_the_meeting_zone(personas, client):
    SessionFactory(meeting=personas.meeting, starts_at=datetime(2027, 3, 25, 13, tzinfo=UTC))
    body = client.get(program_url(personas.meeting)).content.decode()
    assert "14:00–15:30" in body
    assert "Times are in <strong>Europe/Copenhagen</strong>" in body


def test_an_unknown_zone_cookie_is_ignored(personas, client):
    client.cookies["convener_tz"] = "<script>alert(1)</script>"
    response = client.get(program_url(personas.meeting))
    assert response.status_code == 200
    assert b"<script>alert(1)" not in response.content


@pytest.mark.parametrize("count", [1, 3])
def test_program_queries_do_not_grow_with_sessions(personas, client, django_assert_num_queries, count):
    for i in range(count):
        session = SessionFactory(
            meeting=personas.meeting,
            starts_at=datetime(2027, 3, 25, 8 + 2 * i, tzinfo=UTC),
            theme=ThemeFactory(meeting=personas.meeting),
        )
        SessionRoleFactory(session=session, participant__meeting=personas.meeting)
    client.force_login(personas.participant.user)
    # session, user, meeting, participant, sessions, roles, stars, latest change, announcements for you
    with django_assert_num_queries(9):
        assert client.get(program_url(personas.meeting)).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_agenda_queries_do_not_grow_with_sessions(personas, django_assert_num_queries, count):
    for i in range(count):
        session = SessionFactory(meeting=personas.meeting, starts_at=datetime(2027, 3, 25, 8 + 2 * i, tzinfo=UTC))
        Star.objects.create(participant=personas.participant, session=session)
        SessionRoleFactory(session=session, participant__meeting=personas.meeting)
    client = personas.client_for(personas.participant)
    with django_assert_num_queries(9):  # as the program page: the announcements banner is one query
        assert client.get(reverse("program:agenda", kwargs={"slug": "gnm"})).status_code == 200


@pytest.mark.parametrize(
    ("who", "sees_link"),
    [
        ("organiser", True),
        ("facilitator", True),
        ("participant", True),
        ("guest", False),
        ("stranger", False),
        (None, False),
    ],
)
def test_join_link_is_only_for_registered_participants(personas, who, sees_link):
    session = SessionFactory(meeting=personas.meeting, join_link="https://meet.example.org/secret-room")
    client = personas.client_for(getattr(personas, who) if who else None)
    body = client.get(session_url(session)).content.decode()
    assert ("https://meet.example.org/secret-room" in body) is sees_link


def test_a_guest_sees_the_join_link_of_a_session_they_lead(personas):
    session = SessionFactory(meeting=personas.meeting, join_link="https://meet.example.org/guest-room")
    SessionRoleFactory(session=session, participant=personas.guest)
    body = personas.client_for(personas.guest).get(session_url(session)).content.decode()
    assert "https://meet.example.org/guest-room" in body


def test_session_page_shows_goal_format_people_and_sanitised_preparation(personas, client):
    session = SessionFactory(
        meeting=personas.meeting,
        goal="To connect nodes.",
        format="Drop in.",
        preparation="Watch **three** videos <script>alert(1)</script> [link](javascript:alert(1))",
    )
    SessionRoleFactory(session=session, participant=personas.facilitator)
    body = client.get(session_url(session)).content.decode()
    assert "To connect nodes." in body and "Drop in." in body
    assert "Fatou Facilitator (GBIF Colombia) — Facilitator" in body
    assert "<strong>three</strong>" in body
    assert "<script>alert(1)" not in body
    assert 'href="javascript:' not in body


def test_session_of_another_meeting_is_not_found(personas, client):
    other = SessionFactory()
    url = reverse("program:session", kwargs={"slug": personas.meeting.slug, "pk": other.pk})
    assert client.get(url).status_code == 404


def test_starring_needs_sign_in(personas, client):
    session = SessionFactory(meeting=personas.meeting)
    response = client.post(reverse("program:star", kwargs={"slug": "gnm", "pk": session.pk}), {"starred": "1"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Star.objects.exists()


def test_a_participant_stars_with_htmx_and_sees_it_in_the_agenda(personas):
    session = SessionFactory(meeting=personas.meeting, title="Speed networking")
    client = personas.client_for(personas.participant)
    url = reverse("program:star", kwargs={"slug": "gnm", "pk": session.pk})
    response = client.post(url, {"starred": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "In my agenda" in response.content.decode()
    agenda = client.get(reverse("program:agenda", kwargs={"slug": "gnm"})).content.decode()
    assert "Speed networking" in agenda
    client.post(url, {"starred": "0"})
    agenda = client.get(reverse("program:agenda", kwargs={"slug": "gnm"})).content.decode()
    assert "Speed networking" not in agenda


def test_starring_with_a_bad_value_changes_nothing(personas):
    session = SessionFactory(meeting=personas.meeting)
    client = personas.client_for(personas.participant)
    response = client.post(reverse("program:star", kwargs={"slug": "gnm", "pk": session.pk}), {"starred": "yes"})
    assert response.status_code == 400
    assert not Star.objects.exists()


def test_a_stranger_starring_is_sent_to_register(personas):
    session = SessionFactory(meeting=personas.meeting)
    client = personas.client_for(personas.stranger)
    response = client.post(reverse("program:star", kwargs={"slug": "gnm", "pk": session.pk}), {"starred": "1"})
    assert response["Location"] == reverse("program:register", kwargs={"slug": "gnm"})
    assert not Star.objects.exists()


def test_star_redirect_never_leaves_the_site(personas):
    session = SessionFactory(meeting=personas.meeting)
    client = personas.client_for(personas.participant)
    response = client.post(
        reverse("program:star", kwargs={"slug": "gnm", "pk": session.pk}),
        {"starred": "1", "next": "https://evil.example.com/"},
    )
    assert response["Location"] == "/"


def test_star_needs_csrf(personas):
    from django.test import Client

    session = SessionFactory(meeting=personas.meeting)
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.participant.user)
    response = client.post(reverse("program:star", kwargs={"slug": "gnm", "pk": session.pk}), {"starred": "1"})
    assert response.status_code == 403
    assert not Star.objects.exists()


def test_long_sessions_show_duration_in_minutes(personas):
    session = SessionFactory(meeting=personas.meeting, starts_at=datetime(2027, 3, 25, 13, tzinfo=UTC))
    session.ends_at = session.starts_at + timedelta(minutes=95)
    assert session.duration_minutes == 95
