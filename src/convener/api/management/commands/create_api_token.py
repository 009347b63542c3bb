"""convener manage create_api_token EMAIL NAME: make a bearer token, print it once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from convener.api.services import api_token_create


def user_by_email(email: str) -> Any:
    users = list(get_user_model().objects.filter(email__iexact=email.strip())[:2])
    if not users:
        raise CommandError(f"No user has the email address {email}.")
    if len(users) > 1:
        raise CommandError(f"More than one user has the email address {email}.")
    return users[0]


class Command(BaseCommand):
    help = (
        "Make an API token for the user with EMAIL. The token is printed once, on its own "
        "line; only its hash is stored. Send it as 'Authorization: Bearer <token>'."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the user's email address")
        parser.add_argument("name", help="what the token is for, e.g. 'zoom sync'")

    def handle(self, *args: Any, email: str, name: str, **options: Any) -> None:
        user = user_by_email(email)
        try:
            token, raw = api_token_create(user, name)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stderr.write(
            f"Made API token “{token.name}” ({token.prefix}…) for {user.get_username()}. "
            "Copy it now: it cannot be shown again."
        )
        self.stdout.write(raw)
