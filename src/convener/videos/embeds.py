"""Vimeo and YouTube links, turned into the privacy-friendly players the CSP allows.

Vimeo: ``https://vimeo.com/123456`` and private links with a hash,
``https://vimeo.com/123456/abcdef1234``, play through
``https://player.vimeo.com/video/123456?h=abcdef1234&dnt=1`` (do-not-track).
YouTube: watch, short, live, embed and youtu.be links play through
``https://www.youtube-nocookie.com/embed/<id>``. No other host is accepted, so
the Content-Security-Policy's frame-src can name exactly these two players.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit

VIMEO_PLAYER = "https://player.vimeo.com"
YOUTUBE_PLAYER = "https://www.youtube-nocookie.com"
FRAME_SOURCES = (VIMEO_PLAYER, YOUTUBE_PLAYER)

_VIMEO_PATH = re.compile(r"^/(?:channels/[\w-]+/|groups/[\w-]+/videos/)?(\d{1,12})(?:/([0-9a-f]{6,20}))?/?$")
_VIMEO_PLAYER_PATH = re.compile(r"^/video/(\d{1,12})/?$")
_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
_YOUTUBE_PATH = re.compile(r"^/(?:embed|shorts|live|v)/([A-Za-z0-9_-]{11})/?$")
_HASH = re.compile(r"^[0-9a-f]{6,20}$")


@dataclass(frozen=True)
class Embed:
    provider: str  # "vimeo" or "youtube"
    video_id: str
    hash: str = ""

    @property
    def provider_name(self) -> str:
        return {"vimeo": "Vimeo", "youtube": "YouTube"}[self.provider]

    @property
    def player_url(self) -> str:
        if self.provider == "vimeo":
            query = {"h": self.hash} if self.hash else {}
            return f"{VIMEO_PLAYER}/video/{self.video_id}?{urlencode({**query, 'dnt': 1})}"
        return f"{YOUTUBE_PLAYER}/embed/{self.video_id}"

    def watch_url(self, seconds: int = 0) -> str:
        """The provider's own page, opened at ``seconds`` (for chapter links)."""
        if self.provider == "vimeo":
            base = f"https://vimeo.com/{self.video_id}" + (f"/{self.hash}" if self.hash else "")
            return base + (f"#t={seconds}s" if seconds else "")
        base = f"https://www.youtube.com/watch?v={self.video_id}"
        return base + (f"&t={seconds}s" if seconds else "")


def parse(url: str) -> Embed | None:
    """The video a Vimeo or YouTube link names, or None for any other link."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in {"http", "https"}:
        return None
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    query = parse_qs(parts.query)
    if host == "vimeo.com":
        match = _VIMEO_PATH.match(parts.path)
        if match:
            video_hash = match.group(2) or query.get("h", [""])[0]
            return Embed("vimeo", match.group(1), video_hash if _HASH.match(video_hash or "") else "")
    elif host == "player.vimeo.com":
        match = _VIMEO_PLAYER_PATH.match(parts.path)
        if match:
            video_hash = query.get("h", [""])[0]
            return Embed("vimeo", match.group(1), video_hash if _HASH.match(video_hash) else "")
    elif host in {"youtube.com", "m.youtube.com", "youtube-nocookie.com"}:
        if parts.path == "/watch":
            video_id = query.get("v", [""])[0]
            if _YOUTUBE_ID.match(video_id):
                return Embed("youtube", video_id)
        match = _YOUTUBE_PATH.match(parts.path)
        if match:
            return Embed("youtube", match.group(1))
    elif host == "youtu.be":
        video_id = parts.path.strip("/")
        if _YOUTUBE_ID.match(video_id):
            return Embed("youtube", video_id)
    return None
