"""The range rule for typed dates, and zone conversions that never overflow."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template
from django.utils import timezone

from convener.core import dates
from convener.core.timezones import local_time_problem

MEETING = SimpleNamespace(start_date=date(2027, 3, 25), end_date=date(2027, 3, 31))
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")
SAMOA = ZoneInfo("Pacific/Pago_Pago")
TOKYO = ZoneInfo("Asia/Tokyo")  # before its first rule, local mean time: 9:18:59 ahead of UTC


def test_the_window_runs_from_a_year_before_the_meeting_to_five_years_after_it():
    earliest, after = dates.meeting_window(MEETING)
    assert earliest == datetime(2026, 3, 25, tzinfo=UTC)
    assert after == datetime(2032, 4, 1, tzinfo=UTC)


def test_the_window_of_a_meeting_with_odd_dates_stays_inside_the_sane_years():
    odd = SimpleNamespace(start_date=date(1, 1, 1), end_date=date(9999, 12, 31))
    assert dates.meeting_window(odd) == (datetime(1900, 1, 1, tzinfo=UTC), datetime(3000, 1, 1, tzinfo=UTC))
    leap = SimpleNamespace(start_date=date(2028, 2, 29), end_date=date(2028, 2, 29))
    assert dates.meeting_window(leap)[0] == datetime(2027, 2, 28, tzinfo=UTC)


@pytest.mark.parametrize(
    "value",
    [
        datetime(9999, 12, 31, 23, 30, tzinfo=UTC),
        datetime.fromisoformat("0001-01-01T00:00:00+14:00"),
        datetime.fromisoformat("9999-12-31T23:59:00-12:00"),
        datetime(2026, 3, 24, 23, 59, tzinfo=UTC),
        datetime(2032, 4, 1, tzinfo=UTC),
    ],
)
def test_a_time_outside_the_window_is_refused_with_the_window(value):
    with pytest.raises(ValidationError) as caught:
        dates.check_in_window(value, MEETING, what="The start")
    assert caught.value.messages == [
        "The start must fall between 25 Mar 2026 and 31 Mar 2032 (UTC): "
        "from a year before the meeting starts to 5 years after it ends."
    ]


def test_a_time_inside_the_window_comes_back_in_utc():
    value = datetime(2027, 3, 26, 9, tzinfo=KIRITIMATI)
    assert dates.check_in_window(value, MEETING) == datetime(2027, 3, 25, 19, tzinfo=UTC)


def test_a_time_without_zone_is_refused():
    with pytest.raises(ValidationError, match="must carry its time zone"):
        dates.check_in_window(datetime(2027, 3, 26, 9), MEETING)


def test_reading_a_wall_clock_time_that_leaves_the_calendar_is_a_validation_error():
    with pytest.raises(ValidationError, match="out of range"):
        dates.from_local(datetime(1, 1, 1), TOKYO)
    with pytest.raises(ValidationError, match="out of range"):
        dates.from_local(datetime(9999, 12, 31, 23, 59), SAMOA)


def test_local_time_problem_names_a_time_the_zone_cannot_hold():
    assert "out of range" in local_time_problem(datetime(1, 1, 1), TOKYO)
    assert "out of range" in local_time_problem(datetime(9999, 12, 31, 23, 59), SAMOA)


def test_showing_a_far_date_falls_back_to_utc():
    far = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
    assert dates.localtime(far, KIRITIMATI) == far
    assert dates.localtime(far, KIRITIMATI).utcoffset().total_seconds() == 0
    near = datetime(2027, 3, 25, 12, tzinfo=UTC)
    assert dates.localtime(near, KIRITIMATI).tzinfo is KIRITIMATI


def test_templates_show_a_far_date_in_utc_in_a_zone_ahead_of_it():
    far = datetime(9999, 12, 31, 23, 59, tzinfo=UTC)
    template = Template(
        "{% load tz convener %}{{ when|date:'Y-m-d H:i e' }}|{{ when|timezone:zone|date:'Y-m-d H:i' }}"
        "|{{ when|in_zone:zone|zone_abbr }}"
    )
    with timezone.override(KIRITIMATI):
        shown = template.render(Context({"when": far, "zone": KIRITIMATI}))
    assert shown == "9999-12-31 23:59 UTC|9999-12-31 23:59|UTC"
