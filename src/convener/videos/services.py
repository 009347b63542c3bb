"""Writes for videos: each checks who acts, validates everything, then saves in one transaction.

A presentation's duration comes from the uploaded file itself (PyAV reads the
container); for a Vimeo or YouTube link the organiser states it. Either way a
presentation longer than the meeting's limit is refused. Attaching a session's
recording goes through ``program.services.session_attach_recording``, so the
session page and the program's Atom feed announce it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.urls import reverse

from convener.core import dates
from convener.people.models import Participant
from convener.people.selectors import is_organiser
from convener.program import services as program_services
from convener.program.models import Meeting, Session, Theme
from convener.videos import media, selectors
from convener.videos.models import Chapter, Presentation, Recording, VideoPolicy, Watch, clock

WATCHED_SHARE = 0.9  # the player marks a presentation watched at 90 % of its length


def _require_organiser(by: Participant, meeting: Meeting) -> None:
    if not is_organiser(by) or by.meeting_id != meeting.pk:
        raise PermissionDenied("Only the meeting's organisers manage its videos.")


def _delete_later(field: FieldFile | None) -> None:
    """Remove a replaced or deleted file once the change is committed (never before)."""
    if field:
        storage, name = field.storage, field.name
        transaction.on_commit(lambda: storage.delete(name))


def _duration_words(seconds: int) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"


def _set_video(
    video: Presentation | Recording,
    *,
    video_file: UploadedFile | None,
    video_url: str,
    stated_seconds: int | None,
    max_upload_mb: int,
) -> list[FieldFile]:
    """Put the new video on ``video``; return files it replaces. Raises ValidationError on any problem."""
    replaced: list[FieldFile] = []
    video_url = (video_url or "").strip()
    if video_file and video_url:
        raise ValidationError({"video_url": "Give either a file or a link, not both."})
    if video_file:
        try:
            facts = media.read_video(video_file, max_bytes=max_upload_mb * 1024 * 1024)
        except ValidationError as exc:
            raise ValidationError({"video_file": exc.messages}) from None
        if video.video_file:
            replaced.append(video.video_file)
        video.video_file = video_file
        video.video_url = ""
        video.content_type = facts.content_type
        video.duration_seconds = facts.duration_seconds
    elif video_url:
        if stated_seconds is None or stated_seconds <= 0:
            raise ValidationError({"duration": "State how long the linked video is (minutes:seconds)."})
        if video.video_file:
            replaced.append(video.video_file)
            video.video_file = None
        video.video_url = video_url
        video.content_type = ""
        video.duration_seconds = stated_seconds
    elif not video.video_file and not video.video_url:
        raise ValidationError({"video_file": "Upload the video, or give a Vimeo or YouTube link."})
    elif stated_seconds and video.video_url:
        video.duration_seconds = stated_seconds
    return replaced


def _set_file(
    video: Presentation | Recording,
    name: str,
    upload: UploadedFile | None,
    remove: bool,
    check: Callable[[UploadedFile], None],
) -> list[FieldFile]:
    current: FieldFile = getattr(video, name)
    if upload:
        try:
            check(upload)
        except ValidationError as exc:
            raise ValidationError({name: exc.messages}) from None
        setattr(video, name, upload)
        return [current] if current else []
    if remove and current:
        setattr(video, name, None)
        return [current]
    return []


@transaction.atomic
def presentation_save(
    *,
    meeting: Meeting,
    by: Participant,
    presentation: Presentation | None = None,
    title: str,
    presenters: list[Participant],
    release_at: datetime,
    description: str = "",
    theme: Theme | None = None,
    sessions: list[Session] | None = None,
    video_file: UploadedFile | None = None,
    video_url: str = "",
    duration_seconds: int | None = None,
    language: str = "en",
    licence: str = "CC-BY-4.0",
    captions: UploadedFile | None = None,
    slides: UploadedFile | None = None,
    remove_captions: bool = False,
    remove_slides: bool = False,
) -> Presentation:
    """Create a presentation, or change ``presentation``; the duration limit is enforced either way."""
    _require_organiser(by, meeting)
    if presentation is not None and presentation.meeting_id != meeting.pk:
        raise ValidationError("This presentation belongs to another meeting.")
    sessions = sessions or []
    errors: dict[str, list[str]] = {}
    if not presenters:
        errors["presenters"] = ["Name at least one presenter."]
    elif any(p.meeting_id != meeting.pk for p in presenters):
        errors["presenters"] = ["Every presenter must be registered for this meeting."]
    if theme is not None and theme.meeting_id != meeting.pk:
        errors["theme"] = ["This theme belongs to another meeting."]
    if any(s.meeting_id != meeting.pk for s in sessions):
        errors["sessions"] = ["Every session must be in this meeting."]
    try:
        release_at = dates.check_in_window(release_at, meeting, what="The release time")
    except ValidationError as exc:
        errors["release_at"] = exc.messages
    if errors:
        raise ValidationError(errors)

    policy = selectors.policy_for(meeting)
    target = presentation or Presentation(meeting=meeting)
    replaced = _set_video(
        target,
        video_file=video_file,
        video_url=video_url,
        stated_seconds=duration_seconds,
        max_upload_mb=policy.max_upload_mb,
    )
    limit = policy.max_minutes * 60
    if target.duration_seconds > limit:
        field = "video_file" if target.video_file else "duration"
        raise ValidationError(
            {
                field: (
                    f"This video lasts {_duration_words(target.duration_seconds)}; presentations for {meeting.name} "
                    f"may last at most {policy.max_minutes} minutes. Shorten it and try again."
                )
            }
        )
    replaced += _set_file(target, "captions", captions, remove_captions, media.check_captions)
    replaced += _set_file(target, "slides", slides, remove_slides, media.check_slides)
    target.title = (title or "").strip()
    target.description = description or ""
    target.theme = theme
    target.language = language
    target.licence = licence
    target.release_at = release_at
    target.full_clean()
    target.save()
    target.presenters.set(presenters)
    target.sessions.set(sessions)
    for field_file in replaced:
        _delete_later(field_file)
    return target


@transaction.atomic
def presentation_delete(*, presentation: Presentation, by: Participant) -> None:
    _require_organiser(by, presentation.meeting)
    for field_file in (presentation.video_file, presentation.captions, presentation.slides):
        _delete_later(field_file)
    presentation.delete()


@transaction.atomic
def policy_update(*, meeting: Meeting, by: Participant, max_minutes: int, max_upload_mb: int) -> VideoPolicy:
    """Change the meeting's limits; presentations already longer than a new limit are named in the error."""
    _require_organiser(by, meeting)
    policy = selectors.policy_for(meeting)
    policy.max_minutes, policy.max_upload_mb = max_minutes, max_upload_mb
    policy.full_clean()
    too_long = list(
        Presentation.objects.filter(meeting=meeting, duration_seconds__gt=max_minutes * 60)
        .order_by("title")
        .values_list("title", flat=True)[:5]
    )
    if too_long:
        raise ValidationError(
            {
                "max_minutes": (
                    f"Some presentations are longer than {max_minutes} minutes: {', '.join(too_long)}. "
                    "Shorten or remove them first."
                )
            }
        )
    policy.save()
    return policy


