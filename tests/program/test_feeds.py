from datetime import datetime
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from icalendar import Calendar

from convener.program import services
from convener.program.models import Star
from tests.factories import SessionFactory, SessionRoleFactory

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")
ATOM = "{http://www.w3.org/2005/Atom}"


def events(response):
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content).walk("VEVENT")


def test_meeting_ics_has_every_session_in_the_meeting_zone(personas, client):
    SessionFactory(meeting=personas.meeting, title="Before DST", starts_at=datetime(2027, 3, 25, 13, tzinfo=UTC))
    SessionFactory(meeting=personas.meeting, title="After DST", starts_at=datetime(2027, 3, 29, 12, tzinfo=UTC))
    response = client.get(reverse("program:meeting_ics", kwargs={"slug": "gnm"}))
    calendar = Calendar.from_ical(response.content)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Copenhagen"]
    starts = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events(response)}
    assert starts["Before DST"].hour == 14 and str(starts["Before DST"].tzinfo) == "Europe/Copenhagen"
    assert starts["After DST"].hour == 14
    assert starts["After DST"] == datetime(2027, 3, 29, 12, tzinfo=UTC)


def test_anonymous_ics_has_no_join_link_but_a_participants_has(personas, client):
    SessionFactory(meeting=personas.meeting, join_link="https://meet.example.org/secret")
    url = reverse("program:meeting_ics", kwargs={"slug": "gnm"})
    assert b"meet.example.org/secret" not in client.get(url).content
    assert b"meet.example.org/secret" not in personas.client_for(personas.guest).get(url).content
    (event,) = events(personas.client_for(personas.participant).get(url))
    assert str(event["LOCATION"]) == "https://meet.example.org/secret"


def test_session_ics_is_one_event_with_a_stable_uid(personas, client):
    session = SessionFactory(meeting=personas.meeting, title="Game show")
    SessionRoleFactory(session=session, participant=personas.facilitator)
    url = reverse("program:session_ics", kwargs={"slug": "gnm", "pk": session.pk})
    (event,) = events(client.get(url))
    assert str(event["UID"]) == f"session-{session.pk}@testserver"
    assert "With Fatou Facilitator" in str(event["DESCRIPTION"])
    assert str(event["URL"]) == f"http://testserver/m/gnm/sessions/{session.pk}/"


def test_agenda_ics_has_only_starred_sessions_with_join_links(personas, client):
    starred = SessionFactory(meeting=personas.meeting, title="Starred", join_link="https://meet.example.org/a")
    SessionFactory(meeting=personas.meeting, title="Not starred")
    Star.objects.create(participant=personas.participant, session=starred)
    url = reverse("program:agenda_ics", kwargs={"slug": "gnm", "token": personas.participant.calendar_token})
    (event,) = events(client.get(url))  # no sign-in: calendar apps use the private token
    assert str(event["SUMMARY"]) == "Starred"
    assert str(event["LOCATION"]) == "https://meet.example.org/a"


def test_agenda_ics_with_a_wrong_token_is_not_found(personas, client):
    url = reverse("program:agenda_ics", kwargs={"slug": "gnm", "token": "guess"})
    assert client.get(url).status_code == 404


def test_atom_feed_lists_added_moved_and_recorded_sessions(personas, client):
    session = services.session_create(
        meeting=personas.meeting,
        title="Demo group",
        kind="demo",
        starts_at=datetime(2027, 3, 25, 13, tzinfo=UTC),
        ends_at=datetime(2027, 3, 25, 14, tzinfo=UTC),
    )
    services.session_update(
        session=session, starts_at=datetime(2027, 3, 26, 13, tzinfo=UTC), ends_at=datetime(2027, 3, 26, 14, tzinfo=UTC)
    )
    services.session_attach_recording(session=session, url="https://vimeo.com/565518171")
    response = client.get(reverse("program:changes_atom", kwargs={"slug": "gnm"}))
    assert response["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ElementTree.fromstring(response.content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == ["Recording: Demo group", "Moved: Demo group", "Added: Demo group"]
    links = {entry.find(f"{ATOM}link").get("href") for entry in feed.iter(f"{ATOM}entry")}
    assert links == {f"http://testserver/m/gnm/sessions/{session.pk}/"}


EVIL = "Evil\nsecond line\r\u2028third\x0bfourth\x01, with; commas"
EVIL_ONE_LINE = "Evil second line third fourth , with; commas"


@pytest.fixture
def evil_session(personas):
    """A title and meeting name with breaks, stored directly (as old or imported data could be)."""
    session = SessionFactory(meeting=personas.meeting, title=EVIL, join_link="https://meet.example.org/a")
    type(personas.meeting).objects.filter(pk=personas.meeting.pk).update(name=EVIL)
    Star.objects.create(participant=personas.participant, session=session)
    services.record_session_changes(
        session=session, old_starts_at=None, old_ends_at=None, old_recording_url="", created=True
    )
    return session


@pytest.mark.parametrize("feed", ["meeting_ics", "session_ics", "agenda_ics"])
def test_stored_breaks_in_titles_and_names_cannot_break_a_calendar(personas, evil_session, feed):
    kwargs = {
        "meeting_ics": {"slug": "gnm"},
        "session_ics": {"slug": "gnm", "pk": evil_session.pk},
        "agenda_ics": {"slug": "gnm", "token": personas.participant.calendar_token},
    }[feed]
    response = personas.client_for(personas.participant).get(reverse(f"program:{feed}", kwargs=kwargs))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert EVIL_ONE_LINE in str(calendar["X-WR-CALNAME"])
    (event,) = calendar.walk("VEVENT")
    assert str(event["SUMMARY"]) == EVIL_ONE_LINE
    assert str(event["LOCATION"]) == "https://meet.example.org/a"
    for line in response.content.split(b"\r\n"):  # every content line is one line of printable text
        assert not any(char in line for char in b"\n\r\x0b\x01"), line
        assert "\u2028" not in line.decode()


def test_stored_breaks_in_a_participant_name_stay_inside_the_description(personas, evil_session):
    type(personas.facilitator).objects.filter(pk=personas.facilitator.pk).update(name="Fatou\u2028\x0bFacilitator")
    SessionRoleFactory(session=evil_session, participant=personas.facilitator)
    url = reverse("program:session_ics", kwargs={"slug": "gnm", "pk": evil_session.pk})
    response = personas.client_for(None).get(url)
    assert response.status_code == 200
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert "With Fatou\n\nFacilitator" in str(event["DESCRIPTION"])


def test_stored_breaks_and_control_characters_cannot_break_the_atom_feed(personas, evil_session, client):
    response = client.get(reverse("program:changes_atom", kwargs={"slug": "gnm"}))
    assert response.status_code == 200
    feed = ElementTree.fromstring(response.content)
    assert feed.findtext(f"{ATOM}title") == f"{EVIL_ONE_LINE}: program changes"
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert titles == [f"Added: {EVIL_ONE_LINE}"]
