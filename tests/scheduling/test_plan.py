"""Planning pages: regional slots for the demo meeting, heat maps, accepting and moving."""

import re
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from convener.demo import ORGANISER_EMAIL, build_demo
from convener.people.models import Participant, Region
from convener.program.models import ProgramChange, Session
from convener.scheduling import planning
from tests.factories import RegionFactory, SessionFactory

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


@pytest.fixture
def demo(db):
    return build_demo(seed=2021)


def organiser_client(client):
    client.force_login(Participant.objects.get(user__email=ORGANISER_EMAIL).user)
    return client


def test_every_demo_region_gets_a_slot_inside_the_day_of_all_its_representatives(demo):
    plans = planning.region_plans(demo.meeting)
    assert len(plans) == 6
    for plan in plans:
        assert plan.representatives, plan.region.name
        assert plan.best is not None, (plan.region.name, plan.problem)
        for rep in plan.representatives:
            start = plan.best.start.astimezone(ZoneInfo(rep.time_zone))
            end = plan.best.end.astimezone(ZoneInfo(rep.time_zone))
            assert time(7) <= start.time() and end.time() <= time(21) and start.date() == end.date(), (
                plan.region.name,
                rep.name,
                start,
                end,
            )


def test_the_plan_page_shows_each_region_and_its_heat_map(demo, client):
    client = organiser_client(client)
    client.cookies["convener_tz"] = "Europe/Copenhagen"
    body = client.get(reverse("scheduling:plan", kwargs={"slug": "gnm-demo"})).content.decode()
    for region in Region.objects.all():
        assert region.name in body
    # Accept where the best slot differs from the session's time, "This is the current time" where it does not.
    plans = planning.region_plans(demo.meeting)
    moves = sum(1 for plan in plans if not (plan.session and plan.session.starts_at == plan.best.start))
    assert body.count("Accept<span") == moves
    assert body.count("This is the current time") == len(plans) - moves == 5
    oceania = Region.objects.get(name="Oceania")
    page = client.get(reverse("scheduling:plan_region", kwargs={"slug": "gnm-demo", "region": oceania.slug}))
    html = page.content.decode()
    assert page.status_code == 200
    heat_map = html.split('<figure class="heatmap">')[1].split("</figure>")[0]
    assert heat_map.count('<tr><th scope="row">') == 5  # one row per meeting day
    assert html.count('class="heat heat-') >= 5 * 24
    assert "best" in html
    # The proposed slot is marked on the heat map, in a cell where everyone is comfortable.
    assert heat_map.count('<td class="heat heat-10 marked"') == 1
    assert heat_map.count(' marked"') == 2  # the cell and the legend


@pytest.mark.parametrize("who", ["participant@example.org", "guest@example.org"])
def test_planning_is_for_organisers_only(demo, client, who):
    client.force_login(Participant.objects.get(user__email=who).user)
    assert client.get(reverse("scheduling:plan", kwargs={"slug": "gnm-demo"})).status_code == 403
    region = Region.objects.first()
    url = reverse("scheduling:accept_region", kwargs={"slug": "gnm-demo", "region": region.slug})
    assert client.post(url, {"start": "2027-03-26T08:00:00+00:00"}).status_code == 403


def test_anonymous_planning_asks_to_sign_in(demo, client):
    response = client.get(reverse("scheduling:plan", kwargs={"slug": "gnm-demo"}))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_accepting_a_slot_moves_the_regional_session_and_logs_it(demo, client):
    client = organiser_client(client)
    africa = Region.objects.get(name="Africa")
    plan = planning.region_plan(demo.meeting, africa)
    chosen = plan.slots[1].start
    url = reverse("scheduling:accept_region", kwargs={"slug": "gnm-demo", "region": africa.slug})
    response = client.post(url, {"start": chosen.isoformat()})
    assert response.status_code == 302
    session = Session.objects.get(meeting=demo.meeting, kind="regional", region=africa)
    assert session.starts_at == chosen
    assert ProgramChange.objects.filter(session=session, kind="moved").exists()


