"""Let a user create meetings in the organiser area (or take that away)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError, CommandParser


class Command(BaseCommand):
    help = "Allow a user (by email) to create meetings at /organise/new/; --revoke takes it away."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email")
        parser.add_argument("--revoke", action="store_true", help="Take the permission away.")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip()
        user = get_user_model().objects.filter(email__iexact=email).order_by("pk").first()
        if user is None:
            raise CommandError(f"No account has the email {email}; they sign up first.")
        permission = Permission.objects.get(content_type__app_label="program", codename="add_meeting")
        if options["revoke"]:
            user.user_permissions.remove(permission)
            self.stdout.write(f"{email} may no longer create meetings.")
        else:
            user.user_permissions.add(permission)
            self.stdout.write(f"{email} may now create meetings at /organise/new/.")
