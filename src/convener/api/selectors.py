"""Reads for the API: who a bearer token belongs to, who may manage the network."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from convener.api.models import ApiToken
from convener.api.services import TOKEN_PREFIX, token_hash
from convener.people.models import Participant

# Raw tokens are TOKEN_PREFIX + 43 characters; anything far longer is not one.
MAX_TOKEN_LENGTH = 200


def api_token_find(*, raw: str) -> ApiToken | None:
    """The token whose hash matches ``raw``, with its user, if that user is active."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > MAX_TOKEN_LENGTH:
        return None
    token = ApiToken.objects.select_related("user").filter(token_hash=token_hash(raw)).first()
    if token is None or not token.user.is_active:
        return None
    return token


def can_manage_network(*, user: AbstractBaseUser | AnonymousUser) -> bool:
    """Nodes and regions belong to the whole network: staff and organisers may change them."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    return Participant.objects.filter(user=user, role=Participant.Role.ORGANISER).exists()