def _watchable(participant: Participant, presentation: Presentation, now: datetime) -> None:
    if participant.meeting_id != presentation.meeting_id:
        raise ValidationError("This presentation belongs to another meeting.")
    if selectors.presentation_state(presentation, participant, now) != selectors.FULL:
        when = dates.localtime(presentation.release_at, presentation.meeting.zone)
        raise ValidationError(f"This presentation is released on {when:%d %b %Y, %H:%M} ({when.tzname()}).")


@transaction.atomic
def watch_set(*, participant: Participant, presentation: Presentation, watched: bool, now: datetime) -> Watch:
    """Mark a presentation watched, or not watched, for a participant who may watch it."""
    _watchable(participant, presentation, now)
    watch, _ = Watch.objects.select_for_update().get_or_create(participant=participant, presentation=presentation)
    watch.watched = watched
    watch.save(update_fields=["watched", "updated_at"])
    return watch


@transaction.atomic
def watch_progress(*, participant: Participant, presentation: Presentation, seconds: int, now: datetime) -> Watch:
    """Record how far the player got; past 90 % of the video it counts as watched."""
    _watchable(participant, presentation, now)
    if seconds < 0:
        raise ValidationError("A position in the video cannot be negative.")
    seconds = min(seconds, presentation.duration_seconds)
    watch, _ = Watch.objects.select_for_update().get_or_create(participant=participant, presentation=presentation)
    watch.seconds = max(watch.seconds, seconds)
    if watch.seconds >= WATCHED_SHARE * presentation.duration_seconds:
        watch.watched = True
    watch.save(update_fields=["seconds", "watched", "updated_at"])
    return watch


