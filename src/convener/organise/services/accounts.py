"""Accounts for people an organiser adds by email: found, or made without a password."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.validators import validate_email


def normalise_email(value: object) -> str:
    email = str(value or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(f"{value!r} is not an email address.", code="email") from None
    return email


def user_by_email(email: str) -> AbstractBaseUser | None:
    User = get_user_model()
    return User.objects.filter(email__iexact=email).order_by("pk").first()


def user_ensure(email: str, *, first_name: str = "", last_name: str = "") -> tuple[AbstractBaseUser, bool]:
    """The account with this email, made (with no usable password) when there is none yet."""
    user = user_by_email(email)
    if user is not None:
        return user, False
    User = get_user_model()
    user = User(username=email[:150], email=email, first_name=first_name[:150], last_name=last_name[:150])
    user.set_unusable_password()
    user.save()
    return user, True
