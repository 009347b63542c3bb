"""Proposals on the planning pages can always be taken: no slot the move would refuse, no Accept on the current time;
the best runs of a session can be applied."""

from datetime import datetime, timedelta
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from convener.people.models import Participant
from convener.program import services as program_services
from convener.program.models import ProgramChange, Session, SessionRole
from convener.scheduling import planning, services
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")
ATOM = "{http://www.w3.org/2005/Atom}"
# 25 March 2027 in Copenhagen is UTC+1: the personas' working hours 09:00-17:00 are 08:00-16:00 UTC.
BUSY = (datetime(2027, 3, 25, 8, 0, tzinfo=UTC), datetime(2027, 3, 25, 9, 30, tzinfo=UTC))


def session_with(personas, title, start, minutes=90, people=()):
    return program_services.session_create(
        meeting=personas.meeting,
        title=title,
        kind="thematic",
        goal="To talk.",
        starts_at=start,
        ends_at=start + timedelta(minutes=minutes),
        people=[(person, SessionRole.Role.FACILITATOR) for person in people],
    )


def data_talk(personas):
    """Fatou facilitates it at 13:00-14:30 UTC on the first day."""
    return session_with(personas, "Data talk", datetime(2027, 3, 25, 13, 0, tzinfo=UTC), people=[personas.facilitator])


def overlaps_busy(start, length=timedelta(minutes=90)):
    return start < BUSY[1] and BUSY[0] < start + length


def plan_url(session):
    return reverse("scheduling:plan_session", kwargs={"slug": session.meeting.slug, "pk": session.pk})


def test_a_slot_the_facilitator_already_fills_is_never_proposed_and_every_proposal_moves(personas):
    # Fatou facilitates a workshop at 08:00-09:30 UTC, the earliest of the best hours for everyone.
    session_with(personas, "Workshop", BUSY[0], people=[personas.facilitator])
    session = data_talk(personas)
    client = personas.client_for(personas.organiser)
    page = client.get(plan_url(session))
    assert page.status_code == 200
    proposals = page.context["best"]
    assert proposals and not [score.start for score in proposals if overlaps_busy(score.start)]
    move = reverse("scheduling:move_session", kwargs={"slug": "gnm", "pk": session.pk})
    for score in proposals:
        response = client.post(move, {"start": score.start.isoformat()}, follow=True)
        session.refresh_from_db()
        assert session.starts_at == score.start, [str(m) for m in response.context["messages"]]


def test_the_move_refuses_what_the_rule_refuses_with_the_same_reason(personas):
    session_with(personas, "Workshop", BUSY[0], people=[personas.facilitator])
    session = data_talk(personas)
    rule = services.move_rule(session)
    assert rule(BUSY[0] + timedelta(minutes=30)) and "Workshop" in rule(BUSY[0] + timedelta(minutes=30))[0]
    assert rule(datetime(2027, 4, 2, 10, 0, tzinfo=UTC))  # after the meeting's last day
    assert rule(datetime(2027, 3, 25, 12, 0, tzinfo=UTC)) == []
    with pytest.raises(Exception, match="Workshop"):
        services.session_move(session=session, starts_at=BUSY[0] + timedelta(minutes=30))
    session.refresh_from_db()
    assert session.starts_at == datetime(2027, 3, 25, 13, 0, tzinfo=UTC)


def europe_region(personas):
    region = RegionFactory(name="Europe")
    Participant.objects.filter(pk=personas.facilitator.pk).update(represents=region)
    personas.participant.node.region = region
    personas.participant.node.save()
    return region


def test_a_region_is_not_offered_a_slot_its_representative_already_fills(personas):
    region = europe_region(personas)
    session_with(personas, "Workshop", BUSY[0], people=[personas.facilitator])
    plan = planning.region_plan(personas.meeting, region)
    assert plan.slots and not [score.start for score in plan.slots if overlaps_busy(score.start)]
    client = personas.client_for(personas.organiser)
    url = reverse("scheduling:accept_region", kwargs={"slug": "gnm", "region": region.slug})
    for score in plan.slots:
        client.post(url, {"start": score.start.isoformat()})
        assert Session.objects.get(region=region).starts_at == score.start


def test_the_current_time_of_a_regional_session_offers_no_accept(personas):
    region = europe_region(personas)
    current = datetime(2027, 3, 25, 10, 0, tzinfo=UTC)  # 11:00 in Copenhagen: working hours for everyone
    services.regional_session_place(
        meeting=personas.meeting, region=region, starts_at=current, duration=planning.REGIONAL_DURATION
    )
    client = personas.client_for(personas.organiser)
    page = client.get(reverse("scheduling:plan_region", kwargs={"slug": "gnm", "region": region.slug}))
    html, plan = page.content.decode(), page.context["plan"]
    assert plan.best.start == current
    assert "This is the current time" in html
    assert f'value="{current.isoformat()}"' not in html
    assert html.count("Accept<span") == len(plan.slots) - 1


def test_the_plan_page_offers_no_accept_for_a_region_already_at_its_best_time(personas):
    region = europe_region(personas)
    current = datetime(2027, 3, 25, 10, 0, tzinfo=UTC)
    services.regional_session_place(
        meeting=personas.meeting, region=region, starts_at=current, duration=planning.REGIONAL_DURATION
    )
    html = personas.client_for(personas.organiser).get(reverse("scheduling:plan", kwargs={"slug": "gnm"}))
    assert "This is the current time" in html.content.decode()
    assert "Accept<span" not in html.content.decode()


