"""Every failure the API gives is JSON with a ``detail``; none is a 500."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError


def validation_detail(exc: ValidationError) -> dict[str, object]:
    """``{"detail": [messages]}``, plus ``fields`` when the messages belong to fields."""
    body: dict[str, object] = {"detail": exc.messages}
    if hasattr(exc, "error_dict"):
        body["fields"] = {field: list(messages) for field, messages in exc.message_dict.items()}
    return body


def install(api: NinjaAPI) -> None:
    def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, validation_detail(exc), status=422)

    def on_integrity_error(request: HttpRequest, exc: IntegrityError) -> HttpResponse:
        # Two writes raced past validation (e.g. the same slug at the same moment).
        return api.create_response(
            request,
            {"detail": "This conflicts with data saved at the same time; try again."},
            status=409,
        )

    def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        message = str(exc)
        if message == "Unauthorized":
            message = "Sign in, or send an API token as 'Authorization: Bearer <token>'."
        return api.create_response(request, {"detail": message}, status=401)

    api.add_exception_handler(ValidationError, on_validation_error)
    api.add_exception_handler(IntegrityError, on_integrity_error)
    api.add_exception_handler(AuthenticationError, on_authentication_error)
