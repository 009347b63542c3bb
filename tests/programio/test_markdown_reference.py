"""The secretariat's published sessions page, imported: what a reader of the page finds in it, written by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.contrib.auth import get_user_model

from convener.people.access import organiser_access_sync
from convener.people.models import Participant
from convener.program.models import ProgramChange, Session, Theme
from convener.programio import exchange, markdown_page
from convener.programio.models import ListedPresentation, UnscheduledSession
from convener.programio.services import unscheduled_place
from tests.factories import MeetingFactory, ParticipantFactory

PANELS = "Panel discussions exploring key themes introduced in pre-recorded presentations"
QA = "Live Q&A session based on pre-recorded presentations"
DEMOS = "Live demos"
JUNE_23 = date(2021, 6, 23)

THEMES = [PANELS, QA, DEMOS]

# (title, kind, theme, goal starts, format starts, people)
SESSIONS = [
    (
        "Icebreaker virtual networking activity",
        "icebreaker",
        None,
        "To encourage informal conversation between nodes",
        "A virtual gathering to create the opportunity for ‘mingling’.",
        [("Mélianie Raymond", "facilitator"), ("Maheva Bagard Laursen", "facilitator")],
    ),
    (
        "Theme 1: The role of nodes in GBIF’s next strategic period",
        "panel",
        PANELS,
        "To explore key themes with panels of experts from the community",
        "Key updates will be available from this page",
        [("Mélianie Raymond", "moderator")],
    ),
    (
        "Theme 2: Exploring future directions for GBIF",
        "panel",
        PANELS,
        "To explore key themes with panels of experts from the community",
        "Key updates will be available from this page",
        [],  # "Panel moderator: tbc"
    ),
    (
        "Theme 3: Product development and tools",
        "live_qa",
        QA,
        "To share updates from nodes and the Secretariat",
        "Key updates will be available from this page",
        [("Maheva Bagard Laursen", "facilitator")],
    ),
    (
        "Theme 4: Content and use",
        "live_qa",
        QA,
        "To share updates from nodes and the Secretariat",
        "Key updates will be available from this page",
        [("Laura Russell", "facilitator")],
    ),
    (
        "Speed dating networking activity",
        "networking",
        None,
        "For nodes to share ideas for collaborative projects",
        "We will use breakout rooms in Zoom",
        # The page spells her name "Bagaard" here: a different name, so a guest of its own to confirm.
        [("Mélianie Raymond", "facilitator"), ("Maheva Bagaard Laursen", "facilitator")],
    ),
    (
        "Group 1 – data mobilization training and guidance on sequence-derived data mobilization",
        "demo",
        DEMOS,
        "For Nodes and Secretariat to show practical demonstrations",
        "These sessions will guide participants through a practical demo",
        [],
    ),
    (
        "Group 2 – tools to support nodes with data mobilization strategies",
        "demo",
        DEMOS,
        "For Nodes and Secretariat to show practical demonstrations",
        "These sessions will guide participants through a practical demo",
        [],
    ),
    (
        "Group 3 – additional node updates and demos",
        "demo",
        DEMOS,
        "For Nodes and Secretariat to show practical demonstrations",
        "These sessions will guide participants through a practical demo",
        [],
    ),
    (
        "Regional nodes sessions",
        "regional",
        None,
        "To continue node-level discussions in regional groups",
        "1.5 hour zoom meetings led by regional representatives",
        [],
    ),
    (
        "Marine data mobilization session",
        "plenary",
        None,
        "To update the community on the collaboration between GBIF and OBIS",
        "A pre-recorded presentation will introduce the collaboration",
        [],
    ),
    (
        "GBIF.org functionality – NODES Vs. HELPDESK",
        "game_show",  # its '"Game show host" facilitator' line says so
        None,
        "To demonstrate some of the lesser known functionalities of GBIF.org",
        "1 hour session where nodes will ‘battle’ Marie Grosjean",
        [("Andrew Rodrigues", "facilitator")],
    ),
    (
        "Evaluation activities",
        "evaluation",
        None,
        "to capture feedback from the nodes on the first virtual global nodes meeting.",
        "Survey and short open floor discussion for closing remarks.",
        [("Mélianie Raymond", "facilitator"), ("Maheva Bagard Laursen", "facilitator")],
    ),
]

# (session, title, video link, released from)
PRESENTATIONS = [
    (
        "Theme 1: The role of nodes in GBIF’s next strategic period",
        "Welcome to the first virtual Global Nodes Meeting – including reflections on the future of the nodes model",
        "",
        JUNE_23,
    ),
    (
        "Theme 1: The role of nodes in GBIF’s next strategic period",
        "The Role of the Nodes in Next GBIF Strategic Plan",
        "https://vimeo.com/565570188/37bd1d694a",
        JUNE_23,
    ),
    (
        "Theme 1: The role of nodes in GBIF’s next strategic period",
        "Developing GBIF Values as a component of the strategic plan",
        "",
        JUNE_23,
    ),
    (
        "Theme 1: The role of nodes in GBIF’s next strategic period",
        "The GBIF resource mobilization strategy and what it means for nodes",
        "",
        JUNE_23,
    ),
    (
        "Theme 1: The role of nodes in GBIF’s next strategic period",
        "Strengthening regional capacity in GBIF – following up on the discussions on regional offices at GB27",
        "",
        JUNE_23,
    ),
    (
        "Theme 2: Exploring future directions for GBIF",
        "Update from the technical collaboration with GBIF and ALA on data pipelines; results, effect for the "
        "Living Atlas community, identifying need for governance of shared software, planning, risks etc.",
        "",
        JUNE_23,
    ),
    (
        "Theme 2: Exploring future directions for GBIF",
        "Looking ahead: GBIF data model (beyond the “star schema”): what, why, how and when (long term planning).",
        "https://vimeo.com/564600741/6218270122",
        JUNE_23,
    ),
    (
        "Theme 2: Exploring future directions for GBIF",
        "GBIF and the Post-2020 Global Biodiversity Framework",
        "https://vimeo.com/564608734/484181b13d",
        JUNE_23,
    ),
    (
        "Theme 2: Exploring future directions for GBIF",
        "Private-sector engagement: guidance materials, and role of nodes",
        "https://vimeo.com/564604996/28e34a2791",
        JUNE_23,
    ),
    (
        "Theme 2: Exploring future directions for GBIF",
        "Increasing the use of GBIF-mediated data through a focus on thematic communities: Focusing on 2021 "
        "themes: Health and DNA",
        "",
        JUNE_23,
    ),
    (
        "Theme 2: Exploring future directions for GBIF",
        "Ambassadors and users: Engaging users at the node level – do you know your users? What do nodes do to "
        "engage their users?",
        "",
        JUNE_23,
    ),
    ("Theme 3: Product development and tools", "Living Atlases Community update", "", JUNE_23),
    ("Theme 3: Product development and tools", "GBIF Hosted portals updates", "", JUNE_23),
    (
        "Theme 3: Product development and tools",
        "Future of the Integrated Publishing Toolkit (IPT)",
        "https://vimeo.com/565518171/1f3018b8de",
        JUNE_23,
    ),
    ("Theme 3: Product development and tools", "GBIF exports available on the cloud", "", JUNE_23),
    (
        "Theme 3: Product development and tools",
        "Regional and national branding and identity – Intro to using GBIF branding, and considerations in "
        "developing national and regional brands and identity for GBIF nodes",
        "",
        JUNE_23,
    ),
    (
        "Theme 4: Content and use",
        "GRSciColl intro video – explaining what it is and why we are working on it",
        "https://vimeo.com/564594528",
        JUNE_23,
    ),
    (
        "Theme 4: Content and use",
        "GBIF Backbone taxonomy: Reminder on how it assembled now and future perspectives for the Catalogue of Life",
        "",
        JUNE_23,
    ),
    (
        "Theme 4: Content and use",
        "Working with issues and flags, including highlighting data blog",
        "https://vimeo.com/565517676/6daab44f1b",
        JUNE_23,
    ),
    ("Theme 4: Content and use", "Sensitive Species Data", "https://vimeo.com/564610096/5da158d4ff", JUNE_23),
    ("Theme 4: Content and use", "Analyzing GBIF downloads from contributed datasets", "", JUNE_23),
    (
        "Group 1 – data mobilization training and guidance on sequence-derived data mobilization",
        "How to teach the GBIF Data Mobilization course on site and online",
        "",
        None,
    ),
    (
        "Group 1 – data mobilization training and guidance on sequence-derived data mobilization",
        "Guide and training materials to support sequence-derived data in GBIF",
        "",
        None,
    ),
    ("Group 2 – tools to support nodes with data mobilization strategies", "How to administer an IPT", "", None),
    (
        "Group 2 – tools to support nodes with data mobilization strategies",
        "How nodes can make use of GrSciColl and contribute",
        "",
        None,
    ),
    (
        "Group 2 – tools to support nodes with data mobilization strategies",
        "GBIF and Github: what is GitHub, how do we use it (product, content, development tracking), how to log "
        "an issue, orientation on the repositories, the portal-feedback “country” issue tag and how nodes could "
        "use that",
        "",
        None,
    ),
]

PEOPLE = ["Andrew Rodrigues", "Laura Russell", "Maheva Bagaard Laursen", "Maheva Bagard Laursen", "Mélianie Raymond"]


def test_the_page_reads_as_its_themes_sessions_people_and_presentations(reference_text):
    doc = markdown_page.parse(reference_text)

    assert doc.title == "Sessions"
    assert doc.description.startswith("Please check back regularly for updates")
    assert [t.name for t in doc.themes] == THEMES
    assert [(s.title, s.kind, s.theme) for s in doc.sessions] == [(t, k, th) for t, k, th, *_ in SESSIONS]
    for session, (_, _, _, goal, format_, people) in zip(doc.sessions, SESSIONS, strict=True):
        assert session.goal.startswith(goal), session.title
        assert session.format.startswith(format_), session.title
        assert [(p.name, p.role) for p in session.people] == people, session.title
        assert session.starts_at is None  # the page states no times: every session waits to be placed
    found = [(s.title, p.title, p.url, p.release_on) for s in doc.sessions for p in s.presentations]
    assert found == PRESENTATIONS
    assert sorted({p.name for s in doc.sessions for p in s.people}) == PEOPLE


def test_text_that_is_not_a_field_is_the_sessions_preparation(reference_text):
    by_title = {s.title: s for s in markdown_page.parse(reference_text).sessions}
    assert by_title["Regional nodes sessions"].preparation == "Content: Agenda to be set by regional representatives."
    assert "Node presenters to be confirmed" in by_title["Group 3 – additional node updates and demos"].preparation
    theme = next(t for t in markdown_page.parse(reference_text).themes if t.name == PANELS)
    assert "Please view the presentations ahead of the live panel discussions" in theme.description


@pytest.mark.django_db
def test_importing_the_page_writes_it_all_unscheduled_with_people_matched_or_listed_as_guests(reference_text):
    meeting = MeetingFactory(start_date=date(2021, 6, 28), end_date=date(2021, 7, 2), time_zone="Europe/Copenhagen")
    # Registered already, spelt without the accent and in capitals: matched, not duplicated.
    melanie = ParticipantFactory(meeting=meeting, name="MELIANIE RAYMOND")

    report = exchange.import_program(meeting=meeting, text=reference_text, format="markdown")

    assert sorted(Theme.objects.filter(meeting=meeting).values_list("name", flat=True)) == sorted(THEMES)
    assert not Session.objects.filter(meeting=meeting).exists()
    pending = list(UnscheduledSession.objects.filter(meeting=meeting).order_by("order"))
    assert [s.title for s in pending] == [s[0] for s in SESSIONS]
    icebreaker = pending[0]
    assert set(icebreaker.facilitators.values_list("name", flat=True)) == {"Maheva Bagard Laursen", "MELIANIE RAYMOND"}
    assert list(pending[1].moderators.all()) == [melanie]
    guests = Participant.objects.filter(meeting=meeting, role=Participant.Role.GUEST)
    assert sorted(guests.values_list("name", flat=True)) == [n for n in PEOPLE if n != "Mélianie Raymond"]
    assert all(not g.user.is_active and not g.user.has_usable_password() for g in guests)
    assert sorted(report.guests_created) == [n for n in PEOPLE if n != "Mélianie Raymond"]
    assert report.people_matched == ["Mélianie Raymond → MELIANIE RAYMOND"]
    listed = ListedPresentation.objects.filter(meeting=meeting).order_by("unscheduled__order", "order")
    assert [(p.unscheduled.title, p.title, p.video_url, p.release_on) for p in listed] == PRESENTATIONS
    assert meeting.description.startswith("Please check back regularly")


@pytest.mark.django_db
def test_the_dry_run_previews_the_same_and_writes_nothing(reference_text):
    meeting = MeetingFactory()

    report = exchange.import_program(meeting=meeting, text=reference_text, format="markdown", dry_run=True)

    assert report.dry_run and len(report.unscheduled) == len(SESSIONS) and len(report.presentations) == 26
    assert sorted(report.themes_created) == sorted(THEMES)
    assert "Dry run: nothing written." in report.lines()[0]
    assert not Theme.objects.filter(meeting=meeting).exists()
    assert not UnscheduledSession.objects.exists() and not ListedPresentation.objects.exists()
    assert not Participant.objects.filter(meeting=meeting).exists()


@pytest.mark.django_db
def test_placing_an_unscheduled_session_makes_it_a_program_session_in_the_change_feed(reference_text):
    meeting = MeetingFactory(start_date=date(2021, 6, 28), end_date=date(2021, 7, 2), time_zone="UTC")
    exchange.import_program(meeting=meeting, text=reference_text, format="markdown")
    pending = UnscheduledSession.objects.get(meeting=meeting, title__startswith="Theme 1")
    session = unscheduled_place(
        unscheduled=pending,
        starts_at=datetime(2021, 6, 29, 13, 0, tzinfo=UTC),
        ends_at=datetime(2021, 6, 29, 14, 30, tzinfo=UTC),
    )

    assert session.theme.name == PANELS and session.kind == "panel"
    assert [(r.participant.name, r.role) for r in session.roles.all()] == [("Mélianie Raymond", "moderator")]
    assert session.listed_presentations.count() == 5
    assert not UnscheduledSession.objects.filter(pk=pending.pk).exists()
    assert ProgramChange.objects.filter(session=session, kind=ProgramChange.Kind.ADDED).exists()


@pytest.mark.django_db
def test_the_admin_lists_an_organisers_unscheduled_sessions_and_no_one_elses(client, reference_text):
    mine, theirs = MeetingFactory(), MeetingFactory()
    exchange.import_program(meeting=mine, text=reference_text, format="markdown")
    exchange.import_program(meeting=theirs, text="## Someone else's session\n", format="markdown")
    organiser = ParticipantFactory(meeting=mine, role=Participant.Role.ORGANISER)
    user = organiser.user
    user.is_staff = True
    user.save()
    organiser_access_sync(user)
    client.force_login(get_user_model().objects.get(pk=user.pk))

    page = client.get("/admin/programio/unscheduledsession/").content.decode()

    assert "Speed dating networking activity" in page and "Someone else" not in page