def test_accepting_creates_the_session_when_the_region_has_none(personas, client):
    region = RegionFactory(name="Oceania")
    rep = personas.facilitator
    rep.represents = region
    rep.time_zone = "Pacific/Auckland"
    rep.save()
    client.force_login(personas.organiser.user)
    start = datetime(2027, 3, 25, 21, 0, tzinfo=UTC)  # 10:00 in Auckland on the 26th
    url = reverse("scheduling:accept_region", kwargs={"slug": "gnm", "region": region.slug})
    client.post(url, {"start": start.isoformat()})
    session = Session.objects.get(region=region)
    assert session.title == "Regional nodes session: Oceania"
    assert list(session.roles.values_list("participant__name", flat=True)) == [rep.name]


@pytest.mark.parametrize("value", ["", "tomorrow", "2027-03-26T08:00:00", "2027-13-40T99:00+00:00"])
def test_a_bad_start_is_explained_and_changes_nothing(demo, client, value):
    client = organiser_client(client)
    africa = Region.objects.get(name="Africa")
    before = Session.objects.get(meeting=demo.meeting, region=africa).starts_at
    url = reverse("scheduling:accept_region", kwargs={"slug": "gnm-demo", "region": africa.slug})
    response = client.post(url, {"start": value}, follow=True)
    assert response.status_code == 200
    assert Session.objects.get(meeting=demo.meeting, region=africa).starts_at == before
    assert 'class="error"' in response.content.decode() or "messages" in response.content.decode()


def test_the_session_planner_moves_a_plenary_to_a_better_hour(demo, client):
    client = organiser_client(client)
    session = Session.objects.get(meeting=demo.meeting, title__startswith="Opening plenary")
    page = client.get(reverse("scheduling:plan_session", kwargs={"slug": "gnm-demo", "pk": session.pk}))
    assert page.status_code == 200
    assert "Everyone" in page.content.decode()
    new_start = datetime(2027, 3, 25, 12, 0, tzinfo=UTC)
    client.post(
        reverse("scheduling:move_session", kwargs={"slug": "gnm-demo", "pk": session.pk}),
        {"start": new_start.isoformat()},
    )
    session.refresh_from_db()
    assert session.starts_at == new_start
    assert session.ends_at - session.starts_at == (session.ends_at - session.starts_at)


def test_heat_map_rows_follow_the_viewers_zone(personas):
    SessionFactory(meeting=personas.meeting)
    scores = planning.rank_for(
        personas.meeting, planning.meeting_participants(personas.meeting), planning.REGIONAL_DURATION
    )
    (everyone,) = planning.heat_maps(personas.meeting, scores, ZoneInfo("Asia/Kathmandu"))
    first_day = everyone.rows[0]
    # 09:00 in Kathmandu on 25 March is 04:15 UTC, 05:15 in Copenhagen: the personas work 09-17 there.
    nine = first_day.cells[9]
    assert nine.start == datetime(2027, 3, 25, 3, 15, tzinfo=UTC)
    assert nine.comfortable == 0
    fifteen = first_day.cells[15]  # 10:15 in Copenhagen: working hours
    assert fifteen.comfortable == fifteen.total == 4


def test_the_region_page_shows_each_representatives_own_hour(demo, client):
    client = organiser_client(client)
    client.cookies["convener_tz"] = "Europe/Copenhagen"
    oceania = Region.objects.get(name="Oceania")
    rep = Participant.objects.get(represents=oceania)
    plan = planning.region_plan(demo.meeting, oceania)
    own = plan.best.start.astimezone(ZoneInfo(rep.time_zone)).strftime("%a %H:%M")
    html = client.get(reverse("scheduling:plan_region", kwargs={"slug": "gnm-demo", "region": oceania.slug})).content
    text = re.sub(r"<[^>]+>", "", html.decode())  # the hour is a <time> labelled with the rep's zone
    assert f"{rep.name}: {own} " in text


