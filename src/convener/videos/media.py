"""What an uploaded file really is: the video's container and duration, captions, slides.

Videos are read with PyAV, whose wheels bundle FFmpeg's libraries, so no
system binary is needed. Only the container is read (no decoding), and the
checks look at the bytes, never only at the name a browser sent.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import PurePath

import av
from django.core.exceptions import ValidationError
from django.core.files import File

# Upload extension -> (what FFmpeg calls the container, the type we serve it as).
VIDEO_TYPES = {
    ".mp4": ("mp4", "video/mp4"),
    ".m4v": ("mp4", "video/mp4"),
    ".webm": ("webm", "video/webm"),
}
CAPTIONS_MAX_BYTES = 1024 * 1024
SLIDES_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class VideoFacts:
    duration_seconds: int
    content_type: str
    extension: str


def extension(name: str) -> str:
    return PurePath(name or "").suffix.lower()


def _open(upload: File) -> av.container.InputContainer:
    path = getattr(upload, "temporary_file_path", None)
    if callable(path):
        return av.open(path(), mode="r")
    upload.seek(0)
    return av.open(upload.file if hasattr(upload, "file") else upload, mode="r")


def read_video(upload: File, *, max_bytes: int) -> VideoFacts:
    """The duration and type of an uploaded MP4 or WebM video; ValidationError for anything else."""
    ext = extension(upload.name)
    if ext not in VIDEO_TYPES:
        raise ValidationError("Upload the video as an MP4 or WebM file (.mp4, .m4v or .webm).", code="video_type")
    if upload.size > max_bytes:
        raise ValidationError(
            f"The video is {upload.size / 1024 / 1024:.0f} MB; this meeting accepts at most "
            f"{max_bytes // 1024 // 1024} MB.",
            code="video_size",
        )
    container_name, content_type = VIDEO_TYPES[ext]
    try:
        with _open(upload) as container:
            formats = set(container.format.name.split(","))
            has_video = any(stream.type == "video" for stream in container.streams)
            duration = container.duration / av.time_base if container.duration else None
            if duration is None:
                durations = [
                    float(stream.duration * stream.time_base)
                    for stream in container.streams
                    if stream.duration and stream.time_base
                ]
                duration = max(durations, default=None)
    except (av.error.FFmpegError, OSError, ValueError, EOFError) as exc:
        raise ValidationError(
            "This file cannot be read as a video. Export it again as MP4 (H.264) or WebM.",
            code="video_unreadable",
        ) from exc
    finally:
        upload.seek(0)
    if container_name not in formats:
        raise ValidationError(
            f"The file is named {ext} but is not a {container_name.upper()} video inside.", code="video_type"
        )
    if not has_video:
        raise ValidationError("The file has no video track.", code="video_track")
    if not duration or duration <= 0:
        raise ValidationError("The file does not say how long it is; export it again.", code="video_duration")
    return VideoFacts(duration_seconds=math.ceil(duration), content_type=content_type, extension=ext)


def check_captions(upload: File) -> None:
    """A WebVTT file: .vtt, at most 1 MB, UTF-8, starting with the WEBVTT signature."""
    if extension(upload.name) != ".vtt":
        raise ValidationError("Captions must be a WebVTT file (.vtt).", code="captions_type")
    if upload.size > CAPTIONS_MAX_BYTES:
        raise ValidationError("The captions file is larger than 1 MB.", code="captions_size")
    upload.seek(0)
    head = upload.read(CAPTIONS_MAX_BYTES + 1)
    upload.seek(0)
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError("The captions file must be UTF-8 text.", code="captions_encoding") from None
    first = text.split("\n", 1)[0].rstrip("\r")
    if not (first == "WEBVTT" or first.startswith(("WEBVTT ", "WEBVTT\t"))):
        raise ValidationError("This is not a WebVTT file: its first line must be WEBVTT.", code="captions_signature")


def check_slides(upload: File) -> None:
    """Slides as a PDF of at most 50 MB."""
    if extension(upload.name) != ".pdf":
        raise ValidationError("Upload the slides as a PDF (.pdf).", code="slides_type")
    if upload.size > SLIDES_MAX_BYTES:
        raise ValidationError("The slides are larger than 50 MB.", code="slides_size")
    upload.seek(0)
    signature = upload.read(5)
    upload.seek(0)
    if signature != b"%PDF-":
        raise ValidationError("This file is not a PDF.", code="slides_signature")
