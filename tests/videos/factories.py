from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from convener.videos import services

UTC = ZoneInfo("UTC")
RELEASED = datetime(2027, 3, 18, 8, tzinfo=UTC)


def presentation(
    personas,
    *,
    title="Data pipelines in 6 minutes",
    release_at=RELEASED,
    upload=None,
    video_url="https://vimeo.com/565518171/1f3018b8de",
    duration_seconds=360,
    **fields,
):
    kwargs = (
        {"video_url": "", "video_file": upload}
        if upload is not None
        else {"video_url": video_url, "duration_seconds": duration_seconds}
    )
    return services.presentation_save(
        meeting=personas.meeting,
        by=personas.organiser,
        title=title,
        presenters=fields.pop("presenters", [personas.facilitator]),
        release_at=release_at,
        **kwargs,
        **fields,
    )
