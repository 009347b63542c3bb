"""The demo meeting's videos: the panels' pre-recorded presentations and a demo group's recording.

Called by ``convener.demo`` once the program exists. Each panel, live Q&A and
thematic session gets the presentations its preparation text names, as Vimeo
or YouTube links with stated durations of at most 7 minutes, released from 18
March 2027 (the last theme's from 22 March). The live demo session that
already has a recording link gets that recording with one chapter per demo.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from convener.people.models import Participant
from convener.program.models import Meeting, Session
from convener.videos import services
from convener.videos.models import Licence

PREPARE_FROM = datetime(2027, 3, 18, 9, tzinfo=ZoneInfo("Europe/Copenhagen"))
LATE_RELEASE = datetime(2027, 3, 22, 9, tzinfo=ZoneInfo("Europe/Copenhagen"))
LANGUAGES = ["en", "en", "es", "en", "fr", "en", "pt"]
LICENCES = [Licence.CC_BY, Licence.CC_BY, Licence.CC_BY_SA, Licence.CC_BY_NC, Licence.CC_BY]
WITH_VIDEOS = {Session.Kind.PANEL, Session.Kind.LIVE_QA, Session.Kind.THEMATIC}


def _link(number: int) -> str:
    """Made-up links in the three shapes organisers paste: Vimeo, Vimeo private (with a hash), YouTube."""
    if number % 3 == 0:
        return f"https://vimeo.com/{565500000 + number}"
    if number % 3 == 1:
        return f"https://vimeo.com/{565500000 + number}/{(0x1F3018B8DE + number * 7919):x}"
    return f"https://youtu.be/demoTalk{number:03d}"


def add_videos(*, meeting: Meeting, organiser: Participant, talks: dict[str, Participant], recording_url: str) -> int:
    """Create the demo's presentations and recording; returns how many presentations."""
    sessions = (
        Session.objects.filter(meeting=meeting, kind__in=WITH_VIDEOS).select_related("theme").order_by("starts_at")
    )
    number = 0
    for session in sessions:
        for title, presenter in talks.items():
            if f"- {title} — " not in session.preparation:
                continue
            late = session.theme is not None and session.theme.name.startswith("Theme 4")
            services.presentation_save(
                meeting=meeting,
                by=organiser,
                title=title,
                presenters=[presenter],
                theme=session.theme,
                sessions=[session],
                video_url=_link(number),
                duration_seconds=4 * 60 + (number * 37) % 180,
                language=LANGUAGES[number % len(LANGUAGES)],
                licence=LICENCES[number % len(LICENCES)],
                release_at=LATE_RELEASE if late else PREPARE_FROM,
                description=f"A short pre-recorded presentation for “{session.title}”. Watch it before the "
                "live session and bring your questions.",
            )
            number += 1
    recorded = Session.objects.filter(meeting=meeting, kind=Session.Kind.DEMO).exclude(recording_url="").first()
    if recorded is not None:
        demos = [line[2:].split(" — ")[0] for line in recorded.preparation.splitlines() if line.startswith("- ")]
        chapters = [(0, "Welcome and how the demos run")]
        chapters += [(180 + index * 1080, title) for index, title in enumerate(demos)]
        chapters.append((3300, "Questions and wrap-up"))
        services.recording_attach(
            session=recorded,
            by=organiser,
            video_url=recorded.recording_url,
            duration_seconds=58 * 60,
            chapters=chapters,
            licence=Licence.CC_BY,
            description="The recording of the live demos, one chapter per demo.",
        )
    return number
