"""The demo meeting: what an organiser trying convener sees in it."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime
from datetime import time as clock
from itertools import combinations
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.conf import global_settings
from django.contrib.auth import authenticate, get_user_model
from django.db import transaction

from convener import demo
from convener.demo import build_demo
from convener.people.models import Node, Participant, Region
from convener.program.models import ProgramChange, Session, SessionRole

pytestmark = pytest.mark.django_db

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


@pytest.fixture
def fast_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def result(fast_hashing):
    return build_demo(seed=2021)


def sessions(result):
    return list(
        Session.objects.filter(meeting=result.meeting)
        .select_related("theme", "region")
        .prefetch_related("roles__participant")
    )


def test_meeting_spans_five_weekdays_across_the_dst_change(result):
    meeting = result.meeting
    assert (meeting.name, meeting.slug, meeting.time_zone) == (
        "Global Nodes Meeting 2027 (demo)",
        "gnm-demo",
        "Europe/Copenhagen",
    )
    assert (meeting.start_date, meeting.end_date) == (date(2027, 3, 25), date(2027, 3, 31))
    days = {s.starts_at.astimezone(COPENHAGEN).date() for s in sessions(result)}
    assert days == {date(2027, 3, d) for d in (25, 26, 29, 30, 31)}


def test_every_kind_of_session_is_in_the_program(result):
    program = sessions(result)
    kinds = Counter(s.kind for s in program)
    assert set(kinds) == set(Session.Kind.values)
    assert {s.theme.name.split(":")[0] for s in program if s.kind == Session.Kind.PANEL} == {"Theme 1", "Theme 2"}
    assert {s.theme.name.split(":")[0] for s in program if s.kind == Session.Kind.LIVE_QA} == {"Theme 3", "Theme 4"}
    regional = [s for s in program if s.kind == Session.Kind.REGIONAL]
    assert sorted(s.region.name for s in regional) == sorted(Region.objects.values_list("name", flat=True))
    assert kinds[Session.Kind.PLENARY] == 2  # opening and closing
    assert kinds[Session.Kind.DEMO] == 3
    for session in program:
        assert session.goal and session.format, session.title
        assert session.roles.all(), f"{session.title} has nobody leading it"


def test_network_has_six_regions_about_sixty_nodes_and_150_people(result):
    assert sorted(Region.objects.values_list("name", flat=True)) == [
        "Africa",
        "Asia",
        "Europe and Central Asia",
        "Latin America and the Caribbean",
        "North America",
        "Oceania",
    ]
    assert 55 <= Node.objects.count() <= 65
    assert Node.objects.filter(kind=Node.Kind.SECRETARIAT).count() == 1
    assert Node.objects.filter(kind=Node.Kind.ORGANISATIONAL).count() >= 3
    for node in Node.objects.filter(kind=Node.Kind.NATIONAL):
        assert node.country, node.name  # national nodes carry their ISO country code
        assert node.name.startswith("GBIF ")
    assert all(region.nodes.exists() for region in Region.objects.all())

    people = Participant.objects.filter(meeting=result.meeting).select_related("user")
    assert 140 <= people.count() <= 160
    assert result.counts["participants"] == people.count()
    roles = Counter(p.role for p in people)
    assert roles[Participant.Role.ORGANISER] == 3
    assert roles[Participant.Role.GUEST] == 2
    assert 6 <= roles[Participant.Role.FACILITATOR] <= 10
    assert 12 <= roles[Participant.Role.PRESENTER] <= 18
    emails = [p.user.email for p in people]
    assert len(set(emails)) == len(emails)
    generated = [e for e in emails if e.endswith("@nodes.example.org")]
    assert len(generated) >= len(emails) - 3
    assert all(e.isascii() and e.count(".") >= 2 for e in generated)
    for person in people:
        person.full_clean(exclude=["user", "meeting", "node"])  # zone and languages are valid


def test_people_live_in_the_zones_of_their_nodes_region(result):
    offsets_by_region: dict[str, set[float]] = {}
    people = Participant.objects.filter(meeting=result.meeting, node__isnull=False)
    for person in people.select_related("node__region"):
        noon = datetime(2027, 3, 29, 12, tzinfo=UTC).astimezone(ZoneInfo(person.time_zone))
        hours = noon.utcoffset().total_seconds() / 3600
        offsets_by_region.setdefault(person.node.region.name, set()).add(hours)
    assert max(offsets_by_region["Oceania"]) >= 8
    assert max(offsets_by_region["North America"]) < -2
    assert max(offsets_by_region["Latin America and the Caribbean"]) < 0
    assert min(offsets_by_region["Asia"]) >= 5


def test_no_facilitator_or_moderator_is_booked_on_overlapping_sessions(result):
    booked: dict[int, list[Session]] = {}
    roles = SessionRole.objects.filter(session__meeting=result.meeting).select_related("session")
    for role in roles:
        booked.setdefault(role.participant_id, []).append(role.session)
    assert len(booked) >= 8
    for person_sessions in booked.values():
        for a, b in combinations(person_sessions, 2):
            assert not (a.starts_at < b.ends_at and b.starts_at < a.ends_at), (a.title, b.title)


def test_regional_sessions_are_at_daytime_hours_for_their_region(result):
    regional = [s for s in sessions(result) if s.kind == Session.Kind.REGIONAL]
    assert len(regional) == 6
    for session in regional:
        zones = Counter(
            Participant.objects.filter(meeting=result.meeting, node__region=session.region).values_list(
                "time_zone", flat=True
            )
        )
        main_zone = zones.most_common(1)[0][0]
        # The main zone, and in fact every zone the region's people are in.
        for zone in [main_zone, *zones]:
            start = session.starts_at.astimezone(ZoneInfo(zone))
            end = session.ends_at.astimezone(ZoneInfo(zone))
            assert clock(7) <= start.time() and end.time() <= clock(21), (session.title, zone)
            assert start.date() == end.date()


def test_the_sessions_browser_tests_rely_on_are_at_the_stated_instants(result):
    icebreaker = Session.objects.get(meeting=result.meeting, title="Icebreaker virtual networking activity")
    assert icebreaker.kind == Session.Kind.ICEBREAKER
    assert icebreaker.starts_at == datetime(2027, 3, 25, 13, 0, tzinfo=UTC)
    qa = Session.objects.get(meeting=result.meeting, title="Theme 3: Product development and tools — live Q&A")
    assert qa.kind == Session.Kind.LIVE_QA
    assert qa.starts_at == datetime(2027, 3, 29, 12, 0, tzinfo=UTC)
    # Both at 14:00 in Copenhagen: the hour in UTC moved with summer time.
    for session in (icebreaker, qa):
        assert session.starts_at.astimezone(COPENHAGEN).time() == clock(14)


def test_join_links_are_unguessable_jitsi_rooms_and_one_recording_is_in_the_feed(result):
    links = [s.join_link for s in sessions(result)]
    assert all(link.startswith("https://meet.jit.si/gnm-demo-") for link in links)
    assert all(len(link) - len("https://meet.jit.si/gnm-demo-") >= 16 for link in links)
    assert len(set(links)) == len(links)
    recorded = Session.objects.filter(meeting=result.meeting).exclude(recording_url="")
    assert recorded.count() == 1
    change = ProgramChange.objects.get(meeting=result.meeting, kind=ProgramChange.Kind.RECORDING)
    assert change.session == recorded.get()
    added = ProgramChange.objects.filter(meeting=result.meeting, kind=ProgramChange.Kind.ADDED)
    assert added.count() == len(links)


def test_the_three_sign_in_accounts_work_with_the_returned_passwords(result, client):
    emails = [login.email for login in result.logins]
    assert emails == ["organiser@example.org", "participant@example.org", "guest@example.org"]
    User = get_user_model()  # noqa: N806
    for email, password in result.logins:
        assert len(password) >= 12
        user = authenticate(username=email, password=password)
        assert user is not None and user.email == email
        assert authenticate(username=email, password=password + "x") is None
        address = EmailAddress.objects.get(user=user)
        assert (address.email, address.verified, address.primary) == (email, True, True)
    organiser = User.objects.get(email="organiser@example.org")
    assert organiser.is_staff and organiser.is_superuser
    roles = {p.user.email: p for p in Participant.objects.filter(user__email__in=emails).select_related("user", "node")}
    assert roles["organiser@example.org"].role == Participant.Role.ORGANISER
    assert roles["participant@example.org"].role == Participant.Role.PARTICIPANT
    assert roles["participant@example.org"].node is not None
    assert roles["guest@example.org"].role == Participant.Role.GUEST
    others = User.objects.exclude(email__in=emails)
    assert others.count() >= 140
    assert not any(user.has_usable_password() for user in others)

    response = client.post(
        "/accounts/login/",
        {"login": "participant@example.org", "password": result.logins[1][1]},
        secure=True,
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(roles["participant@example.org"].user_id)


def test_same_seed_gives_the_same_meeting_and_another_seed_another(fast_hashing):
    def snapshot(built):
        meeting = built.meeting
        return (
            sorted(
                Participant.objects.filter(meeting=meeting).values_list(
                    "name", "user__email", "role", "node__name", "time_zone", "languages"
                )
            ),
            list(
                Session.objects.filter(meeting=meeting)
                .order_by("starts_at", "title")
                .values_list("title", "kind", "starts_at", "ends_at", "preparation")
            ),
            sorted(
                SessionRole.objects.filter(session__meeting=meeting).values_list(
                    "session__title", "participant__name", "role"
                )
            ),
        )

    snapshots = []
    for seed in (2021, 2021, 7):
        with transaction.atomic():
            built = build_demo(seed=seed)
            snapshots.append((snapshot(built), built.logins))
            transaction.set_rollback(True)
    (first, first_logins), (second, second_logins), (other, _) = snapshots
    assert first == second
    assert first[0] != other[0]
    assert first_logins != second_logins  # passwords are new on every run


def test_building_twice_is_refused_with_a_clear_message(result):
    with pytest.raises(ValueError, match="already exists"):
        build_demo()


def test_progress_reports_every_step_up_to_the_total(fast_hashing):
    reports = []
    build_demo(progress=lambda label, done, total: reports.append((label, done, total)))
    assert [done for _, done, _ in reports] == list(range(1, len(reports) + 1))
    assert {total for _, _, total in reports} == {len(reports)}
    assert any(label == demo.ICEBREAKER_TITLE for label, _, _ in reports)


def test_with_the_production_hashers_only_the_three_sign_in_accounts_get_a_password(settings):
    # The speed of this build is measured by bench/demo_build.py, not asserted here.
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    result = build_demo()
    User = get_user_model()  # noqa: N806
    hashed = User.objects.filter(password__startswith="pbkdf2_sha256$")
    assert sorted(hashed.values_list("email", flat=True)) == sorted(login.email for login in result.logins)
    others = User.objects.exclude(pk__in=hashed)
    assert others.count() >= 140
    assert not any(user.has_usable_password() for user in others)
    organiser = result.logins[0]
    assert authenticate(username=organiser.email, password=organiser.password).is_superuser


def test_the_demo_has_an_open_poll_answered_by_forty_people(result):
    from convener.availability.models import AvailabilityPoll, PollAnswer

    poll = AvailabilityPoll.objects.get(meeting=result.meeting)
    assert poll.status == AvailabilityPoll.Status.OPEN
    assert poll.options.count() == 4
    assert PollAnswer.objects.filter(option__poll=poll).values("participant").distinct().count() == 40


def test_the_demo_surveys_are_published_for_participants_to_answer(result):
    from convener.surveys.models import Survey

    surveys = Survey.objects.filter(meeting=result.meeting)
    assert surveys.count() == 2 and all(s.published for s in surveys)
