"""Reads: the announcements a person sees, and the state of a sending."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Count, Q, QuerySet

from convener.announcements.models import Announcement, Delivery
from convener.people.selectors import MEMBER_ROLES

SHOWN = (Announcement.Status.SENDING, Announcement.Status.SENT)


def for_user(*, slug: str, user: AbstractBaseUser | AnonymousUser) -> QuerySet[Announcement]:
    """The sent announcements of a meeting that are for this user (everyone's, and those they were sent)."""
    if not user.is_authenticated:
        return Announcement.objects.none()
    member = Q(
        audience=Announcement.Audience.EVERYONE,
        meeting__participants__user=user,
        meeting__participants__role__in=MEMBER_ROLES,
    )
    return (
        Announcement.objects.filter(meeting__slug=slug, status__in=SHOWN)
        .filter(member | Q(deliveries__participant__user=user))
        .distinct()
        .order_by("-sent_at", "-pk")
    )


def of_meeting(meeting_id: int) -> QuerySet[Announcement]:
    """Every announcement of a meeting with its delivery counts, for the organisers."""
    counts = {
        status: Count("deliveries", filter=Q(deliveries__status=status), distinct=True)
        for status in Delivery.Status.values
    }
    return (
        Announcement.objects.filter(meeting_id=meeting_id)
        .select_related("region", "session", "author")
        .annotate(**{f"n_{status}": count for status, count in counts.items()})
        .order_by("status", "-sent_at", "-created_at")
    )