def parse_chapters(text: str) -> list[tuple[int, str]]:
    """Read "0:00 Welcome" / "1:02:30 Question 3" lines; ValidationError naming each bad line."""
    chapters: list[tuple[int, str]] = []
    errors: list[str] = []
    seen: dict[int, int] = {}
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        stamp, _, title = line.partition(" ")
        parts = stamp.split(":")
        title = title.strip()
        if not (2 <= len(parts) <= 3 and all(p.isdigit() and len(p) <= 3 for p in parts)) or any(
            int(p) >= 60 for p in parts[1:]
        ):
            errors.append(f"Line {number}: start it with a time such as 0:00 or 1:02:30, then the title.")
            continue
        if not title:
            errors.append(f"Line {number}: give the chapter a title after its time.")
            continue
        if len(title) > 200:
            errors.append(f"Line {number}: the title is longer than 200 characters.")
            continue
        seconds = 0
        for part in parts:
            seconds = seconds * 60 + int(part)
        if seconds in seen:
            errors.append(f"Line {number}: {stamp} is already the start of line {seen[seconds]}.")
            continue
        seen[seconds] = number
        chapters.append((seconds, title))
    if errors:
        raise ValidationError({"chapters": errors})
    return sorted(chapters)


@transaction.atomic
def recording_attach(
    *,
    session: Session,
    by: Participant,
    title: str = "",
    description: str = "",
    video_file: UploadedFile | None = None,
    video_url: str = "",
    duration_seconds: int | None = None,
    language: str = "en",
    licence: str = "CC-BY-4.0",
    captions: UploadedFile | None = None,
    remove_captions: bool = False,
    chapters: list[tuple[int, str]] | None = None,
    absolute_url: Callable[[str], str] | None = None,
) -> Recording:
    """Attach (or replace) a session's recording with its chapters, and announce it in the program.

    The session's ``recording_url`` becomes the link for a linked video, or this
    recording's page (made absolute with ``absolute_url``) for an uploaded one.
    """
    _require_organiser(by, session.meeting)
    recording = Recording.objects.filter(session=session).first() or Recording(session=session)
    replaced = _set_video(
        recording,
        video_file=video_file,
        video_url=video_url,
        stated_seconds=duration_seconds,
        max_upload_mb=selectors.policy_for(session.meeting).max_upload_mb,
    )
    replaced += _set_file(recording, "captions", captions, remove_captions, media.check_captions)
    chapters = chapters or []
    late = [f"{clock(start)} {name}" for start, name in chapters if start >= recording.duration_seconds]
    if late:
        raise ValidationError(
            {
                "chapters": (
                    f"The recording lasts {clock(recording.duration_seconds)}; these chapters start after it ends: "
                    f"{'; '.join(late)}."
                )
            }
        )
    recording.title = (title or "").strip() or f"Recording: {session.title}"[:200]
    recording.description = description or ""
    recording.language = language
    recording.licence = licence
    recording.full_clean()
    recording.save()
    recording.chapters.all().delete()
    Chapter.objects.bulk_create(Chapter(recording=recording, starts_at_seconds=s, title=t) for s, t in chapters)
    if recording.video_url:
        url = recording.video_url
    else:
        if absolute_url is None:
            raise TypeError("recording_attach() needs absolute_url for an uploaded recording")
        url = absolute_url(reverse("videos:recording", kwargs={"slug": session.meeting.slug, "pk": recording.pk}))
    program_services.session_attach_recording(session=session, url=url)
    for field_file in replaced:
        _delete_later(field_file)
    return recording
