"""API tokens: made, revoked and touched here; every other write is an app's service."""

from __future__ import annotations

import hashlib
import secrets

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from convener.api.models import ApiToken

TOKEN_PREFIX = "cvn_"  # noqa: S105 - a marker, not a secret
# A token seen this recently is not written back on every request.
LAST_USED_RESOLUTION_SECONDS = 60


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(user: AbstractBaseUser, name: str) -> tuple[ApiToken, str]:
    """Make a token for ``user``; the raw token is returned once and never stored."""
    name = name.strip()
    if ApiToken.objects.filter(user=user, name=name).exists():
        raise ValidationError(
            f"{user.get_username()} already has an API token called {name!r}; revoke it or choose another name."
        )
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, prefix=raw[:12], token_hash=token_hash(raw))
    token.full_clean()
    token.save()
    return token, raw


@transaction.atomic
def api_token_revoke(*, user: AbstractBaseUser, name: str) -> int:
    deleted, _ = ApiToken.objects.filter(user=user, name=name.strip()).delete()
    return deleted


def api_token_touch(*, token: ApiToken) -> None:
    """Remember when a token was last used, at most once a minute."""
    now = timezone.now()
    last = token.last_used_at
    if last is None or (now - last).total_seconds() >= LAST_USED_RESOLUTION_SECONDS:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
