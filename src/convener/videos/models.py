"""Pre-recorded presentations, session recordings with chapters, and who watched what."""

from __future__ import annotations

import secrets

from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from convener.videos import embeds
from convener.videos.media import extension

DEFAULT_MAX_MINUTES = 7
DEFAULT_MAX_UPLOAD_MB = 1024


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", "CC BY 4.0: reuse with attribution"
    CC_BY_SA = "CC-BY-SA-4.0", "CC BY-SA 4.0: attribution, share alike"
    CC_BY_NC = "CC-BY-NC-4.0", "CC BY-NC 4.0: attribution, non-commercial"
    CC_BY_NC_SA = "CC-BY-NC-SA-4.0", "CC BY-NC-SA 4.0: attribution, non-commercial, share alike"
    CC_BY_ND = "CC-BY-ND-4.0", "CC BY-ND 4.0: attribution, no derivatives"
    CC_BY_NC_ND = "CC-BY-NC-ND-4.0", "CC BY-NC-ND 4.0: attribution, non-commercial, no derivatives"
    CC0 = "CC0-1.0", "CC0 1.0: public domain"
    RESERVED = "all-rights-reserved", "All rights reserved: no reuse without permission"


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC_BY_NC: "https://creativecommons.org/licenses/by-nc/4.0/",
    Licence.CC_BY_NC_SA: "https://creativecommons.org/licenses/by-nc-sa/4.0/",
    Licence.CC_BY_ND: "https://creativecommons.org/licenses/by-nd/4.0/",
    Licence.CC_BY_NC_ND: "https://creativecommons.org/licenses/by-nc-nd/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


def validate_language(value: str) -> None:
    if value not in LANG_INFO or "name" not in LANG_INFO[value]:
        raise ValidationError(f"Unknown language code {value!r}. Use a code such as en, es, fr.", code="language")


def language_choices() -> list[tuple[str, str]]:
    return sorted(
        ((code, info["name"]) for code, info in LANG_INFO.items() if "name" in info),
        key=lambda item: item[1],
    )


def _stored_name(folder: str, filename: str) -> str:
    """An unguessable name: files are only ever served through a view that checks who asks."""
    return f"videos/{folder}/{secrets.token_hex(16)}{extension(filename)}"


def video_path(instance: models.Model, filename: str) -> str:
    return _stored_name("video", filename)


def captions_path(instance: models.Model, filename: str) -> str:
    return _stored_name("captions", filename)


def slides_path(instance: models.Model, filename: str) -> str:
    return _stored_name("slides", filename)


class VideoPolicy(models.Model):
    """A meeting's rules for pre-recorded presentations."""

    meeting = models.OneToOneField("program.Meeting", on_delete=models.CASCADE, related_name="video_policy")
    max_minutes = models.PositiveSmallIntegerField(
        default=DEFAULT_MAX_MINUTES,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text="The longest a pre-recorded presentation may be.",
    )
    max_upload_mb = models.PositiveIntegerField(
        default=DEFAULT_MAX_UPLOAD_MB,
        validators=[MinValueValidator(1), MaxValueValidator(10240)],
        help_text="The largest video file accepted, in MB.",
    )

    class Meta:
        verbose_name_plural = "video policies"

    def __str__(self) -> str:
        return f"{self.meeting}: at most {self.max_minutes} min"


class Video(models.Model):
    """What a presentation and a recording share: the video itself and the terms of its reuse."""

    video_file = models.FileField(upload_to=video_path, blank=True, max_length=200)
    video_url = models.URLField(
        blank=True, max_length=500, help_text="A Vimeo (also private, with its hash) or YouTube link."
    )
    content_type = models.CharField(max_length=40, blank=True, editable=False)
    duration_seconds = models.PositiveIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(24 * 3600)],
        help_text="Read from an uploaded file; stated by the organiser for a link.",
    )
    language = models.CharField(max_length=10, default="en", validators=[validate_language])
    licence = models.CharField(max_length=30, choices=Licence.choices, default=Licence.CC_BY)
    captions = models.FileField(upload_to=captions_path, blank=True, max_length=200, help_text="WebVTT.")

    class Meta:
        abstract = True

    def clean(self) -> None:
        if bool(self.video_file) == bool(self.video_url):
            raise ValidationError("Give either an uploaded video or a Vimeo or YouTube link, not both.")
        if self.video_url and embeds.parse(self.video_url) is None:
            raise ValidationError({"video_url": "Only Vimeo and YouTube links can be shown here."})

    @property
    def embed(self) -> embeds.Embed | None:
        return embeds.parse(self.video_url) if self.video_url else None

    @property
    def is_upload(self) -> bool:
        return bool(self.video_file)

    @property
    def minutes(self) -> int:
        return -(-self.duration_seconds // 60)

    @property
    def licence_url(self) -> str:
        return LICENCE_URLS.get(self.licence, "")

    @property
    def language_name(self) -> str:
        return LANG_INFO.get(self.language, {}).get("name", self.language)


class Presentation(Video):
    meeting = models.ForeignKey("program.Meeting", on_delete=models.CASCADE, related_name="presentations")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Markdown.")
    presenters = models.ManyToManyField("people.Participant", related_name="presentations")
    theme = models.ForeignKey(
        "program.Theme", on_delete=models.SET_NULL, null=True, blank=True, related_name="presentations"
    )
    sessions = models.ManyToManyField(
        "program.Session",
        blank=True,
        related_name="presentations",
        help_text="The live sessions it prepares: watch it before them.",
    )
    slides = models.FileField(upload_to=slides_path, blank=True, max_length=200, help_text="PDF.")
    release_at = models.DateTimeField(
        db_index=True, help_text="Before this, participants see only the title and the date."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["release_at", "title", "id"]

    def __str__(self) -> str:
        return self.title


class Recording(Video):
    """A session's recording, attached after it; its chapters mark the parts."""

    session = models.OneToOneField("program.Session", on_delete=models.CASCADE, related_name="recording")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, help_text="Markdown.")
    published_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_at", "id"]

    def __str__(self) -> str:
        return self.title


class Chapter(models.Model):
    recording = models.ForeignKey(Recording, on_delete=models.CASCADE, related_name="chapters")
    starts_at_seconds = models.PositiveIntegerField()
    title = models.CharField(max_length=200)

    class Meta:
        ordering = ["starts_at_seconds", "id"]
        constraints = [
            models.UniqueConstraint(fields=["recording", "starts_at_seconds"], name="one_chapter_per_time"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def clock(self) -> str:
        return clock(self.starts_at_seconds)

    @property
    def watch_url(self) -> str:
        """For a linked recording: the provider's page, opened at this chapter."""
        embed = self.recording.embed
        return embed.watch_url(self.starts_at_seconds) if embed else ""


def clock(seconds: int) -> str:
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Watch(models.Model):
    """How far a participant got in a presentation, and whether they count it as watched."""

    presentation = models.ForeignKey(Presentation, on_delete=models.CASCADE, related_name="watches")
    participant = models.ForeignKey("people.Participant", on_delete=models.CASCADE, related_name="watches")
    seconds = models.PositiveIntegerField(default=0, help_text="The furthest point the player reached.")
    watched = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "watch"
        verbose_name_plural = "watches"  # not Django's "watchs"
        constraints = [
            models.UniqueConstraint(fields=["presentation", "participant"], name="one_watch_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.participant_id} watched {self.presentation_id}: {self.watched}"
