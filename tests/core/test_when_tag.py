"""The {% when %} tag: a time in the reader's zone, the meeting's beside it labelled (with its day if another)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.template import Context, Template

UTC = ZoneInfo("UTC")
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def render(source: str, **context: object) -> str:
    return Template("{% load convener %}" + source).render(Context(context))


def test_a_thursday_night_in_bogota_shows_the_friday_morning_meeting_time_with_its_day():
    start = datetime(2027, 3, 26, 4, tzinfo=UTC)  # Thursday 23:00 in Bogota, Friday 05:00 in Copenhagen
    html = render(
        '{% when start "H:i" beside=True %}', start=start, zone=ZoneInfo("America/Bogota"), meeting_zone=COPENHAGEN
    )
    assert html == (
        '<time datetime="2027-03-26T04:00:00+00:00" data-zone="America/Bogota">23:00</time> '
        '<span class="meeting-time" title="Meeting time (Europe/Copenhagen)">'
        '<time datetime="2027-03-26T04:00:00+00:00" data-zone="Europe/Copenhagen">Fri 05:00 CET</time></span>'
    )


def test_the_meeting_time_on_the_same_day_needs_only_its_zone():
    start = datetime(2027, 3, 29, 12, tzinfo=UTC)  # after Europe's clock change
    html = render(
        "{% when start until=end beside=True %}",
        start=start,
        end=datetime(2027, 3, 29, 13, 30, tzinfo=UTC),
        zone=ZoneInfo("Asia/Kathmandu"),
        meeting_zone=COPENHAGEN,
    )
    assert 'data-zone="Asia/Kathmandu">Mon 29 Mar, 17:45–19:15</time>' in html
    assert 'data-zone="Europe/Copenhagen">14:00 CEST</time>' in html


def test_a_reader_in_the_meeting_zone_sees_one_time_and_another_zone_is_always_labelled():
    start = datetime(2027, 3, 25, 13, tzinfo=UTC)
    assert render("{% when start beside=True %}", start=start, zone=COPENHAGEN, meeting_zone=COPENHAGEN) == (
        '<time datetime="2027-03-25T13:00:00+00:00" data-zone="Europe/Copenhagen">Thu 25 Mar, 14:00</time>'
    )
    # A person's own hour, shown to a reader in Copenhagen: Kiritimati is already on Friday.
    html = render('{% when start "H:i" zone=theirs %}', start=start, zone=COPENHAGEN, theirs="Pacific/Kiritimati")
    assert (
        html == '<time datetime="2027-03-25T13:00:00+00:00" data-zone="Pacific/Kiritimati">Fri 03:00 UTC+14:00</time>'
    )


def test_without_a_zone_in_the_page_the_meeting_zone_is_used_and_nothing_is_shown_for_none():
    class Meeting:
        zone = COPENHAGEN

    start = datetime(2027, 3, 25, 13, tzinfo=UTC)
    assert ">Thu 25 Mar, 14:00</time>" in render("{% when start %}", start=start, meeting=Meeting())
    assert render("{% when nothing %}", meeting=Meeting()) == ""
