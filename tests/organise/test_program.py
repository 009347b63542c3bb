"""The program editor: drafts only organisers see, a grid in either zone, moves and clashes."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse

from convener.organise import timetable
from convener.people.models import Participant
from convener.program.models import ProgramChange, Session, SessionRole
from tests.factories import MeetingFactory, ParticipantFactory, RegionFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


def url(name, personas, **kwargs):
    return reverse(f"organise:{name}", kwargs={"slug": personas.meeting.slug, **kwargs})


def new_session(client, personas, **fields):
    data = {"title": "Data papers", "kind": "thematic", "start": "2027-03-29T14:00", "duration": "90"} | fields
    return client.post(url("session_new", personas), data)


def test_a_new_session_is_a_draft_nobody_else_sees_until_published(personas):
    organiser = personas.client_for(personas.organiser)
    response = new_session(organiser, personas, facilitators=[personas.facilitator.pk])
    assert response.status_code == 302
    session = Session.objects.get(title="Data papers")
    assert session.is_draft and session.starts_at == datetime(2027, 3, 29, 12, tzinfo=UTC)  # 14:00 CEST
    assert list(session.roles.values_list("participant", "role")) == [(personas.facilitator.pk, "facilitator")]
    assert not ProgramChange.objects.filter(session=session).exists()
    slug = personas.meeting.slug
    participant = personas.client_for(personas.participant)
    for path in [f"/m/{slug}/", f"/m/{slug}/program.ics", f"/api/meetings/{slug}/sessions", f"/m/{slug}/changes.atom"]:
        assert "Data papers" not in participant.get(path).text, path
    assert participant.get(f"/m/{slug}/sessions/{session.pk}/").status_code == 404
    assert "Data papers" in organiser.get(url("program", personas)).text

    assert organiser.post(url("publish", personas), {"session": session.pk}).status_code == 302
    session.refresh_from_db()
    assert not session.is_draft
    assert ProgramChange.objects.get(session=session).kind == ProgramChange.Kind.ADDED
    assert "Data papers" in participant.get(f"/m/{slug}/").text
    assert "Data papers" in participant.get(f"/m/{slug}/program.ics").text


def test_pickers_offer_only_this_meetings_people(personas):
    namesake = ParticipantFactory(meeting=MeetingFactory(), name=personas.facilitator.name, user=UserFactory())
    organiser = personas.client_for(personas.organiser)
    page = organiser.get(url("session_new", personas)).text
    assert page.count(personas.facilitator.name) == 2  # facilitators and moderators: this meeting's only
    response = new_session(organiser, personas, facilitators=[namesake.pk])
    assert response.status_code == 400 and "Select a valid choice" in response.text
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"start": "2027-03-28T02:30"}, "start", "does not exist in Europe/Copenhagen"),
        ({"start": "2027-04-20T10:00"}, "start", "outside the meeting"),
        ({"start": "9999-12-31T23:30"}, "start", ""),
        ({"duration": "0"}, "duration", ""),
        ({"title": ""}, "title", "required"),
        ({"title": "Two\nlines"}, "title", "one line"),
        ({"join_link": "javascript:alert(1)"}, "join_link", ""),
    ],
)
def test_bad_input_is_shown_beside_its_field_and_nothing_is_made(personas, fields, field, message):
    response = new_session(personas.client_for(personas.organiser), personas, **fields)
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in html.unescape(" ".join(errors[field]))
    assert not Session.objects.exists()


def test_a_move_keeps_the_length_and_a_refused_move_changes_nothing(personas):
    a = SessionFactory(meeting=personas.meeting, title="A", starts_at=datetime(2027, 3, 26, 12, tzinfo=UTC))
    b = SessionFactory(meeting=personas.meeting, title="B", starts_at=datetime(2027, 3, 26, 15, tzinfo=UTC))
    for session in (a, b):
        SessionRole.objects.create(session=session, participant=personas.facilitator)
    organiser = personas.client_for(personas.organiser)
    moved = organiser.post(url("session_move", personas), {"session": b.pk, "start": "2027-03-27T09:15"}, follow=True)
    b.refresh_from_db()
    assert b.starts_at == datetime(2027, 3, 27, 8, 15, tzinfo=UTC) and b.duration_minutes == 90
    assert "now starts" in moved.text
    assert ProgramChange.objects.filter(session=b, kind="moved").exists()
    refused = organiser.post(url("session_move", personas), {"session": b.pk, "start": "2027-03-26T13:00"}, follow=True)
    b.refresh_from_db()
    assert b.starts_at == datetime(2027, 3, 27, 8, 15, tzinfo=UTC)
    assert "was not moved" in refused.text and "already booked" in html.unescape(refused.text)
    other = SessionFactory(meeting=MeetingFactory(), title="Elsewhere")
    organiser.post(url("session_move", personas), {"session": other.pk, "start": "2027-03-27T09:15"})
    other.refresh_from_db()
    assert other.starts_at == datetime(2027, 3, 25, 13, tzinfo=UTC)


def test_the_grid_reads_in_either_zone_across_the_clock_change(personas):
    SessionFactory(meeting=personas.meeting, title="Before", starts_at=datetime(2027, 3, 26, 13, tzinfo=UTC))
    SessionFactory(meeting=personas.meeting, title="After", starts_at=datetime(2027, 3, 29, 12, tzinfo=UTC))
    personas.organiser.time_zone = "America/Bogota"
    personas.organiser.save()
    organiser = personas.client_for(personas.organiser)
    meeting_zone = organiser.get(url("program", personas) + "?zone=meeting").text
    assert "Fri 14:00" in meeting_zone and "Mon 14:00" in meeting_zone
    bogota = organiser.get(url("program", personas)).text  # the organiser's own zone by default
    assert "Fri 08:00" in bogota and "Mon 07:00" in bogota and "America/Bogota" in bogota


def test_clashes_show_a_regional_session_outside_its_representatives_day(personas):
    region = RegionFactory(name="Asia", slug="asia")
    Participant.objects.filter(pk=personas.facilitator.pk).update(represents=region, time_zone="Asia/Kathmandu")
    session = SessionFactory(
        meeting=personas.meeting,
        title="Asia regional",
        kind="regional",
        region=region,
        starts_at=datetime(2027, 3, 26, 18, tzinfo=UTC),  # 23:45 in Kathmandu
    )
    page = html.unescape(personas.client_for(personas.organiser).get(url("program", personas)).text)
    assert "Clashes (1)" in page
    assert f"Starts 23:45 for {personas.facilitator.name} (Asia/Kathmandu)" in page
    session.starts_at = datetime(2027, 3, 26, 6, tzinfo=UTC)
    session.ends_at = session.starts_at + timedelta(minutes=90)
    session.save()
    assert "Clashes" not in personas.client_for(personas.organiser).get(url("program", personas)).text


def test_layout_puts_parallel_sessions_in_lanes_and_widens_the_hours():
    spans = [
        timetable.Span(1, 0, 9 * 60, 10 * 60),
        timetable.Span(2, 0, 9 * 60 + 30, 11 * 60),
        timetable.Span(3, 0, 10 * 60, 11 * 60),
        timetable.Span(4, 2, 5 * 60, 6 * 60),
    ]
    grid = timetable.layout(3, spans)
    assert (grid.first_hour, grid.last_hour) == (5, 21)
    assert [d.lanes for d in grid.days] == [2, 1, 1] and grid.columns == 4
    assert [grid.placed[k].lane for k in (1, 2, 3)] == [0, 1, 0]
    assert grid.placed[1].row == 2 + (9 - 5) * 4 and grid.placed[1].rows == 4
    assert grid.placed[4].column == 2 + 2 + 1
    css = timetable.css()
    assert ".tt-cols-56 " in css and ".tt-r-98 " in css
    with pytest.raises(ValueError):
        timetable.layout(8, [])


@pytest.mark.parametrize("junk", ["99999999999999999999999", "x", "-1"])
def test_publishing_junk_publishes_nothing(personas, junk):
    draft = SessionFactory(meeting=personas.meeting, is_draft=True)
    response = personas.client_for(personas.organiser).post(url("publish", personas), {"session": junk}, follow=True)
    assert response.status_code == 200 and "no draft to publish" in response.text
    draft.refresh_from_db()
    assert draft.is_draft
