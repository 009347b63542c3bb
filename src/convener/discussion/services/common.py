"""What the writes of discussion, Q&A and polls share: serialising one person's writes, counting their recent
ones for the rate limits, who may take part or moderate, whether a session's Q&A is open, cleaning a text,
and who may still edit a post.
"""

from __future__ import annotations

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from convener.discussion import selectors
from convener.people.models import Participant
from convener.program.models import Session

EDIT_WINDOW = timedelta(minutes=15)


def lock_person(participant: Participant) -> None:
    """Serialise one person's writes (PostgreSQL row lock; SQLite already writes one at a time)."""
    Participant.objects.select_for_update().filter(pk=participant.pk).first()


def recent(queryset, field: str = "created_at") -> int:  # type: ignore[no-untyped-def]
    return queryset.filter(**{f"{field}__gte": timezone.now() - timedelta(minutes=1)}).count()


def check_member(participant: Participant | None, meeting_id: int, what: str) -> Participant:
    if participant is None or participant.meeting_id != meeting_id:
        raise PermissionDenied(f"Register for this meeting to {what}.")
    if not selectors.can_take_part(participant):
        raise PermissionDenied(f"Guests can read but not {what}. An organiser can change your role.")
    return participant


def check_moderator(participant: Participant | None, session: Session) -> Participant:
    if not selectors.can_moderate(participant, session):
        raise PermissionDenied("Only the meeting's organisers and the session's moderators can do this.")
    assert participant is not None
    return participant


def check_open(session: Session) -> None:
    if not selectors.qa_is_open(session):
        raise ValidationError(
            "The Q&A of this session is closed: it accepts no questions, votes or answers.", code="closed"
        )


def clean_text(value: object, *, label: str, maximum: int, required: bool = True) -> str:
    if not isinstance(value, str):
        raise ValidationError(f"{label} must be text.", code="type")
    text = value.replace("\x00", "").replace("\r\n", "\n").strip()
    if required and not text:
        raise ValidationError(f"{label} is empty: write something first.", code="empty")
    if len(text) > maximum:
        raise ValidationError(
            f"{label} is too long: at most {maximum} characters (yours has {len(text)}).", code="too_long"
        )
    return text


def check_edit(author_id: int, created_at, by: Participant | None) -> None:  # type: ignore[no-untyped-def]
    if by is None or by.pk != author_id:
        raise PermissionDenied("Only the author can edit this.")
    if timezone.now() - created_at > EDIT_WINDOW:
        minutes = int(EDIT_WINDOW.total_seconds() // 60)
        raise ValidationError(
            f"Posts can be edited for {minutes} minutes after posting; that time is over.", code="edit_window"
        )