def test_proposed_slots_are_real_choices_an_hour_apart(demo):
    plan = planning.region_plan(demo.meeting, Region.objects.get(name="Asia"), top=5)
    starts = sorted(score.start for score in plan.slots)
    assert all(b - a >= timedelta(hours=1) for a, b in zip(starts, starts[1:], strict=False))


def test_an_equally_good_current_time_is_proposed_first(personas):
    region = RegionFactory(name="Europe")
    Participant.objects.filter(pk=personas.facilitator.pk).update(represents=region)
    Participant.objects.filter(meeting=personas.meeting).update(time_zone="Europe/Copenhagen")
    personas.participant.node.region = region
    personas.participant.node.save()
    current = datetime(2027, 3, 25, 10, 0, tzinfo=UTC)  # 11:00 in Copenhagen: working hours for everyone
    SessionFactory(meeting=personas.meeting, kind="regional", region=region, starts_at=current)
    plan = planning.region_plan(personas.meeting, region)
    assert plan.best.start == current
    assert plan.slots[1].cost == plan.best.cost  # others were as good; the current one leads


def test_the_session_planner_finds_three_runs_that_leave_nobody_at_night(demo, client):
    client = organiser_client(client)
    session = Session.objects.get(meeting=demo.meeting, title__startswith="Closing plenary")
    url = reverse("scheduling:plan_session", kwargs={"slug": "gnm-demo", "pk": session.pk})
    html = client.get(url, {"repeats": "3"}).content.decode()
    runs = html.split('<ol class="runs">')[1].split("</ol>")[0]
    assert runs.count("<li>") == 3
    assert "0 night" in html.split("Everyone at their best run:")[1][:400]


@pytest.mark.parametrize("value", ["1", "9", "x"])
def test_a_bad_number_of_runs_is_explained(demo, client, value):
    client = organiser_client(client)
    session = Session.objects.get(meeting=demo.meeting, title__startswith="Closing plenary")
    url = reverse("scheduling:plan_session", kwargs={"slug": "gnm-demo", "pk": session.pk})
    response = client.get(url, {"repeats": value})
    assert response.status_code == 200
    assert "Choose 2, 3 or 4 runs." in response.content.decode()


FAR_STARTS = ["9999-12-31T23:30:00+00:00", "0001-01-01T00:00:00+14:00", "2019-03-26T08:00:00+00:00"]


@pytest.mark.parametrize("value", FAR_STARTS)
def test_a_far_off_start_is_refused_with_the_meetings_range_when_accepting(personas, client, value):
    region = RegionFactory(name="Oceania")
    personas.facilitator.represents = region
    personas.facilitator.save()
    client.force_login(personas.organiser.user)
    url = reverse("scheduling:accept_region", kwargs={"slug": "gnm", "region": region.slug})
    response = client.post(url, {"start": value}, follow=True)
    assert response.status_code == 200
    assert not Session.objects.filter(region=region).exists()
    assert "must fall between 25 Mar 2026 and 31 Mar 2032 (UTC)" in response.content.decode()


@pytest.mark.parametrize("value", FAR_STARTS)
def test_a_far_off_start_is_refused_with_the_meetings_range_when_moving(personas, client, value):
    session = SessionFactory(meeting=personas.meeting)
    before = (session.starts_at, session.ends_at)
    client.force_login(personas.organiser.user)
    url = reverse("scheduling:move_session", kwargs={"slug": "gnm", "pk": session.pk})
    response = client.post(url, {"start": value}, follow=True)
    assert response.status_code == 200
    session.refresh_from_db()
    assert (session.starts_at, session.ends_at) == before
    assert "must fall between 25 Mar 2026 and 31 Mar 2032 (UTC)" in response.content.decode()
    assert not ProgramChange.objects.filter(session=session, kind="moved").exists()


def test_the_move_service_refuses_a_start_the_session_could_not_end_after(personas):
    from django.core.exceptions import ValidationError

    from convener.scheduling import services

    session = SessionFactory(meeting=personas.meeting)
    with pytest.raises(ValidationError, match="must fall between"):
        services.session_move(session=session, starts_at=datetime(9999, 12, 31, 23, 30, tzinfo=UTC))
