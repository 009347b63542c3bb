"""convener manage revoke_api_token EMAIL NAME: delete a user's token by its name."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from convener.api.management.commands.create_api_token import user_by_email
from convener.api.services import api_token_revoke


class Command(BaseCommand):
    help = "Revoke (delete) the API token called NAME of the user with EMAIL."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="the user's email address")
        parser.add_argument("name", help="the token's name, as given when it was made")

    def handle(self, *args: Any, email: str, name: str, **options: Any) -> None:
        user = user_by_email(email)
        if not api_token_revoke(user=user, name=name):
            raise CommandError(f"{user.get_username()} has no API token called {name!r}.")
        self.stdout.write(f"Revoked API token {name!r} of {user.get_username()}.")
