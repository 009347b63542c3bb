"""frab JSON and XML: exports valid against the c3voc schema and XSD (vendored), imports from pretalx and frab."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import jsonschema
import pytest
import xmlschema

from convener.program.models import Session, Theme
from convener.programio import exchange, frab_json, frab_xml
from convener.programio.document import ProgramInputError
from tests.factories import MeetingFactory, ParticipantFactory, SessionFactory, SessionRoleFactory, ThemeFactory
from tests.programio.conftest import SCHEMAS, load_json_schema

pytestmark = pytest.mark.django_db


def json_errors(text: str) -> list[str]:
    validator = jsonschema.Draft6Validator(load_json_schema())
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(json.loads(text))]


def xml_errors(text: str) -> list[str]:
    schema = xmlschema.XMLSchema(str(SCHEMAS / "schedule.xml.xsd"))
    return [str(e.reason) for e in schema.iter_errors(text)]


@pytest.fixture
def meeting():
    meeting = MeetingFactory(slug="gnm-2021", start_date=date(2021, 6, 28), end_date=date(2021, 7, 1), time_zone="UTC")
    theme = ThemeFactory(meeting=meeting, name="Theme 1: The role of nodes")
    ThemeFactory(meeting=meeting, name="A theme with no session yet")
    panel = SessionFactory(
        meeting=meeting,
        theme=theme,
        kind="panel",
        title="Panel: “nodes” & <the future>",
        goal="To explore key themes.",
        format="A live panel.",
        starts_at=datetime(2021, 6, 29, 13, tzinfo=UTC),
        ends_at=datetime(2021, 6, 29, 14, 30, tzinfo=UTC),
    )
    SessionRoleFactory(session=panel, participant=ParticipantFactory(meeting=meeting, name="Mélianie Raymond"))
    SessionRoleFactory(
        session=panel, participant=ParticipantFactory(meeting=meeting, name="Laura Russell"), role="moderator"
    )
    SessionFactory(
        meeting=meeting,
        title="Evaluation activities",
        kind="evaluation",
        starts_at=datetime(2021, 7, 1, 9, tzinfo=UTC),
        ends_at=datetime(2021, 7, 1, 10, tzinfo=UTC),
    )
    return meeting


def test_the_json_export_is_valid_against_the_c3voc_schema(meeting):
    text = exchange.export_program(meeting=meeting, format="frab-json", base_url="https://convener.example.org")
    assert json_errors(text) == []
    conference = json.loads(text)["schedule"]["conference"]
    assert conference["acronym"] == "gnm_2021" and conference["daysCount"] == 4
    assert conference["time_zone_name"] == "UTC"
    event = conference["days"][1]["rooms"]["Theme 1: The role of nodes"][0]
    assert event["start"] == "13:00" and event["duration"] == "01:30" and event["type"] == "panel"
    assert event["url"].startswith("https://convener.example.org/m/gnm-2021/sessions/")
    assert [(p["name"], p["role"]) for p in event["persons"]] == [
        ("Mélianie Raymond", "facilitator"),
        ("Laura Russell", "moderator"),
    ]


def test_the_xml_export_is_valid_against_the_c3voc_xsd(meeting):
    text = exchange.export_program(meeting=meeting, format="frab-xml")
    assert xml_errors(text) == []
    assert "Panel: “nodes” &amp; &lt;the future&gt;" in text


def test_the_schemas_do_refuse_what_breaks_them():
    """The vendored validators are real: a schedule without its conference fails both."""
    assert json_errors('{"schedule": {"version": "1"}}')
    assert xml_errors("<schedule><version>1</version></schedule>")


@pytest.mark.parametrize("format", ["frab-json", "frab-xml"])
def test_an_export_imports_into_another_meeting_as_the_same_sessions(meeting, format):
    text = exchange.export_program(meeting=meeting, format=format)
    other = MeetingFactory(start_date=meeting.start_date, end_date=meeting.end_date, time_zone="Europe/Berlin")

    exchange.import_program(meeting=other, text=text, format=format)

    def program(m):
        return [
            (s.title, s.kind, s.goal, s.format, s.starts_at, s.ends_at, s.theme.name if s.theme else None)
            for s in Session.objects.filter(meeting=m).order_by("starts_at")
        ]

    assert program(other) == program(meeting)
    panel = Session.objects.get(meeting=other, kind="panel")
    roles = sorted((r.participant.name, r.role) for r in panel.roles.all())
    if format == "frab-json":
        assert roles == [("Laura Russell", "moderator"), ("Mélianie Raymond", "facilitator")]
    else:  # the XSD's persons carry no role: everyone comes back a facilitator
        assert roles == [("Laura Russell", "facilitator"), ("Mélianie Raymond", "facilitator")]
    if format == "frab-json":  # tracks list every theme, also one without sessions
        assert Theme.objects.filter(meeting=other, name="A theme with no session yet").exists()


# A schedule in the shape pretalx exports (hand-written): rooms, no tracks, speakers with codes.
PRETALX = {
    "$schema": "https://c3voc.de/schedule/schema.json",
    "generator": {"name": "pretalx", "version": "2024.1.0"},
    "schedule": {
        "version": "0.4",
        "base_url": "https://pretalx.example.org",
        "conference": {
            "acronym": "democon",
            "title": "DemoCon",
            "start": "2021-06-28",
            "end": "2021-06-29",
            "daysCount": 2,
            "timeslot_duration": "00:05",
            "time_zone_name": "Europe/Berlin",
            "rooms": [
                {"name": "Stream A", "guid": "2ab3c8a4-4a7b-4b8e-9a52-0c6f5b1c3d11"},
                {"name": "Stream B", "guid": "8b7e1f02-3d1a-4c55-8a06-5d3b0e1f2a22"},
            ],
            "days": [
                {
                    "index": 1,
                    "date": "2021-06-28",
                    "day_start": "2021-06-28T04:00:00+02:00",
                    "day_end": "2021-06-29T03:59:00+02:00",
                    "rooms": {
                        "Stream A": [
                            {
                                "id": 1,
                                "guid": "0d9a6a8c-6c2e-5b6e-9d6f-3f6c2f6b1a01",
                                "date": "2021-06-28T10:00:00+02:00",
                                "start": "10:00",
                                "duration": "00:45",
                                "room": "Stream A",
                                "slug": "democon-1-opening",
                                "url": "https://pretalx.example.org/democon/talk/ABC123/",
                                "title": "Opening",
                                "subtitle": "",
                                "track": None,
                                "type": "Talk",
                                "language": "en",
                                "abstract": "Welcome.",
                                "description": "The first talk.",
                                "recording_license": "",
                                "do_not_record": False,
                                "persons": [
                                    {"code": "XYZ789", "name": "Ana Núñez", "public_name": "Ana Núñez", "biography": ""}
                                ],
                                "links": [{"title": "Slides", "url": "https://example.org/slides.pdf"}],
                                "attachments": [],
                                "answers": [],
                            }
                        ],
                        "Stream B": [
                            {
                                "id": 2,
                                "guid": "0d9a6a8c-6c2e-5b6e-9d6f-3f6c2f6b1a02",
                                "date": "2021-06-28T11:00:00+02:00",
                                "start": "11:00",
                                "duration": "01:00",
                                "room": "Stream B",
                                "slug": "democon-2-workshop",
                                "url": "https://pretalx.example.org/democon/talk/DEF456/",
                                "title": "Hands-on workshop",
                                "subtitle": "",
                                "track": None,
                                "type": "Workshop",
                                "language": "en",
                                "abstract": None,
                                "description": None,
                                "persons": [{"code": "QRS111", "public_name": "Bo Li"}],
                                "links": [],
                            }
                        ],
                    },
                }
            ],
        },
    },
}


def test_a_pretalx_export_imports_with_its_rooms_as_themes_and_its_speakers_as_people():
    meeting = MeetingFactory(start_date=date(2021, 6, 28), end_date=date(2021, 6, 29), time_zone="UTC")
    existing = ParticipantFactory(meeting=meeting, name="ana nunez")

    report = exchange.import_program(meeting=meeting, text=json.dumps(PRETALX), format="frab-json")

    sessions = list(Session.objects.filter(meeting=meeting).order_by("starts_at"))
    assert [(s.title, s.kind, s.theme.name, s.starts_at) for s in sessions] == [
        ("Opening", "plenary", "Stream A", datetime(2021, 6, 28, 8, tzinfo=UTC)),
        ("Hands-on workshop", "demo", "Stream B", datetime(2021, 6, 28, 9, tzinfo=UTC)),
    ]
    assert sessions[0].goal == "Welcome." and sessions[0].format == "The first talk."
    assert [r.participant for r in sessions[0].roles.all()] == [existing]
    assert [r.participant.name for r in sessions[1].roles.all()] == ["Bo Li"]
    assert report.guests_created == ["Bo Li"]
    assert [(p.title, p.video_url) for p in sessions[0].listed_presentations.all()] == [
        ("Slides", "https://example.org/slides.pdf")
    ]


@pytest.mark.parametrize(
    ("mutate", "where", "expected"),
    [
        (lambda d: d["schedule"].pop("conference"), "$.schedule", "'conference' is a required property"),
        (
            lambda d: d["schedule"]["conference"]["days"][0]["rooms"]["Stream B"][0].update(duration="1 hour"),
            '$.schedule.conference.days[0].rooms["Stream B"][0].duration',
            "does not match",
        ),
        (
            lambda d: d["schedule"]["conference"]["days"][0]["rooms"]["Stream A"][0].update(date="next Monday"),
            '$.schedule.conference.days[0].rooms["Stream A"][0].date',
            "expected a date and time",
        ),
        (
            lambda d: d["schedule"]["conference"].update(time_zone_name="Mars/Olympus_Mons"),
            "$.schedule.conference.time_zone_name",
            "unknown time zone 'Mars/Olympus_Mons'",
        ),
    ],
)
def test_bad_json_names_its_path_and_what_was_expected_and_writes_nothing(mutate, where, expected):
    data = json.loads(json.dumps(PRETALX))
    mutate(data)
    meeting = MeetingFactory(start_date=date(2021, 6, 28), end_date=date(2021, 6, 29))

    with pytest.raises(ProgramInputError) as caught:
        exchange.import_program(meeting=meeting, text=json.dumps(data), format="frab-json")

    assert caught.value.where == where and expected in caught.value.message
    assert not Session.objects.filter(meeting=meeting).exists() and not Theme.objects.filter(meeting=meeting).exists()


def test_a_session_the_meeting_cannot_hold_refuses_the_whole_file():
    """The second event is outside the meeting's dates: the first is not written either."""
    data = json.loads(json.dumps(PRETALX))
    data["schedule"]["conference"]["days"][0]["rooms"]["Stream B"][0]["date"] = "2021-07-15T11:00:00+02:00"
    meeting = MeetingFactory(start_date=date(2021, 6, 28), end_date=date(2021, 6, 29))

    with pytest.raises(ProgramInputError) as caught:
        exchange.import_program(meeting=meeting, text=json.dumps(data), format="frab-json")

    assert caught.value.where == '$.schedule.conference.days[0].rooms["Stream B"][0]'
    assert "outside the meeting's dates" in caught.value.message
    assert not Session.objects.filter(meeting=meeting).exists()


