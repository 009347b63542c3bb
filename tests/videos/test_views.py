"""The video pages as people use them: the library's filters, forms, marks and who may do what."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from convener.program.models import Theme
from convener.videos import services
from convener.videos.models import Licence, Presentation, Watch
from tests.factories import SessionFactory
from tests.videos import clips
from tests.videos.factories import presentation

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")


def titles(response):
    body = response.content.decode()
    return sorted(p.title for p in Presentation.objects.all() if f">{p.title}</a>" in body)


def test_the_library_filters_by_licence_theme_language_and_kind(personas):
    theme = Theme.objects.create(meeting=personas.meeting, name="Theme 3: tools")
    presentation(personas, title="Open talk", licence=Licence.CC_BY, theme=theme)
    presentation(personas, title="Closed talk", licence=Licence.RESERVED, language="fr")
    presentation(personas, title="Shared-alike talk", licence=Licence.CC_BY_SA, theme=theme)
    client = personas.client_for(personas.participant)
    assert titles(client.get("/m/gnm/library/")) == ["Closed talk", "Open talk", "Shared-alike talk"]
    assert titles(client.get("/m/gnm/library/", {"licence": "CC-BY-4.0"})) == ["Open talk"]
    assert titles(client.get("/m/gnm/library/", {"licence": "all-rights-reserved"})) == ["Closed talk"]
    assert titles(client.get("/m/gnm/library/", {"theme": theme.pk})) == ["Open talk", "Shared-alike talk"]
    assert titles(client.get("/m/gnm/library/", {"language": "fr"})) == ["Closed talk"]
    assert titles(client.get("/m/gnm/library/", {"kind": "recording"})) == []
    bad = client.get("/m/gnm/library/", {"licence": "stolen"})
    assert bad.status_code == 400 and "were not understood" in bad.content.decode()


def test_the_library_lists_recordings_and_is_public_after_the_meeting(personas, client, in_preparation_week):
    session = SessionFactory(meeting=personas.meeting, title="Live demos, group 2")
    recording = services.recording_attach(
        session=session, by=personas.organiser, video_url="https://youtu.be/dQw4w9WgXcQ", duration_seconds=3000
    )
    presentation(personas, title="Open talk")
    assert "Live demos" not in client.get("/m/gnm/library/").content.decode()
    assert "opens to everyone on" in client.get(f"/m/gnm/library/recordings/{recording.pk}/").content.decode()
    in_preparation_week.move_to(datetime(2027, 4, 2, tzinfo=UTC))
    body = client.get("/m/gnm/library/").content.decode()
    assert "Recording: Live demos, group 2" in body and "Open talk" in body
    page = client.get(f"/m/gnm/library/recordings/{recording.pk}/").content.decode()
    assert "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" in page and "Cite as" in page


def test_the_session_page_lists_what_to_watch_with_total_minutes(personas):
    session = SessionFactory(meeting=personas.meeting, kind="panel")
    talk = presentation(personas, title="Pipelines", duration_seconds=400, sessions=[session])
    presentation(personas, title="Data model", duration_seconds=300, sessions=[session])
    presentation(
        personas,
        title="Later talk",
        duration_seconds=300,
        sessions=[session],
        release_at=datetime(2027, 3, 24, 9, tzinfo=UTC),
    )
    services.watch_set(participant=personas.participant, presentation=talk, watched=True, now=datetime.now(UTC))
    page = personas.client_for(personas.participant).get(f"/m/gnm/sessions/{session.pk}/").content.decode()
    assert "Watch before the session" in page
    assert "<strong>12 minutes</strong> in all; 1 not released yet" in page
    assert "You have watched 1 of 2 (7 of 12 min)" in page
    assert "registered participants have watched all" not in page
    facilitator = personas.client_for(personas.facilitator).get(f"/m/gnm/sessions/{session.pk}/").content.decode()
    assert "1 of 3 watched" in facilitator and "0 of 3 registered participants have watched all 3" in facilitator


def test_a_participant_marks_a_presentation_watched_and_can_undo_it(personas):
    talk = presentation(personas)
    client = personas.client_for(personas.participant)
    url = f"/m/gnm/library/presentations/{talk.pk}/watched/"
    assert client.post(url, {"watched": "1"}).status_code == 302
    assert Watch.objects.get().watched is True
    assert "✓ Watched" in client.get(f"/m/gnm/library/presentations/{talk.pk}/").content.decode()
    client.post(url, {"watched": "0"}, headers={"HX-Request": "true"})
    assert Watch.objects.get().watched is False
    assert client.post(url, {"watched": "maybe"}).status_code == 400
    progress = client.post(f"/m/gnm/library/presentations/{talk.pk}/progress/", {"seconds": "359"})
    assert progress.json() == {"seconds": 359, "watched": True}


def test_the_organiser_uploads_through_the_form_and_an_8_minute_video_gets_a_clear_message(personas):
    client = personas.client_for(personas.organiser)
    form = {
        "title": "Too long",
        "presenters": [personas.facilitator.pk],
        "release_at": "2027-03-18 09:00",
        "time_zone": "Europe/Copenhagen",
        "language": "en",
        "licence": "CC-BY-4.0",
    }
    response = client.post("/m/gnm/videos/new/", {**form, "video_file": clips.upload(clips.webm(8 * 60))})
    assert response.status_code == 400
    assert "This video lasts 8 min; presentations for" in response.content.decode()
    assert "may last at most 7 minutes. Shorten it and try again." in response.content.decode()
    assert not Presentation.objects.exists()
    saved = client.post("/m/gnm/videos/new/", {**form, "title": "Fits", "video_file": clips.upload(clips.webm(200))})
    talk = Presentation.objects.get()
    assert saved.status_code == 302 and (talk.title, talk.duration_seconds) == ("Fits", 200)
    assert talk.release_at == datetime(2027, 3, 18, 8, tzinfo=UTC)  # 09:00 in Copenhagen, stored in UTC


def test_only_organisers_reach_the_management_pages(personas):
    talk = presentation(personas)
    session = SessionFactory(meeting=personas.meeting)
    for who in (personas.participant, personas.facilitator, personas.guest):
        client = personas.client_for(who)
        for url in [
            "/m/gnm/videos/",
            "/m/gnm/videos/new/",
            f"/m/gnm/videos/{talk.pk}/edit/",
            f"/m/gnm/sessions/{session.pk}/recording/",
        ]:
            assert client.get(url).status_code == 403, (who, url)
        assert client.post(f"/m/gnm/videos/{talk.pk}/delete/").status_code == 403
    assert Presentation.objects.exists()
    stranger = personas.client_for(personas.stranger).get("/m/gnm/videos/")
    assert stranger.status_code == 302 and "/register/" in stranger["Location"]
    assert personas.client_for(personas.organiser).get("/m/gnm/videos/").status_code == 200


def test_the_manage_page_shows_lengths_against_the_limit_and_watchers(personas, django_assert_max_num_queries):
    for n in range(3):
        presentation(personas, title=f"Talk {n}", duration_seconds=210)
    client = personas.client_for(personas.organiser)
    with django_assert_max_num_queries(20):
        body = client.get("/m/gnm/videos/").content.decode()
    assert body.count("bar-w-50") == 3  # 3.5 of 7 minutes
    assert "0 of 3" in body


def test_user_text_is_escaped_and_markdown_sanitised(personas):
    talk = presentation(personas, title="<script>alert(1)</script>", description="[x](javascript:alert(1)) **ok**")
    body = personas.client_for(personas.participant).get(f"/m/gnm/library/presentations/{talk.pk}/").content.decode()
    assert "<script>alert(1)" not in body and "&lt;script&gt;" in body
    assert 'href="javascript' not in body and "<strong>ok</strong>" in body


def queries_for(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_library_and_the_watch_ahead_list_cost_the_same_queries_for_1_or_3_videos(personas):
    session = SessionFactory(meeting=personas.meeting, kind="panel")
    client = personas.client_for(personas.facilitator)
    presentation(personas, title="Talk 0", sessions=[session], presenters=[personas.facilitator, personas.guest])
    services.recording_attach(
        session=session, by=personas.organiser, video_url="https://youtu.be/dQw4w9WgXcQ", duration_seconds=600
    )
    one = (queries_for(client, "/m/gnm/library/"), queries_for(client, f"/m/gnm/sessions/{session.pk}/"))
    for n in (1, 2):
        presentation(personas, title=f"Talk {n}", sessions=[session], presenters=[personas.participant])
        other = SessionFactory(meeting=personas.meeting, title=f"Other {n}")
        services.recording_attach(
            session=other, by=personas.organiser, video_url="https://youtu.be/dQw4w9WgXcQ", duration_seconds=600
        )
    three = (queries_for(client, "/m/gnm/library/"), queries_for(client, f"/m/gnm/sessions/{session.pk}/"))
    assert one == three


def test_a_release_time_that_does_not_exist_in_its_zone_is_refused(personas):
    client = personas.client_for(personas.organiser)
    response = client.post(
        "/m/gnm/videos/new/",
        {
            "title": "DST",
            "presenters": [personas.facilitator.pk],
            "release_at": "2027-03-28 02:30",
            "time_zone": "Europe/Copenhagen",
            "language": "en",
            "licence": "CC-BY-4.0",
            "video_url": "https://youtu.be/dQw4w9WgXcQ",
            "duration": "5:00",
        },
    )
    assert response.status_code == 400
    assert "does not exist in Europe/Copenhagen" in response.content.decode()
    assert not Presentation.objects.exists()


def visible_text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_a_release_still_to_come_says_when_it_will_be_and_a_past_one_that_it_was(personas, in_preparation_week):
    """It is 20 March: the 24 March talk "will be released"; once that is past, the page says "Released"."""
    session = SessionFactory(meeting=personas.meeting, kind="panel")
    later = presentation(
        personas, title="Later talk", sessions=[session], release_at=datetime(2027, 3, 24, 9, tzinfo=UTC)
    )
    participant = personas.client_for(personas.participant)
    participant.cookies["convener_tz"] = "Europe/Copenhagen"
    session_page = visible_text(participant.get(f"/m/gnm/sessions/{session.pk}/").content.decode())
    assert "Later talk Will be released on Wed 24 Mar at 10:00" in session_page
    assert "Released Wed" not in session_page
    talk_page = visible_text(participant.get(f"/m/gnm/library/presentations/{later.pk}/").content.decode())
    assert "Will be released on Wednesday 24 March 2027 at 10:00 (Europe/Copenhagen)" in talk_page
    organiser = personas.client_for(personas.organiser)
    organiser.cookies["convener_tz"] = "Europe/Copenhagen"
    early = visible_text(organiser.get(f"/m/gnm/library/presentations/{later.pk}/").content.decode())
    assert "participants will see it from Wednesday 24 March 2027, 10:00" in early
    assert "To be released 24 March 2027" in early
    in_preparation_week.move_to(datetime(2027, 3, 25, tzinfo=UTC))
    after = visible_text(organiser.get(f"/m/gnm/library/presentations/{later.pk}/").content.decode())
    assert "Released 24 March 2027" in after and "To be released" not in after


def test_the_library_tells_organisers_they_see_every_video_and_participants_what_is_released(personas):
    presentation(personas, title="Open talk")
    presentation(personas, title="Later talk", release_at=datetime(2027, 3, 24, 9, tzinfo=UTC))
    mine = personas.client_for(personas.participant).get("/m/gnm/library/").content.decode()
    assert "You see what is released so far." in mine and "Later talk" not in mine
    theirs = personas.client_for(personas.organiser).get("/m/gnm/library/").content.decode()
    assert "Later talk" in theirs and "Not released yet" in theirs
    assert "You see what is released so far" not in theirs
    assert "As an organiser you see every video, released or not" in theirs


@pytest.mark.parametrize(
    ("release_at", "zone"),
    [
        ("0001-01-01 00:00", "Europe/Copenhagen"),
        ("0001-01-01 00:00", "Asia/Tokyo"),
        ("9999-12-31 23:59", "Pacific/Pago_Pago"),
        ("9999-12-31 23:59", "UTC"),
        ("2033-01-01 00:00", "Europe/Copenhagen"),
    ],
)
def test_a_far_off_release_time_is_refused_next_to_the_field(personas, release_at, zone):
    client = personas.client_for(personas.organiser)
    response = client.post(
        "/m/gnm/videos/new/",
        {
            "title": "Far",
            "presenters": [personas.facilitator.pk],
            "release_at": release_at,
            "time_zone": zone,
            "language": "en",
            "licence": "CC-BY-4.0",
            "video_url": "https://youtu.be/dQw4w9WgXcQ",
            "duration": "5:00",
        },
    )
    assert response.status_code == 400
    assert "out of range" in response.text or "must fall between 25 Mar 2026 and 31 Mar 2032" in response.text
    assert not Presentation.objects.exists()


def test_the_service_refuses_a_release_outside_the_meetings_range(personas):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        presentation(personas, release_at=datetime(9999, 12, 31, 23, 59, tzinfo=ZoneInfo("UTC")))
    assert "must fall between" in caught.value.message_dict["release_at"][0]
    assert not Presentation.objects.exists()
