from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from tests.factories import MeetingFactory, SessionFactory, ThemeFactory

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


def test_it_rejects_a_session_that_ends_before_it_starts():
    session = SessionFactory.build(
        meeting=MeetingFactory(),
        starts_at=datetime(2027, 3, 25, 13, tzinfo=UTC),
        ends_at=datetime(2027, 3, 25, 12, tzinfo=UTC),
    )
    with pytest.raises(ValidationError) as info:
        session.full_clean()
    assert info.value.message_dict["ends_at"] == ["A session must end after it starts."]


def test_it_rejects_a_session_outside_the_meeting_days_in_the_meeting_zone():
    meeting = MeetingFactory(time_zone="Pacific/Auckland")
    # 12:00 UTC on 31 March is already 1 April in Auckland: outside the meeting.
    start = datetime(2027, 3, 31, 12, tzinfo=UTC)
    session = SessionFactory.build(meeting=meeting, starts_at=start, ends_at=start + timedelta(hours=1))
    with pytest.raises(ValidationError) as info:
        session.full_clean()
    assert "outside the meeting's dates" in info.value.message_dict["starts_at"][0]


def test_it_rejects_a_theme_of_another_meeting():
    session = SessionFactory.build(meeting=MeetingFactory(), theme=ThemeFactory())
    with pytest.raises(ValidationError) as info:
        session.full_clean()
    assert info.value.message_dict["theme"] == ["This theme belongs to another meeting."]


def test_it_rejects_an_unknown_time_zone():
    meeting = MeetingFactory.build(time_zone="Mars/Olympus_Mons")
    with pytest.raises(ValidationError) as info:
        meeting.full_clean()
    assert "not a known time zone" in info.value.message_dict["time_zone"][0]


def test_it_rejects_a_meeting_ending_before_it_starts():
    meeting = MeetingFactory.build(start_date=datetime(2027, 3, 25).date(), end_date=datetime(2027, 3, 24).date())
    with pytest.raises(ValidationError) as info:
        meeting.full_clean()
    assert info.value.message_dict["end_date"] == ["The meeting must end on or after its first day."]


@pytest.mark.parametrize(
    "start",
    [
        datetime(9999, 12, 31, 23, 30, tzinfo=UTC),
        datetime(1, 1, 1, tzinfo=ZoneInfo("Asia/Tokyo")),
        datetime(2033, 3, 25, 12, tzinfo=UTC),
    ],
)
def test_it_rejects_a_far_off_session_with_the_meetings_range(start):
    session = SessionFactory.build(meeting=MeetingFactory(), starts_at=start, ends_at=start)
    with pytest.raises(ValidationError) as info:
        session.full_clean()
    assert "must fall between 25 Mar 2026 and 31 Mar 2032 (UTC)" in info.value.message_dict["starts_at"][0]


@pytest.mark.parametrize("day", [datetime(1, 1, 1).date(), datetime(9999, 12, 31).date()])
def test_it_rejects_meeting_days_outside_the_sane_years(day):
    meeting = MeetingFactory.build(start_date=day, end_date=day)
    with pytest.raises(ValidationError) as info:
        meeting.full_clean()
    assert "between the years 1900 and 2999" in info.value.message_dict["start_date"][0]
    assert "between the years 1900 and 2999" in info.value.message_dict["end_date"][0]