@pytest.mark.parametrize(
    ("text", "where", "expected"),
    [
        ('{"schedule": ', "line 1, column 14", "not valid JSON"),
        ("---\ntitle: x\n---\n## A\n", "line 1", "looks like a Markdown page"),
    ],
)
def test_what_is_not_json_is_refused_with_its_line(text, where, expected):
    with pytest.raises(ProgramInputError) as caught:
        frab_json.parse(text)
    assert caught.value.where == where and expected in caught.value.message


@pytest.mark.parametrize(
    ("text", "where", "expected"),
    [
        ("<schedule><conference>", "line 1, column 22", "not well-formed XML"),
        ('{"schedule": {}}', "line 1", "looks like JSON"),
        ("<calendar/>", "/calendar", "expected <schedule>"),
        (
            "<schedule><conference><title>T</title></conference><day><room name='A'><event id='1'>"
            "<title>X</title><date>2021-06-28T10:00:00+02:00</date><duration>forever</duration>"
            "</event></room></day></schedule>",
            "/schedule/day[1]/room[1]/event[1]/duration",
            "expected hours and minutes",
        ),
        (
            '<!DOCTYPE schedule [<!ENTITY boom "boom">]><schedule>&boom;</schedule>',
            "line 1",
            "cannot read this XML",
        ),
    ],
)
def test_bad_xml_names_its_place_and_what_was_expected(text, where, expected):
    with pytest.raises(ProgramInputError) as caught:
        frab_xml.parse(text)
    assert caught.value.where == where and expected in caught.value.message


