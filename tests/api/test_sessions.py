"""Sessions through the API: who reads, who writes, and what bad input gets."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convener.program.models import ProgramChange, Session, SessionRole
from tests.api.conftest import DAY_ONE, UTC, make_session, session_body
from tests.factories import MeetingFactory, ParticipantFactory, ThemeFactory

pytestmark = pytest.mark.django_db


# Reading


@pytest.mark.parametrize("who", ["organiser", "facilitator", "participant", "guest"])
def test_every_participant_can_read_the_sessions(team, who):
    make_session(team, title="Icebreaker")
    response = team.api(getattr(team, who)).get(f"{team.base}/sessions")
    assert response.status_code == 200
    assert [s["title"] for s in response.json()["items"]] == ["Icebreaker"]


def test_it_forbids_a_stranger_to_read_the_sessions(team):
    response = team.api(team.stranger).get(f"{team.base}/sessions")
    assert response.status_code == 403
    assert response.json() == {"detail": "Only participants of this meeting may read it."}


def test_it_requires_sign_in_to_read_the_sessions(team):
    assert team.api(None).get(f"{team.base}/sessions").status_code == 401


def test_it_forbids_a_stranger_to_read_one_session(team):
    session = make_session(team)
    assert team.api(team.stranger).get(f"{team.base}/sessions/{session.pk}").status_code == 403


def test_it_says_404_for_an_unknown_meeting(team):
    response = team.api(team.participant).get("/meetings/no-such-meeting/sessions")
    assert response.status_code == 404
    assert "no-such-meeting" in response.json()["detail"]


def test_it_says_404_for_a_session_of_another_meeting(team):
    other = make_session(team)
    other.meeting = MeetingFactory()
    other.save()
    response = team.api(team.participant).get(f"{team.base}/sessions/{other.pk}")
    assert response.status_code == 404


def test_it_shows_a_session_with_its_people_and_theme(team):
    session = make_session(team, title="Live Q&A", lead=team.facilitator)
    body = team.api(team.participant).get(f"{team.base}/sessions/{session.pk}").json()
    assert body["title"] == "Live Q&A"
    assert body["theme"] == {"id": team.theme.pk, "name": "Data use"}
    assert body["people"] == [
        {"participant_id": team.facilitator.pk, "name": "Fatou Facilitator", "role": "facilitator"}
    ]
    assert body["duration_minutes"] == 60


def test_it_gives_times_in_utc(team):
    session = make_session(team)
    # Written with an offset; the API answers in UTC.
    team.token_api(team.organiser).patch(
        f"{team.base}/sessions/{session.pk}", {"starts_at": "2027-03-25T15:30:00+02:00"}
    )
    body = team.api(team.participant).get(f"{team.base}/sessions/{session.pk}").json()
    assert body["starts_at"] == "2027-03-25T13:30:00Z"
    assert body["ends_at"] == "2027-03-25T14:00:00Z"


def test_it_shows_the_join_link_to_members(team):
    session = make_session(team, join_link="https://meet.example.org/secret-room")
    api = team.api(team.participant)
    body = api.get(f"{team.base}/sessions/{session.pk}").json()
    assert body["join_link"] == "https://meet.example.org/secret-room"
    [listed] = api.get(f"{team.base}/sessions").json()["items"]
    assert listed["join_link"] == "https://meet.example.org/secret-room"


def test_it_hides_the_join_link_from_a_guest(team):
    make_session(team, join_link="https://meet.example.org/secret-room")
    response = team.api(team.guest).get(f"{team.base}/sessions")
    assert response.status_code == 200
    assert response.json()["items"][0]["join_link"] is None
    assert b"secret-room" not in response.content


def test_it_shows_the_join_link_to_a_guest_who_leads_the_session(team):
    session = make_session(team, join_link="https://meet.example.org/secret-room", lead=team.guest)
    body = team.api(team.guest).get(f"{team.base}/sessions/{session.pk}").json()
    assert body["join_link"] == "https://meet.example.org/secret-room"


def test_anonymous_callers_never_see_a_join_link(team):
    make_session(team, join_link="https://meet.example.org/secret-room")
    response = team.api(None).get(f"{team.base}/sessions")
    assert response.status_code == 401
    assert b"secret-room" not in response.content


# Filters


def test_it_filters_by_day_in_the_meeting_zone_by_default(team):
    # 23:30 UTC on 25 March is already 26 March in Copenhagen (UTC+1).
    make_session(team, title="Late", starts_at=datetime(2027, 3, 25, 23, 30, tzinfo=UTC))
    make_session(team, title="Noon", starts_at=datetime(2027, 3, 25, 12, 0, tzinfo=UTC))
    api = team.api(team.participant)
    assert _titles(api.get(f"{team.base}/sessions", day="2027-03-25")) == ["Noon"]
    assert _titles(api.get(f"{team.base}/sessions", day="2027-03-26")) == ["Late"]


def test_it_filters_by_day_in_the_zone_asked_for(team):
    make_session(team, title="Late", starts_at=datetime(2027, 3, 25, 23, 30, tzinfo=UTC))
    response = team.api(team.participant).get(f"{team.base}/sessions", day="2027-03-25", tz="America/Bogota")
    assert _titles(response) == ["Late"]


def test_the_day_filter_follows_a_dst_change(team):
    # Copenhagen moves to UTC+2 on Sunday 28 March 2027: that day runs from 23:00 UTC on
    # the 27th (UTC+1) to 22:00 UTC on the 28th (UTC+2), 23 hours.
    for title, starts_at in [
        ("Saturday 23:30", datetime(2027, 3, 27, 22, 30, tzinfo=UTC)),
        ("Sunday 00:30", datetime(2027, 3, 27, 23, 30, tzinfo=UTC)),
        ("Sunday 23:30", datetime(2027, 3, 28, 21, 30, tzinfo=UTC)),
        ("Monday 00:30", datetime(2027, 3, 28, 22, 30, tzinfo=UTC)),
    ]:
        make_session(team, title=title, starts_at=starts_at)
    response = team.api(team.participant).get(f"{team.base}/sessions", day="2027-03-28")
    assert _titles(response) == ["Sunday 00:30", "Sunday 23:30"]


def test_it_filters_by_kind_and_theme(team):
    other_theme = ThemeFactory(meeting=team.meeting, name="Marine data")
    make_session(team, title="Panel", kind=Session.Kind.PANEL)
    make_session(team, title="Demo", kind=Session.Kind.DEMO, theme=other_theme)
    api = team.api(team.participant)
    assert _titles(api.get(f"{team.base}/sessions", kind="demo")) == ["Demo"]
    assert _titles(api.get(f"{team.base}/sessions", theme=team.theme.pk)) == ["Panel"]


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "party"},
        {"day": "25/03/2027"},
        {"day": "2027-02-30"},
        {"day": "0001-01-01"},
        {"tz": "Mars/Olympus"},
        {"theme": "abc"},
        {"theme": str(2**70)},
        {"limit": "0"},
        {"limit": "100000"},
        {"offset": str(10**30)},
    ],
)
def test_it_rejects_bad_filters_with_422(team, params):
    response = team.api(team.participant).get(f"{team.base}/sessions", **params)
    assert response.status_code == 422
    assert response.json()["detail"]


def test_it_paginates_with_limit_and_offset(team):
    for hour in (9, 10, 11):
        make_session(team, title=f"At {hour}", starts_at=datetime(2027, 3, 25, hour, tzinfo=UTC))
    body = team.api(team.participant).get(f"{team.base}/sessions", limit=1, offset=1).json()
    assert body["count"] == 3
    assert [s["title"] for s in body["items"]] == ["At 10"]


def test_the_session_list_takes_as_many_queries_for_three_sessions_as_for_one(team):
    api = team.api(team.participant)
    make_session(team, title="One", lead=team.facilitator)
    with CaptureQueriesContext(connection) as one:
        assert api.get(f"{team.base}/sessions").status_code == 200
    for hour in (16, 18):
        lead = ParticipantFactory(meeting=team.meeting)
        make_session(
            team,
            starts_at=datetime(2027, 3, 26, hour, tzinfo=UTC),
            lead=lead,
            theme=ThemeFactory(meeting=team.meeting),
        )
    with CaptureQueriesContext(connection) as three:
        body = api.get(f"{team.base}/sessions").json()
    assert body["count"] == 3
    assert len(three) == len(one)


# Writing


@pytest.mark.parametrize("who", ["facilitator", "participant", "guest", "stranger", "staff"])
def test_it_requires_organiser_to_create_session(team, who):
    response = team.api(getattr(team, who)).post(f"{team.base}/sessions", session_body())
    assert response.status_code == 403
    assert not Session.objects.exists()


def test_it_requires_sign_in_to_create_session(team):
    assert team.api(None).post(f"{team.base}/sessions", session_body()).status_code == 401


def test_an_organiser_creates_a_session_with_people(team):
    body = session_body(
        theme_id=team.theme.pk,
        region_id=team.region.pk,
        people=[{"participant_id": team.facilitator.pk, "role": "moderator"}],
    )
    response = team.api(team.organiser).post(f"{team.base}/sessions", body)
    assert response.status_code == 201
    created = response.json()
    assert created["title"] == "Panel: data use"
    assert created["starts_at"] == "2027-03-26T14:00:00Z"
    assert created["region"] == {
        "id": team.region.pk,
        "name": "Latin America",
        "slug": "latin-america",
    }
    assert created["people"][0]["role"] == "moderator"
    session = Session.objects.get(pk=created["id"])
    assert session.roles.get().participant == team.facilitator
    assert ProgramChange.objects.get(session=session).kind == ProgramChange.Kind.ADDED


def test_it_rejects_a_naive_datetime_with_422(team):
    response = team.api(team.organiser).post(f"{team.base}/sessions", session_body(starts_at="2027-03-26T14:00:00"))
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "payload", "starts_at"]
    assert "no time zone" in error["msg"]
    assert not Session.objects.exists()


def test_it_rejects_a_session_that_ends_before_it_starts(team):
    response = team.api(team.organiser).post(f"{team.base}/sessions", session_body(ends_at="2027-03-26T13:00:00Z"))
    assert response.status_code == 422
    assert response.json() == {
        "detail": ["A session must end after it starts."],
        "fields": {"ends_at": ["A session must end after it starts."]},
    }


def test_it_rejects_a_session_outside_the_meeting_dates(team):
    response = team.api(team.organiser).post(
        f"{team.base}/sessions",
        session_body(starts_at="2027-04-02T14:00:00Z", ends_at="2027-04-02T15:00:00Z"),
    )
    assert response.status_code == 422
    assert "outside the meeting's dates" in response.json()["detail"][0]


def test_it_rejects_a_session_outside_the_meetings_window_with_the_window(team):
    response = team.api(team.organiser).post(
        f"{team.base}/sessions",
        session_body(starts_at="2999-12-31T23:30:00+00:00", ends_at="2999-12-31T23:45:00+00:00"),
    )
    assert response.status_code == 422
    assert response.json()["fields"]["starts_at"][0].startswith("The start must fall between 25 Mar 2026 and")
    assert not Session.objects.exists()


def test_it_rejects_a_facilitator_booked_on_an_overlapping_session(team):
    make_session(
        team,
        title="Icebreaker",
        starts_at=datetime(2027, 3, 26, 13, 30, tzinfo=UTC),
        lead=team.facilitator,
    )
    body = session_body(people=[{"participant_id": team.facilitator.pk, "role": "facilitator"}])
    response = team.api(team.organiser).post(f"{team.base}/sessions", body)
    assert response.status_code == 422
    [message] = response.json()["detail"]
    assert message.startswith("Fatou Facilitator is already booked on “Icebreaker”")
    assert Session.objects.count() == 1


def test_it_rejects_people_from_another_meeting(team):
    outsider = ParticipantFactory()
    body = session_body(people=[{"participant_id": outsider.pk, "role": "facilitator"}])
    response = team.api(team.organiser).post(f"{team.base}/sessions", body)
    assert response.status_code == 422
    assert response.json()["fields"] == {"people": [f"No participant with id {outsider.pk} in this meeting."]}


def test_it_rejects_the_same_person_twice(team):
    person = {"participant_id": team.facilitator.pk, "role": "facilitator"}
    response = team.api(team.organiser).post(f"{team.base}/sessions", session_body(people=[person, person]))
    assert response.status_code == 422


def test_it_rejects_a_theme_of_another_meeting(team):
    foreign = ThemeFactory()
    response = team.api(team.organiser).post(f"{team.base}/sessions", session_body(theme_id=foreign.pk))
    assert response.status_code == 422
    assert response.json()["fields"] == {"theme_id": [f"No theme with id {foreign.pk} in this meeting."]}


@pytest.mark.parametrize(
    "override",
    [
        {"kind": "party"},
        {"title": ""},
        {"title": "   "},
        {"title": "x" * 201},
        {"goal": "x" * 20_001},
        {"join_link": "not a url"},
        {"join_link": "https://x.org/" + "a" * 500},
        {"people": [{"participant_id": 1, "role": "boss"}]},
        {"colour": "red"},
        {"starts_at": "yesterday"},
        {"starts_at": "0001-01-01T00:00:00+14:00"},
        {"theme_id": 2**70},
        {"title": "nul\x00byte"},
        {"title": None},
    ],
)
def test_it_rejects_bad_session_input_with_422(team, override):
    response = team.api(team.organiser).post(f"{team.base}/sessions", session_body(**override))
    assert response.status_code == 422
    assert response.json()["detail"]
    assert not Session.objects.exists()


def test_an_organiser_moves_a_session_and_the_change_is_logged(team):
    session = make_session(team)
    response = team.api(team.organiser).patch(
        f"{team.base}/sessions/{session.pk}",
        {"starts_at": "2027-03-27T09:00:00Z", "ends_at": "2027-03-27T10:00:00Z"},
    )
    assert response.status_code == 200
    assert response.json()["starts_at"] == "2027-03-27T09:00:00Z"
    assert ProgramChange.objects.filter(session=session, kind=ProgramChange.Kind.MOVED).exists()


def test_patch_changes_only_the_fields_sent(team):
    session = make_session(team, title="Old title", goal="Keep me", lead=team.facilitator)
    response = team.api(team.organiser).patch(f"{team.base}/sessions/{session.pk}", {"title": "New title"})
    assert response.status_code == 200
    session.refresh_from_db()
    assert (session.title, session.goal) == ("New title", "Keep me")
    assert list(session.roles.values_list("participant", flat=True)) == [team.facilitator.pk]


def test_patch_replaces_the_people_and_can_clear_the_theme(team):
    session = make_session(team, lead=team.facilitator)
    response = team.api(team.organiser).patch(
        f"{team.base}/sessions/{session.pk}",
        {"theme_id": None, "people": [{"participant_id": team.guest.pk, "role": "moderator"}]},
    )
    assert response.status_code == 200
    assert response.json()["theme"] is None
    assert response.json()["people"] == [{"participant_id": team.guest.pk, "name": "Gita Guest", "role": "moderator"}]
    assert list(SessionRole.objects.values_list("participant", "role")) == [(team.guest.pk, "moderator")]


def test_patch_checks_overlaps_of_the_people_already_booked(team):
    make_session(
        team,
        title="Icebreaker",
        starts_at=datetime(2027, 3, 26, 9, tzinfo=UTC),
        lead=team.facilitator,
    )
    session = make_session(team, title="Panel", lead=team.facilitator)
    response = team.api(team.organiser).patch(
        f"{team.base}/sessions/{session.pk}",
        {"starts_at": "2027-03-26T09:30:00Z", "ends_at": "2027-03-26T10:30:00Z"},
    )
    assert response.status_code == 422
    assert "already booked on “Icebreaker”" in response.json()["detail"][0]
    session.refresh_from_db()
    assert session.starts_at == DAY_ONE


def test_patch_rejects_end_before_start(team):
    session = make_session(team)
    response = team.api(team.organiser).patch(f"{team.base}/sessions/{session.pk}", {"ends_at": "2027-03-25T12:00:00Z"})
    assert response.status_code == 422
    assert response.json()["detail"] == ["A session must end after it starts."]


@pytest.mark.parametrize("who", ["participant", "guest", "stranger"])
def test_it_requires_organiser_to_change_or_cancel_a_session(team, who):
    session = make_session(team, title="Keep")
    api = team.api(getattr(team, who))
    assert api.patch(f"{team.base}/sessions/{session.pk}", {"title": "Gone"}).status_code == 403
    assert api.delete(f"{team.base}/sessions/{session.pk}").status_code == 403
    session.refresh_from_db()
    assert session.title == "Keep"


def test_an_organiser_cancels_a_session(team):
    session = make_session(team, title="Game show")
    response = team.api(team.organiser).delete(f"{team.base}/sessions/{session.pk}")
    assert response.status_code == 204
    assert not Session.objects.exists()
    assert ProgramChange.objects.get().title == "Cancelled: Game show"


def test_it_says_404_when_changing_an_unknown_session(team):
    api = team.api(team.organiser)
    assert api.patch(f"{team.base}/sessions/999999", {"title": "x"}).status_code == 404
    assert api.delete(f"{team.base}/sessions/999999").status_code == 404
    assert api.get(f"{team.base}/sessions/{2**70}").status_code == 422


def _titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [session["title"] for session in response.json()["items"]]


@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x85", "\u2028", "\u2029"])
def test_it_refuses_a_title_with_a_line_break_and_changes_nothing(team, brk):
    session = make_session(team, title="Live Q&A")
    response = team.api(team.organiser).patch(f"{team.base}/sessions/{session.pk}", {"title": f"Evil{brk}second line"})
    assert response.status_code == 422
    assert "Keep this on one line: remove the line break." in response.content.decode()
    session.refresh_from_db()
    assert session.title == "Live Q&A"
    assert not ProgramChange.objects.exists()


def test_it_refuses_a_new_session_whose_title_has_a_line_break(team):
    response = team.api(team.organiser).post(f"{team.base}/sessions", session_body(title="Evil\nsecond line"))
    assert response.status_code == 422
    assert "one line" in response.content.decode()
    assert not Session.objects.exists()
