"""A page convener cannot read is refused whole, naming the line and what was expected."""

from __future__ import annotations

import pytest

from convener.program.models import Theme
from convener.programio import exchange, markdown_page
from convener.programio.document import ProgramInputError
from convener.programio.models import UnscheduledSession
from tests.factories import MeetingFactory

CASES = [
    ("---\ntitle: Sessions\n\n## A\n", "line 1", "the front matter opened here is never closed"),
    ("---\ntitle: [Sessions\n---\n## A\n", "line 2", "the front matter is not valid YAML"),
    ("---\n- a list\n---\n## A\n", "line 2", "'key: value' lines"),
    ("---\ntitle: S\ntime_zone: Mars/Olympus_Mons\n---\n## A\n", "line 3", "unknown time zone 'Mars/Olympus_Mons'"),
    ("---\ntitle: S\n---\nJust a paragraph.\n", "line 4", "no headings found"),
    ("## Theme\n\n#### Too deep\n", "line 3", "a level-4 heading"),
    ("### Session\n\n## Theme\n", "line 1", "a level-3 heading before any level-2 heading"),
    ("## A\n\n##\n", "line 3", "an empty heading"),
    ("## A\n\nWhen: next Tuesday after lunch\n", "line 3", "cannot read the time"),
    ("## A\n\nWhen: 2027-03-25 15:00–14:00\n", "line 3", "ends before it starts"),
    ("## A\n\nKind: Karaoke\n", "line 3", "unknown kind 'Karaoke'"),
    ('{"schedule": {}}', "line 1", "looks like JSON"),
    ("<?xml version='1.0'?><schedule/>", "line 1", "looks like XML"),
    ("## A\n\nok\x00\n", "line 3", "binary data"),
]


@pytest.mark.parametrize(("text", "where", "expected"), CASES)
def test_a_page_it_cannot_read_names_the_line_and_what_was_expected(text, where, expected):
    with pytest.raises(ProgramInputError) as caught:
        markdown_page.parse(text)
    assert caught.value.where == where
    assert expected in caught.value.message
    assert str(caught.value).startswith(f"{where}: ")


def test_a_file_that_is_not_text_is_refused_with_its_line():
    with pytest.raises(ProgramInputError) as caught:
        exchange.decode(b"## A\n\n\xff\xfe binary")
    assert caught.value.where == "line 3" and "not UTF-8 text" in caught.value.message


@pytest.mark.django_db
def test_a_problem_late_in_the_page_leaves_nothing_written():
    meeting = MeetingFactory()
    page = "## Theme\n\n### One\n\nGoal: fine\n\n## Two\n\nRegion: Atlantis\n"

    with pytest.raises(ProgramInputError) as caught:
        exchange.import_program(meeting=meeting, text=page, format="markdown")

    assert caught.value.where == "line 7" and "unknown region 'Atlantis'" in caught.value.message
    assert not Theme.objects.filter(meeting=meeting).exists()
    assert not UnscheduledSession.objects.filter(meeting=meeting).exists()


def test_local_times_are_read_in_the_pages_zone_and_iso_times_keep_their_offset():
    doc = markdown_page.parse(
        "---\ntime_zone: America/Bogota\n---\n## A\n\nWhen: 2027-03-25 09:00–10:30\n\n"
        "## B\n\nWhen: 2027-03-28T01:30+01:00 to 2027-03-28T03:30+02:00\n"
    )
    a, b = doc.sessions
    assert (
        a.starts_at.isoformat() == "2027-03-25T09:00:00-05:00" and a.ends_at.isoformat() == "2027-03-25T10:30:00-05:00"
    )
    assert (b.ends_at - b.starts_at).total_seconds() == 3600  # across the spring-forward hour in Copenhagen


def test_text_before_the_first_heading_is_reported_not_lost_silently():
    doc = markdown_page.parse("Welcome to the program.\n\n## A\n")
    assert doc.notes == ["Text before the first heading was not imported: Welcome to the program."]
