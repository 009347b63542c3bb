"""Export → import gives the same program: the demo meeting, the reference page, and generated programs."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import jsonschema
import pytest
import xmlschema
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from convener.demo import build_demo
from convener.program.models import Meeting
from convener.programio import exchange, frab_json, frab_xml, markdown_page, markdown_render
from convener.programio.document import (
    FACILITATOR,
    MODERATOR,
    PersonDoc,
    PresentationDoc,
    ProgramDoc,
    ProgramInputError,
    SessionDoc,
    ThemeDoc,
    name_key,
)
from convener.programio.services import program_document
from tests.factories import MeetingFactory
from tests.programio.conftest import SCHEMAS, load_json_schema

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def fresh_like(meeting: Meeting) -> Meeting:
    return MeetingFactory(start_date=meeting.start_date, end_date=meeting.end_date, time_zone=meeting.time_zone)


@pytest.mark.django_db
def test_the_demo_meeting_exported_as_a_page_imports_as_the_same_program():
    demo = build_demo(seed=2021).meeting
    page = exchange.export_program(meeting=demo, format="markdown")
    copy = fresh_like(demo)

    exchange.import_program(meeting=copy, text=page, format="markdown")

    before, after = program_document(meeting=demo), program_document(meeting=copy)
    assert len(before.sessions) > 10
    assert after.comparable() == before.comparable()
    # And the copy exports as the same page, but for its own title.
    assert exchange.export_program(meeting=copy, format="markdown").split("\n", 3)[3] == page.split("\n", 3)[3]


@pytest.mark.django_db
def test_the_demo_meeting_exports_as_valid_frab_json_and_xml_that_import_as_its_sessions():
    demo = build_demo(seed=2021).meeting
    as_json = exchange.export_program(meeting=demo, format="frab-json")
    as_xml = exchange.export_program(meeting=demo, format="frab-xml")
    assert list(jsonschema.Draft6Validator(load_json_schema()).iter_errors(json.loads(as_json))) == []
    xmlschema.XMLSchema(str(SCHEMAS / "schedule.xml.xsd")).validate(as_xml)

    copy = fresh_like(demo)
    exchange.import_program(meeting=copy, text=as_json, format="frab-json")

    def frab_part(doc: ProgramDoc) -> list[tuple]:
        return sorted(
            (
                s.title,
                s.kind,
                s.goal,
                s.format,
                s.starts_at,
                s.ends_at,
                s.theme,
                sorted((p.name, p.role) for p in s.people),
            )
            for s in doc.sessions
        )

    assert frab_part(program_document(meeting=copy)) == frab_part(program_document(meeting=demo))


@pytest.mark.django_db
def test_the_reference_page_survives_import_export_import(reference_text):
    first = MeetingFactory()
    exchange.import_program(meeting=first, text=reference_text, format="markdown")
    page = exchange.export_program(meeting=first, format="markdown")
    second = fresh_like(first)

    exchange.import_program(meeting=second, text=page, format="markdown")

    assert program_document(meeting=second).comparable() == program_document(meeting=first).comparable()


@pytest.mark.django_db
def test_the_ics_export_has_every_session_and_no_join_link():
    demo = build_demo(seed=2021).meeting
    calendar = exchange.export_program(meeting=demo, format="ics")
    assert calendar.count("BEGIN:VEVENT") == demo.sessions.count()
    assert "meet." not in calendar and "Join:" not in calendar


# --------------------------------------------------------------------------
# generated programs
# --------------------------------------------------------------------------

# Titles: letters of any script, digits, punctuation and symbols (Markdown's own characters among them).
title_text = (
    st.text(st.characters(categories=["L", "N", "P", "S", "Zs"], exclude_characters="\x85"), min_size=1, max_size=40)
    .map(lambda t: " ".join(t.split()))
    .filter(bool)
)
names = (
    st.lists(st.text(st.characters(categories=["L"]), min_size=1, max_size=12), min_size=1, max_size=3)
    .map(" ".join)
    .filter(lambda n: n.casefold() not in markdown_page.NOBODY and "and" not in n.casefold().split())
)
sentence = (
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzÀéøß  ,.;'?!()0123456789"), max_size=60)
    .map(lambda t: " ".join(t.split()))
    .filter(lambda t: not t[:1].isdigit())
)
preparation = st.lists(st.one_of(sentence, title_text, st.just("")), max_size=4).map("\n".join)
# Instants around Copenhagen's switch to summer time (Sunday 28 March 2027, 02:00 → 03:00), 15-minute steps.
DST_BASE = datetime(2027, 3, 27, 12, 0, tzinfo=UTC)
starts = st.integers(min_value=0, max_value=4 * 36).map(lambda q: DST_BASE + timedelta(minutes=15 * q))
urls = st.one_of(st.just(""), st.integers(1, 10**9).map(lambda n: f"https://vimeo.com/{n}"))


@st.composite
def programs(draw) -> ProgramDoc:
    theme_names = draw(st.lists(title_text, max_size=3, unique=True))
    themes = [ThemeDoc(name=name, description=draw(sentence)) for name in theme_names]
    sessions = []
    for _ in range(draw(st.integers(1, 5))):
        start = draw(st.one_of(st.none(), starts))
        people = draw(st.lists(names, max_size=3, unique_by=str.casefold))
        sessions.append(
            SessionDoc(
                title=draw(title_text),
                kind=draw(st.sampled_from(list(markdown_page.KINDS))),
                goal=draw(sentence),
                format=draw(sentence),
                preparation=draw(preparation),
                starts_at=start.astimezone(COPENHAGEN) if start else None,
                ends_at=(start + timedelta(minutes=draw(st.integers(1, 12)) * 15)).astimezone(COPENHAGEN)
                if start
                else None,
                theme=draw(st.one_of(st.none(), st.sampled_from(theme_names))) if theme_names else None,
                recording_url=draw(urls),
                people=[PersonDoc(name=n, role=draw(st.sampled_from([FACILITATOR, MODERATOR]))) for n in people],
                presentations=[
                    PresentationDoc(
                        title=draw(title_text),
                        url=draw(urls),
                        release_on=draw(st.one_of(st.none(), st.dates(date(2027, 1, 1), date(2027, 12, 31)))),
                    )
                    for _ in range(draw(st.integers(0, 3)))
                ],
            )
        )
    return ProgramDoc(
        title=draw(title_text),
        description=draw(preparation).strip(),
        time_zone="Europe/Copenhagen",
        themes=themes,
        sessions=sessions,
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_a_generated_program_survives_the_page(doc):
    page = markdown_render.render(doc)
    again = markdown_page.parse(page)
    assert again.comparable() == doc.comparable()
    assert (again.title, again.description) == (doc.title, doc.description)


CONFERENCE = frab_json.Conference(
    acronym="gnm_2027", start=date(2027, 3, 26), end=date(2027, 3, 30), zone="Europe/Copenhagen"
)
JSON_SCHEMA = load_json_schema()
XSD = xmlschema.XMLSchema(str(SCHEMAS / "schedule.xml.xsd"))


def _frab(doc: ProgramDoc, *, roles: bool) -> list[tuple]:
    return sorted(
        (
            s.title,
            s.kind,
            s.goal,
            s.format,
            s.starts_at.astimezone(UTC),
            s.ends_at.astimezone(UTC),
            s.theme or "",
            sorted((p.name, p.role if roles else FACILITATOR) for p in s.people),
            [(p.title, p.url) for p in s.presentations if p.url],
        )
        for s in doc.sessions
        if s.starts_at
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_a_generated_program_is_valid_frab_and_reads_back(doc):
    as_json = frab_json.render(doc, CONFERENCE)
    assert list(jsonschema.Draft6Validator(JSON_SCHEMA).iter_errors(json.loads(as_json))) == []
    assert _frab(frab_json.parse(as_json), roles=True) == _frab(doc, roles=True)
    as_xml = frab_xml.render(doc, CONFERENCE)
    XSD.validate(as_xml)
    assert _frab(frab_xml.parse(as_xml), roles=False) == _frab(doc, roles=False)


@pytest.mark.django_db
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(programs())
def test_a_generated_program_imports_whole_or_not_at_all_and_exports_as_itself(doc):
    """Through the database: either every session is written and the export is the same program, or the import
    is refused (two sessions double-booking one person) and the meeting is left as it was."""
    named = {p.name for s in doc.sessions for p in s.people}
    assume(len({name_key(n) for n in named}) == len(named))  # "A" and "À" are one person by design
    meeting = MeetingFactory(start_date=date(2027, 3, 26), end_date=date(2027, 3, 30), time_zone="Europe/Copenhagen")
    page = markdown_render.render(doc)
    try:
        exchange.import_program(meeting=meeting, text=page, format="markdown")
    except ProgramInputError as exc:
        assert "already booked" in exc.message
        assert not meeting.sessions.exists() and not meeting.themes.exists()
        assert not meeting.unscheduled_sessions.exists() and not meeting.participants.exists()
        return
    assert program_document(meeting=meeting).comparable() == doc.comparable()
