"""How API callers sign in: a bearer token, or the browser's Django session.

A bearer token is tried first; a token that is sent but unknown is a 401
straight away (it never falls back to the session). The session works as in
ninja's ``django_auth``, CSRF check included for unsafe methods, except that
an anonymous caller gets a 401 instead of a CSRF error.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.errors import AuthenticationError, HttpError
from ninja.security import HttpBearer, SessionAuth
from ninja.utils import check_csrf

from convener.api.selectors import api_token_find
from convener.api.services import api_token_touch


class ApiTokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = api_token_find(raw=token.strip())
        if found is None:
            raise AuthenticationError(message="This API token is not valid (unknown or revoked).")
        api_token_touch(token=found)
        request.api_token = found  # type: ignore[attr-defined]
        return found.user


class SessionAuthWithCsrf(SessionAuth):
    """Django's session; unsafe methods need the CSRF token (X-CSRFToken header)."""

    def __call__(self, request: HttpRequest) -> Any:
        if not request.user.is_authenticated:
            return None
        if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request):
            raise HttpError(
                403,
                "CSRF check failed: send the csrftoken cookie's value in an X-CSRFToken header, or use an API token.",
            )
        return request.user


token_auth = ApiTokenAuth()
session_auth = SessionAuthWithCsrf()
# Every router uses this: token first, then the session.
AUTH = [token_auth, session_auth]
