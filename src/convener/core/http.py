from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next(request: HttpRequest, url: str | None) -> str:
    """``url`` when it points back into this site, else the home page."""
    if url and url_has_allowed_host_and_scheme(url, {request.get_host()}, require_https=request.is_secure()):
        return url
    return reverse("home")


def forbidden(request: HttpRequest, reason: str, *, meeting: Any = None) -> HttpResponse:
    """The one 403 page: why, and the way back (to the meeting's program when there is one).

    Django's own handler renders the same ``403.html`` for a ``PermissionDenied``.
    """
    return render(request, "403.html", {"exception": reason, "meeting": meeting}, status=403)
