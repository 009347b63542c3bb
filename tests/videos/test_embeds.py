import pytest

from convener.core.middleware import CSP
from convener.videos import embeds


@pytest.mark.parametrize(
    ("link", "player"),
    [
        ("https://vimeo.com/123456/abcdef1234", "https://player.vimeo.com/video/123456?h=abcdef1234&dnt=1"),
        ("https://vimeo.com/123456", "https://player.vimeo.com/video/123456?dnt=1"),
        (
            "https://player.vimeo.com/video/123456?h=abcdef1234",
            "https://player.vimeo.com/video/123456?h=abcdef1234&dnt=1",
        ),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"),
    ],
)
def test_links_play_through_the_privacy_friendly_players(link, player):
    assert embeds.parse(link).player_url == player


@pytest.mark.parametrize(
    "link",
    [
        "https://evil.example.com/123456",
        "javascript:alert(1)",
        "https://vimeo.com/abc",
        "https://youtu.be/short",
        "https://vimeo.com.evil.example/123456",
        "ftp://vimeo.com/123456",
        "",
        "https://www.youtube.com/watch?v=",
    ],
)
def test_other_links_are_refused(link):
    assert embeds.parse(link) is None


def test_chapter_links_open_the_provider_at_the_time():
    assert (
        embeds.parse("https://vimeo.com/123456/abcdef1234").watch_url(90) == "https://vimeo.com/123456/abcdef1234#t=90s"
    )
    assert (
        embeds.parse("https://youtu.be/dQw4w9WgXcQ").watch_url(5) == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=5s"
    )


def test_the_csp_frames_exactly_the_two_players_and_media_from_self():
    directives = dict(part.split(" ", 1) for part in CSP.split("; "))
    assert directives["frame-src"].split() == list(embeds.FRAME_SOURCES)
    assert directives["media-src"] == "'self'"
