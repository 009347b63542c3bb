"""Presentations, their release time and the duration limit; watching; recordings in the program."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from convener.program.models import ProgramChange
from convener.videos import selectors, services
from convener.videos.models import Presentation, Recording, VideoPolicy
from tests.factories import SessionFactory
from tests.videos import clips
from tests.videos.factories import presentation

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


def test_a_presentation_released_tomorrow_is_invisible_today_and_visible_tomorrow(personas, client):
    today = datetime(2027, 3, 20, 12, tzinfo=UTC)
    data = clips.webm(60)
    with time_machine.travel(today, tick=False) as traveller:
        talk = presentation(
            personas,
            title="The registry of collections",
            release_at=today + timedelta(days=1),
            upload=clips.upload(data),
        )
        page = f"/m/gnm/library/presentations/{talk.pk}/"
        video = f"/m/gnm/library/presentations/{talk.pk}/video"
        client.force_login(personas.participant.user)
        assert selectors.presentation_state(talk, personas.participant, datetime.now(UTC)) == selectors.UPCOMING
        body = client.get(page).content.decode()
        assert "The registry of collections" in body and "Will be released on" in body
        assert video not in body and "Facilitator" not in body  # no player, no presenter
        assert client.get(video).status_code == 404
        assert client.get("/m/gnm/library/").content.decode().count("The registry of collections") == 0
        organiser = personas.client_for(personas.organiser)
        assert video in organiser.get(page).content.decode()  # organisers see everything before the release

        traveller.move_to(today + timedelta(days=1, minutes=1))
        assert selectors.presentation_state(talk, personas.participant, datetime.now(UTC)) == selectors.FULL
        assert video in client.get(page).content.decode()
        response = client.get(video)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == data
        assert "The registry of collections" in client.get("/m/gnm/library/").content.decode()


def test_presenters_see_their_own_presentation_before_its_release(personas):
    talk = presentation(personas, release_at=datetime(2027, 6, 1, tzinfo=UTC), presenters=[personas.guest])
    now = datetime.now(UTC)
    assert selectors.presentation_state(talk, personas.guest, now) == selectors.FULL
    assert selectors.presentation_state(talk, personas.participant, now) == selectors.UPCOMING


def test_released_presentations_are_for_members_until_the_library_opens_after_the_meeting(personas):
    talk = presentation(personas)
    now = datetime.now(UTC)
    assert selectors.presentation_state(talk, personas.participant, now) == selectors.FULL
    assert selectors.presentation_state(talk, personas.guest, now) == selectors.MEMBERS
    assert selectors.presentation_state(talk, None, now) == selectors.MEMBERS
    after = datetime(2027, 4, 1, tzinfo=ZoneInfo("Europe/Copenhagen"))  # the meeting ends on 31 March
    assert selectors.presentation_state(talk, None, after) == selectors.FULL
    assert selectors.presentation_state(talk, None, after - timedelta(seconds=1)) == selectors.MEMBERS


def test_an_8_minute_upload_to_a_7_minute_meeting_is_refused_with_a_clear_message(personas):
    with pytest.raises(ValidationError) as refused:
        presentation(personas, upload=clips.upload(clips.webm(8 * 60)))
    assert refused.value.message_dict["video_file"] == [
        f"This video lasts 8 min; presentations for {personas.meeting.name} may last at most 7 minutes. "
        "Shorten it and try again."
    ]
    assert not Presentation.objects.exists()


def test_the_duration_is_read_from_the_file_not_trusted_from_the_form(personas):
    talk = presentation(personas, upload=clips.upload(clips.mp4(7 * 60), "talk.mp4", "video/mp4"), duration_seconds=10)
    assert (talk.duration_seconds, talk.content_type) == (420, "video/mp4")


def test_a_linked_video_takes_the_stated_duration_and_the_limit_applies(personas):
    assert presentation(personas, duration_seconds=7 * 60).duration_seconds == 420
    with pytest.raises(ValidationError) as refused:
        presentation(personas, title="Too long", duration_seconds=7 * 60 + 1)
    assert "may last at most 7 minutes" in refused.value.message_dict["duration"][0]
    with pytest.raises(ValidationError) as missing:
        presentation(personas, title="No duration", duration_seconds=None)
    assert "State how long" in missing.value.message_dict["duration"][0]


def test_the_meeting_limit_can_be_raised(personas):
    services.policy_update(meeting=personas.meeting, by=personas.organiser, max_minutes=10, max_upload_mb=50)
    assert presentation(personas, upload=clips.upload(clips.webm(8 * 60))).duration_seconds == 480
    with pytest.raises(ValidationError) as refused:
        services.policy_update(meeting=personas.meeting, by=personas.organiser, max_minutes=7, max_upload_mb=50)
    assert "longer than 7 minutes" in refused.value.message_dict["max_minutes"][0]
    assert VideoPolicy.objects.get().max_minutes == 10


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("talk.avi", clips.webm(5), "MP4 or WebM"),
        ("talk.mp4", clips.webm(5), "not a MP4 video inside"),
        ("talk.webm", b"not a video at all" * 100, "cannot be read as a video"),
    ],
)
def test_only_real_mp4_and_webm_videos_are_accepted(personas, name, data, message):
    with pytest.raises(ValidationError) as refused:
        presentation(personas, upload=clips.upload(data, name))
    assert message in refused.value.message_dict["video_file"][0]


def test_a_file_larger_than_the_meetings_limit_is_refused(personas):
    VideoPolicy.objects.create(meeting=personas.meeting, max_upload_mb=1)
    big = clips.upload(clips.webm(5) + b"\0" * (1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        presentation(personas, upload=big)
    assert "accepts at most 1 MB" in refused.value.message_dict["video_file"][0]


def test_captions_must_be_webvtt_and_slides_a_pdf(personas):
    with pytest.raises(ValidationError) as captions:
        presentation(personas, captions=SimpleUploadedFile("c.vtt", b"1\n00:00:00,000 --> 00:00:01,000\nHi\n"))
    assert "first line must be WEBVTT" in captions.value.message_dict["captions"][0]
    with pytest.raises(ValidationError) as slides:
        presentation(personas, slides=SimpleUploadedFile("s.pdf", b"<html>"))
    assert "not a PDF" in slides.value.message_dict["slides"][0]
    talk = presentation(
        personas, captions=SimpleUploadedFile("c.vtt", clips.VTT), slides=SimpleUploadedFile("s.pdf", clips.PDF)
    )
    with talk.captions.open("rb") as captions_file:
        assert captions_file.read() == clips.VTT
    assert talk.slides.name.endswith(".pdf")


def test_only_organisers_add_presentations(personas):
    with pytest.raises(PermissionDenied):
        services.presentation_save(
            meeting=personas.meeting,
            by=personas.participant,
            title="x",
            presenters=[personas.participant],
            release_at=datetime.now(UTC),
            video_url="https://youtu.be/dQw4w9WgXcQ",
            duration_seconds=60,
        )


def test_presenters_and_sessions_must_belong_to_the_meeting(personas):
    other = SessionFactory()
    with pytest.raises(ValidationError) as refused:
        presentation(personas, sessions=[other])
    assert refused.value.message_dict["sessions"] == ["Every session must be in this meeting."]


def test_the_player_marks_a_presentation_watched_at_90_percent(personas):
    talk = presentation(personas, duration_seconds=100)
    now = datetime.now(UTC)
    watch = services.watch_progress(participant=personas.participant, presentation=talk, seconds=50, now=now)
    assert (watch.seconds, watch.watched) == (50, False)
    watch = services.watch_progress(participant=personas.participant, presentation=talk, seconds=10, now=now)
    assert watch.seconds == 50  # never goes back
    watch = services.watch_progress(participant=personas.participant, presentation=talk, seconds=90, now=now)
    assert watch.watched is True


def test_nobody_marks_a_presentation_watched_before_its_release(personas):
    talk = presentation(personas, release_at=datetime(2027, 3, 22, tzinfo=UTC))
    with pytest.raises(ValidationError) as refused:
        services.watch_set(participant=personas.participant, presentation=talk, watched=True, now=datetime.now(UTC))
    assert "released on 22 Mar 2027" in refused.value.messages[0]


def test_watch_ahead_totals_minutes_and_counts_watchers_for_facilitators(personas):
    session = SessionFactory(meeting=personas.meeting, kind="panel")
    first = presentation(personas, title="A", duration_seconds=6 * 60 + 30, sessions=[session])
    presentation(personas, title="B", duration_seconds=5 * 60, sessions=[session])
    presentation(
        personas, title="C", duration_seconds=5 * 60, sessions=[session], release_at=datetime(2027, 3, 24, tzinfo=UTC)
    )
    now = datetime.now(UTC)
    services.watch_set(participant=personas.participant, presentation=first, watched=True, now=now)
    mine = selectors.watch_ahead(session=session, participant=personas.participant, now=now)
    assert (mine.total_minutes, mine.watched_minutes, mine.upcoming, mine.registered) == (12, 7, 1, None)
    ahead = selectors.watch_ahead(session=session, participant=personas.facilitator, now=now)
    assert ahead.registered == 3  # organiser, facilitator, participant: not the guest
    assert [item.watched_by for item in ahead.items] == [1, 0, 0]
    assert ahead.watched_all == 0


def test_attaching_a_recording_announces_it_in_the_program_and_its_feed(personas, client):
    session = SessionFactory(meeting=personas.meeting, kind="game_show", title="Nodes vs. helpdesk")
    chapters = services.parse_chapters("0:00 Welcome\n4:30 Question 1: occurrence filters\n12:05 Question 2")
    recording = services.recording_attach(
        session=session,
        by=personas.organiser,
        video_file=clips.upload(clips.webm(15 * 60)),
        chapters=chapters,
        absolute_url=lambda path: f"https://meeting.example.org{path}",
    )
    session.refresh_from_db()
    assert session.recording_url == f"https://meeting.example.org/m/gnm/library/recordings/{recording.pk}/"
    change = ProgramChange.objects.get(kind=ProgramChange.Kind.RECORDING)
    assert (change.session, change.title) == (session, "Recording: Nodes vs. helpdesk")
    assert [c.title for c in recording.chapters.all()] == ["Welcome", "Question 1: occurrence filters", "Question 2"]
    feed = client.get("/m/gnm/changes.atom").content.decode()
    assert "Recording: Nodes vs. helpdesk" in feed
    page = personas.client_for(personas.participant).get(f"/m/gnm/sessions/{session.pk}/").content.decode()
    assert f"/m/gnm/library/recordings/{recording.pk}/video" in page and "Question 1: occurrence filters" in page
    # Re-attaching with new chapters does not announce it twice.
    services.recording_attach(
        session=session,
        by=personas.organiser,
        chapters=chapters[:1],
        absolute_url=lambda path: f"https://meeting.example.org{path}",
    )
    assert ProgramChange.objects.filter(kind=ProgramChange.Kind.RECORDING).count() == 1
    assert Recording.objects.get().chapters.count() == 1


def test_a_linked_recording_becomes_the_sessions_recording_link(personas):
    session = SessionFactory(meeting=personas.meeting)
    services.recording_attach(
        session=session,
        by=personas.organiser,
        video_url="https://vimeo.com/565518171/1f3018b8de",
        duration_seconds=3600,
    )
    session.refresh_from_db()
    assert session.recording_url == "https://vimeo.com/565518171/1f3018b8de"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("4:30", "give the chapter a title"),
        ("4.30 Question", "start it with a time"),
        ("0:00 A\n0:00 B", "already the start of line 1"),
        ("1:75 Late", "start it with a time"),
    ],
)
def test_chapters_that_cannot_be_read_name_their_line(text, message):
    with pytest.raises(ValidationError) as refused:
        services.parse_chapters(text)
    assert message in " ".join(refused.value.message_dict["chapters"])


def test_a_chapter_after_the_end_is_refused(personas):
    session = SessionFactory(meeting=personas.meeting)
    with pytest.raises(ValidationError) as refused:
        services.recording_attach(
            session=session,
            by=personas.organiser,
            video_url="https://youtu.be/dQw4w9WgXcQ",
            duration_seconds=600,
            chapters=[(0, "Start"), (700, "After the end")],
        )
    assert "start after it ends: 11:40 After the end" in refused.value.message_dict["chapters"][0]
    assert not Recording.objects.exists()
    session.refresh_from_db()
    assert session.recording_url == ""