def test_a_duration_across_the_change_to_summer_time_is_the_time_that_passes():
    """01:45 CET to 03:00 CEST is 15 minutes, not the 75 the wall clock shows (found by the round-trip property)."""
    from zoneinfo import ZoneInfo

    copenhagen = ZoneInfo("Europe/Copenhagen")
    starts_at = datetime(2027, 3, 28, 1, 45, tzinfo=copenhagen)
    assert frab_json.duration(starts_at, datetime(2027, 3, 28, 3, 0, tzinfo=copenhagen)) == "00:15"


def test_a_frab_xml_schedule_without_tracks_imports_its_rooms_as_themes():
    text = """<?xml version="1.0"?>
<schedule>
  <version>0.4</version>
  <conference><title>DemoCon</title><acronym>democon</acronym></conference>
  <day index="1" date="2021-06-28">
    <room name="Stream A">
      <event id="7" guid="0d9a6a8c-6c2e-5b6e-9d6f-3f6c2f6b1a07">
        <date>2021-06-28T10:00:00+02:00</date><start>10:00</start><duration>00:45</duration>
        <room>Stream A</room><slug>democon-7-opening</slug><title>Opening</title><subtitle/>
        <track/><type>Talk</type><abstract>Welcome.</abstract>
        <persons><person id="3">Ana Núñez</person></persons>
        <links><link href="https://example.org/slides.pdf">Slides</link></links>
      </event>
    </room>
  </day>
</schedule>
"""
    meeting = MeetingFactory(start_date=date(2021, 6, 28), end_date=date(2021, 6, 29), time_zone="UTC")

    exchange.import_program(meeting=meeting, text=text, format="frab-xml")

    session = Session.objects.get(meeting=meeting)
    assert (session.title, session.theme.name, session.starts_at) == (
        "Opening",
        "Stream A",
        datetime(2021, 6, 28, 8, tzinfo=UTC),
    )
    assert [r.participant.name for r in session.roles.all()] == ["Ana Núñez"]
    assert [(p.title, p.video_url) for p in session.listed_presentations.all()] == [
        ("Slides", "https://example.org/slides.pdf")
    ]


def test_a_json_file_of_another_shape_is_refused_briefly_at_its_root():
    with pytest.raises(ProgramInputError) as caught:
        frab_json.parse(json.dumps([{"title": "x" * 500}] * 20))
    assert caught.value.where == "$" and "is not of type 'object'" in caught.value.message
    assert len(caught.value.message) < 300
