"""The latest announcements for the signed-in person, on every page of a meeting (one query)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from convener.announcements import selectors

SHOWN_ON_PAGES = 2


def latest(request: HttpRequest) -> dict[str, object]:
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("slug") if match is not None else None
    if not slug or not request.user.is_authenticated:
        return {}
    return {
        "latest_announcements": SimpleLazyObject(
            lambda: list(selectors.for_user(slug=slug, user=request.user)[:SHOWN_ON_PAGES])
        )
    }
