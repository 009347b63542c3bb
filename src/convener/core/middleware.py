"""Request-wide concerns: the viewer's time zone and the Content-Security-Policy."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.middleware.gzip import GZipMiddleware as _DjangoGZipMiddleware
from django.utils import timezone

from convener.core.timezones import from_cookie

TZ_COOKIE = "convener_tz"

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "media-src 'self'",
        "font-src 'self'",
        "connect-src 'self' ws: wss:",
        "frame-src https://player.vimeo.com https://www.youtube-nocookie.com",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    """No inline script or style anywhere: pages load their code from /static/."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CSP)
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class TimeZoneMiddleware:
    """Activate the viewer's zone: the remembered cookie, else none (pages use the meeting's).

    The cookie is set by static/convener/tz.js from the browser's own zone on
    the first visit, or by the zone picker; an unknown value is ignored.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.viewer_zone = from_cookie(request.COOKIES.get(TZ_COOKIE, ""))  # type: ignore[attr-defined]
        if request.viewer_zone is not None:  # type: ignore[attr-defined]
            timezone.activate(request.viewer_zone)  # type: ignore[attr-defined]
        else:
            timezone.deactivate()
        return self.get_response(request)


class GZipMiddleware(_DjangoGZipMiddleware):
    """Django's gzip, except for byte-addressable files: a Range names the file's own bytes.

    Views that answer HTTP range requests (``Accept-Ranges: bytes``, as the video
    files do) must send exactly the bytes asked for, with their length.
    """

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if response.get("Accept-Ranges") == "bytes":
            return response
        return super().process_response(request, response)
