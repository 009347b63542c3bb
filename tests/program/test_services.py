from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from convener.program import services
from convener.program.models import ProgramChange, Session, SessionRole, Star
from tests.factories import MeetingFactory, ParticipantFactory, SessionFactory

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")
T0 = datetime(2027, 3, 25, 13, 0, tzinfo=UTC)


def create(meeting, title="Panel", start=T0, minutes=90, people=()):
    return services.session_create(
        meeting=meeting,
        title=title,
        kind=Session.Kind.PANEL,
        starts_at=start,
        ends_at=start + timedelta(minutes=minutes),
        people=list(people),
    )


def test_it_creates_a_session_and_logs_it_as_added(personas):
    session = create(personas.meeting, people=[(personas.facilitator, SessionRole.Role.FACILITATOR)])
    assert list(session.roles.values_list("participant__name", flat=True)) == ["Fatou Facilitator"]
    change = ProgramChange.objects.get()
    assert change.kind == ProgramChange.Kind.ADDED
    assert change.title == "Added: Panel"
    assert "Thu 25 Mar 2027, 14:00 (Europe/Copenhagen)" in change.summary


def test_it_refuses_a_facilitator_in_two_overlapping_sessions(personas):
    create(personas.meeting, title="First", people=[(personas.facilitator, "facilitator")])
    with pytest.raises(ValidationError) as info:
        create(
            personas.meeting,
            title="Second",
            start=T0 + timedelta(minutes=60),
            people=[(personas.facilitator, "moderator")],
        )
    assert info.value.messages == [
        "Fatou Facilitator is already booked on “First” (Thu 25 Mar 2027, 14:00 (Europe/Copenhagen)), which overlaps."
    ]
    assert Session.objects.count() == 1
    assert ProgramChange.objects.count() == 1


def test_it_allows_back_to_back_sessions_for_one_facilitator(personas):
    create(personas.meeting, title="First", people=[(personas.facilitator, "facilitator")])
    create(
        personas.meeting,
        title="Second",
        start=T0 + timedelta(minutes=90),
        people=[(personas.facilitator, "facilitator")],
    )
    assert Session.objects.count() == 2


def test_it_refuses_moving_a_session_onto_its_facilitators_other_session(personas):
    create(personas.meeting, title="First", people=[(personas.facilitator, "facilitator")])
    later = create(
        personas.meeting, title="Later", start=T0 + timedelta(hours=3), people=[(personas.facilitator, "facilitator")]
    )
    with pytest.raises(ValidationError):
        services.session_update(session=later, starts_at=T0, ends_at=T0 + timedelta(minutes=30))
    later.refresh_from_db()
    assert later.starts_at == T0 + timedelta(hours=3)


def test_it_refuses_a_facilitator_from_another_meeting(personas):
    outsider = ParticipantFactory(meeting=MeetingFactory())
    with pytest.raises(ValidationError) as info:
        create(personas.meeting, people=[(outsider, "facilitator")])
    assert "is not a participant of" in info.value.messages[0]


def test_moving_a_session_logs_old_and_new_time(personas):
    session = create(personas.meeting)
    services.session_update(session=session, starts_at=T0 + timedelta(days=4), ends_at=T0 + timedelta(days=4, hours=1))
    moved = ProgramChange.objects.filter(kind=ProgramChange.Kind.MOVED).get()
    # Thursday 14:00 CET; the next Monday is after the DST change, so 13:00 UTC is 15:00 CEST.
    assert moved.summary == (
        "Now Mon 29 Mar 2027, 15:00 (Europe/Copenhagen) to 16:00; was Thu 25 Mar 2027, 14:00 (Europe/Copenhagen)."
    )


def test_changing_only_the_title_logs_nothing(personas):
    session = create(personas.meeting)
    services.session_update(session=session, title="Renamed")
    assert list(ProgramChange.objects.values_list("kind", flat=True)) == ["added"]


def test_attaching_a_recording_logs_it_once(personas):
    session = create(personas.meeting)
    services.session_attach_recording(session=session, url="https://vimeo.com/1")
    services.session_update(session=session, title="Renamed")
    assert ProgramChange.objects.filter(kind=ProgramChange.Kind.RECORDING).count() == 1


def test_cancelling_keeps_a_log_entry(personas):
    session = create(personas.meeting, title="Gone")
    services.session_cancel(session=session)
    assert not Session.objects.exists()
    assert ProgramChange.objects.filter(kind="cancelled").get().title == "Cancelled: Gone"


def test_starring_is_idempotent_and_reversible(personas):
    session = SessionFactory(meeting=personas.meeting)
    services.star_set(participant=personas.participant, session=session, starred=True)
    services.star_set(participant=personas.participant, session=session, starred=True)
    assert Star.objects.count() == 1
    services.star_set(participant=personas.participant, session=session, starred=False)
    assert Star.objects.count() == 0


def test_it_refuses_starring_a_session_of_another_meeting(personas):
    other = SessionFactory()
    with pytest.raises(ValidationError):
        services.star_set(participant=personas.participant, session=other, starred=True)
    assert Star.objects.count() == 0
