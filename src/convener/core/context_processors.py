from __future__ import annotations

from django.http import HttpRequest


def viewer(request: HttpRequest) -> dict[str, object]:
    return {"viewer_zone": getattr(request, "viewer_zone", None)}