def test_the_current_time_of_a_session_says_so_instead_of_move(personas):
    session = session_with(personas, "Data talk", datetime(2027, 3, 25, 10, 0, tzinfo=UTC))
    html = personas.client_for(personas.organiser).get(plan_url(session)).content.decode()
    assert "This is the current time" in html
    assert f'value="{session.starts_at.isoformat()}"' not in html


# --------------------------------------------------------------------------
# Applying the best runs
# --------------------------------------------------------------------------


def runs_url(session):
    return reverse("scheduling:apply_repeats", kwargs={"slug": session.meeting.slug, "pk": session.pk})


def spread_out(personas):
    """People far apart, so that no single hour suits everyone."""
    zones = {personas.organiser: "America/Los_Angeles", personas.participant: "Australia/Sydney"}
    for person, zone in zones.items():
        Participant.objects.filter(pk=person.pk).update(time_zone=zone)


def test_the_proposed_runs_avoid_the_facilitators_other_sessions_and_can_be_applied(personas):
    spread_out(personas)
    session = data_talk(personas)
    session_with(personas, "Workshop", BUSY[0], people=[personas.facilitator])
    client = personas.client_for(personas.organiser)
    page = client.get(plan_url(session), {"repeats": "3"})
    plan = page.context["repeat_plan"]
    assert len(plan.slots) == 3 and not [start for start in plan.slots if overlaps_busy(start)]
    html = page.content.decode()
    assert "Use these 3 runs" in html
    response = client.post(runs_url(session), {"start": [start.isoformat() for start in plan.slots]}, follow=True)
    assert response.status_code == 200
    session.refresh_from_db()
    assert session.starts_at == plan.slots[0] and session.title == "Data talk"
    runs = Session.objects.filter(meeting=personas.meeting, title__startswith="Data talk (run").order_by("starts_at")
    assert [(run.title, run.starts_at) for run in runs] == [
        ("Data talk (run 2)", plan.slots[1]),
        ("Data talk (run 3)", plan.slots[2]),
    ]
    for run in runs:
        assert run.ends_at - run.starts_at == timedelta(minutes=90)
        assert (run.kind, run.goal) == ("thematic", "To talk.")
        assert list(run.roles.values_list("participant", "role")) == [(personas.facilitator.pk, "facilitator")]


def test_applied_runs_show_in_the_atom_feed_and_the_calendar(personas, client):
    session = data_talk(personas)
    starts = [datetime(2027, 3, 25, 8, 0, tzinfo=UTC), datetime(2027, 3, 26, 14, 0, tzinfo=UTC)]
    personas.client_for(personas.organiser).post(runs_url(session), {"start": [s.isoformat() for s in starts]})
    feed = ElementTree.fromstring(client.get(reverse("program:changes_atom", kwargs={"slug": "gnm"})).content)
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.iter(f"{ATOM}entry")]
    assert "Added: Data talk (run 2)" in titles and "Moved: Data talk" in titles
    calendar = client.get(reverse("program:meeting_ics", kwargs={"slug": "gnm"})).content.decode()
    assert "SUMMARY:Data talk (run 2)" in calendar


@pytest.mark.parametrize(
    ("starts", "message"),
    [
        ([], "Choose 2, 3 or 4 runs"),
        (["2027-03-25T08:00:00+00:00"], "Choose 2, 3 or 4 runs"),
        (["2027-03-25T08:00:00+00:00", "soon"], "is not a start time"),
        (["2027-03-25T08:00:00+00:00", "2027-03-25T09:00:00+00:00"], "overlap"),
        (["2027-03-25T08:00:00+00:00", "2027-04-09T09:00:00+00:00"], "outside the meeting"),
        (["2027-03-25T08:00:00+00:00", "2027-03-26T15:00:00+00:00"], "Workshop"),  # Fatou is busy then
        (["9999-12-31T23:30:00+00:00", "0001-01-01T00:00:00+00:00"], "must fall between"),
        (["2027-03-25T08:00:00+00:00", "2027-03-25T10:00:00"], "time zone"),
    ],
)
def test_bad_runs_are_explained_and_change_nothing(personas, starts, message):
    session = data_talk(personas)
    session_with(personas, "Workshop", datetime(2027, 3, 26, 15, 0, tzinfo=UTC), people=[personas.facilitator])
    before = list(ProgramChange.objects.values_list("pk", flat=True))
    response = personas.client_for(personas.organiser).post(runs_url(session), {"start": starts}, follow=True)
    assert response.status_code == 200
    assert message in " ".join(str(m) for m in response.context["messages"])
    session.refresh_from_db()
    assert session.starts_at == datetime(2027, 3, 25, 13, 0, tzinfo=UTC)
    assert Session.objects.filter(meeting=personas.meeting).count() == 2
    assert list(ProgramChange.objects.values_list("pk", flat=True)) == before


def test_applying_runs_is_for_organisers_only(personas):
    session = session_with(personas, "Data talk", datetime(2027, 3, 25, 13, 0, tzinfo=UTC))
    starts = ["2027-03-25T08:00:00+00:00", "2027-03-26T14:00:00+00:00"]
    response = personas.client_for(personas.participant).post(runs_url(session), {"start": starts})
    assert response.status_code == 403
    assert Session.objects.filter(meeting=personas.meeting).count() == 1
