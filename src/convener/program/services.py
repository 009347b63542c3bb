"""Writes to the program. Each validates, saves under a transaction and logs the change."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats

from convener.people.access import organiser_access_sync
from convener.people.models import Participant
from convener.program.models import Meeting, ProgramChange, Session, SessionRole, Star, Theme

# Fields a caller may set through session_create / session_update.
SESSION_FIELDS = frozenset(
    {
        "kind",
        "title",
        "goal",
        "format",
        "preparation",
        "starts_at",
        "ends_at",
        "theme",
        "region",
        "join_link",
        "recording_url",
    }
)


def _meeting_time(meeting: Meeting, dt: datetime) -> str:
    local = dt.astimezone(meeting.zone)
    return f"{formats.date_format(local, 'D j M Y, H:i')} ({meeting.time_zone})"


def people_clashes(*, session: Session, participant_ids: Iterable[int]) -> Callable[[datetime, datetime], list[str]]:
    """The rule of ``check_people_free`` for many candidate times: why each would double-book someone.

    Loads the people's other bookings once; the returned function answers, for ``[starts_at, ends_at)``,
    one message per booking that overlaps (none: the people are free). Planners ask it of every slot they
    propose, so that a proposal is never one the move then refuses.
    """
    ids = list(participant_ids)
    bookings = (
        list(
            SessionRole.objects.filter(participant_id__in=ids)
            .exclude(session_id=session.pk)
            .select_related("participant", "session", "session__meeting")
            .order_by("session__starts_at", "participant__name")
        )
        if ids
        else []
    )

    def clashes(starts_at: datetime, ends_at: datetime) -> list[str]:
        return [
            f"{booking.participant.name} is already booked on “{booking.session.title}” "
            f"({_meeting_time(booking.session.meeting, booking.session.starts_at)}), which overlaps."
            for booking in bookings
            if booking.session.overlaps(starts_at, ends_at)
        ]

    return clashes


def check_people_free(
    *, session: Session, participant_ids: Iterable[int], starts_at: datetime, ends_at: datetime
) -> None:
    """No facilitator or moderator may be booked on two overlapping sessions."""
    messages = people_clashes(session=session, participant_ids=participant_ids)(starts_at, ends_at)
    if messages:
        raise ValidationError(messages, code="facilitator_overlap")


def _check_people_belong(meeting: Meeting, people: list[tuple[Participant, str]]) -> None:
    for participant, role in people:
        if participant.meeting_id != meeting.pk:
            raise ValidationError(f"{participant.name} is not a participant of {meeting.name}.")
        if role not in SessionRole.Role.values:
            raise ValidationError(f"Unknown session role {role!r}.")


def _set_people(session: Session, people: list[tuple[Participant, str]]) -> None:
    SessionRole.objects.filter(session=session).delete()
    SessionRole.objects.bulk_create(
        SessionRole(session=session, participant=participant, role=role) for participant, role in people
    )


@transaction.atomic
def session_create(
    *, meeting: Meeting, people: list[tuple[Participant, str]] | None = None, draft: bool = False, **fields: object
) -> Session:
    """A new session; a draft is seen by organisers only and enters the change feed when published."""
    unknown = set(fields) - SESSION_FIELDS
    if unknown:
        raise TypeError(f"session_create() got unknown fields: {sorted(unknown)}")
    session = Session(meeting=meeting, is_draft=draft, **fields)
    session.full_clean()
    people = people or []
    _check_people_belong(meeting, people)
    check_people_free(
        session=session,
        participant_ids=[p.pk for p, _ in people],
        starts_at=session.starts_at,
        ends_at=session.ends_at,
    )
    session.save()
    _set_people(session, people)
    record_session_changes(session=session, old_starts_at=None, old_ends_at=None, old_recording_url="", created=True)
    return session


def record_session_changes(
    *,
    session: Session,
    old_starts_at: datetime | None,
    old_ends_at: datetime | None,
    old_recording_url: str,
    created: bool,
) -> None:
    """Log what a reader of the change feed wants to know about a saved session (nothing for a draft)."""
    meeting = session.meeting
    if session.is_draft:
        return
    if created:
        ProgramChange.objects.create(
            meeting=meeting,
            session=session,
            kind=ProgramChange.Kind.ADDED,
            title=f"Added: {session.title}",
            summary=f"{session.get_kind_display()} on {_meeting_time(meeting, session.starts_at)}.",
        )
        return
    if old_starts_at != session.starts_at or old_ends_at != session.ends_at:
        ProgramChange.objects.create(
            meeting=meeting,
            session=session,
            kind=ProgramChange.Kind.MOVED,
            title=f"Moved: {session.title}",
            summary=(
                f"Now {_meeting_time(meeting, session.starts_at)} to "
                f"{session.ends_at.astimezone(meeting.zone):%H:%M}; "
                f"was {_meeting_time(meeting, old_starts_at)}."
                if old_starts_at
                else ""
            ),
        )
    if session.recording_url and session.recording_url != old_recording_url:
        ProgramChange.objects.create(
            meeting=meeting,
            session=session,
            kind=ProgramChange.Kind.RECORDING,
            title=f"Recording: {session.title}",
            summary="The recording of this session is available.",
        )


@transaction.atomic
def session_update(
    *, session: Session, people: list[tuple[Participant, str]] | None = None, **fields: object
) -> Session:
    unknown = set(fields) - SESSION_FIELDS
    if unknown:
        raise TypeError(f"session_update() got unknown fields: {sorted(unknown)}")
    old = Session.objects.select_for_update().get(pk=session.pk)
    for name, value in fields.items():
        setattr(session, name, value)
    session.full_clean()
    if people is not None:
        _check_people_belong(session.meeting, people)
        ids = [p.pk for p, _ in people]
    else:
        ids = list(session.roles.values_list("participant_id", flat=True))
    check_people_free(session=session, participant_ids=ids, starts_at=session.starts_at, ends_at=session.ends_at)
    session.save()
    if people is not None:
        _set_people(session, people)
    record_session_changes(
        session=session,
        old_starts_at=old.starts_at,
        old_ends_at=old.ends_at,
        old_recording_url=old.recording_url,
        created=False,
    )
    return session


@transaction.atomic
def session_publish(*, session: Session) -> Session:
    """Show a draft to everyone: it enters the program, the calendars and the change feed now."""
    session = Session.objects.select_for_update().get(pk=session.pk)
    if not session.is_draft:
        raise ValidationError(f"“{session.title}” is already published.")
    session.is_draft = False
    session.save(update_fields=["is_draft", "updated_at"])
    record_session_changes(session=session, old_starts_at=None, old_ends_at=None, old_recording_url="", created=True)
    return session


@transaction.atomic
def session_attach_recording(*, session: Session, url: str) -> Session:
    return session_update(session=session, recording_url=url)


@transaction.atomic
def session_cancel(*, session: Session) -> None:
    """Take a session out of the program; a draft nobody saw leaves no trace in the change feed."""
    if session.is_draft:
        session.delete()
        return
    ProgramChange.objects.create(
        meeting=session.meeting,
        session=None,
        kind=ProgramChange.Kind.CANCELLED,
        title=f"Cancelled: {session.title}",
        summary=f"Was planned for {_meeting_time(session.meeting, session.starts_at)}.",
    )
    session.delete()


def star_set(*, participant: Participant, session: Session, starred: bool) -> bool:
    """Star or unstar a session for a participant of its meeting; returns the new state."""
    if session.meeting_id != participant.meeting_id:
        raise ValidationError("This session belongs to another meeting.")
    if starred:
        Star.objects.get_or_create(participant=participant, session=session)
    else:
        Star.objects.filter(participant=participant, session=session).delete()
    return starred


def _display_name(user: AbstractBaseUser) -> str:
    full = getattr(user, "get_full_name", lambda: "")().strip()
    if full:
        return full[:150]
    email = (getattr(user, "email", "") or "").split("@")[0]
    return (email or user.get_username())[:150]


@transaction.atomic
def meeting_create(*, user: AbstractBaseUser, organiser_name: str = "", **fields: object) -> Meeting:
    """Make a meeting; the user who makes it becomes its first organiser."""
    return meeting_save_new(meeting=Meeting(**fields), user=user, organiser_name=organiser_name)


@transaction.atomic
def meeting_save_new(*, meeting: Meeting, user: AbstractBaseUser, organiser_name: str = "") -> Meeting:
    """Save a meeting built elsewhere (the admin's form), by meeting_create's rule: its maker organises it."""
    if meeting.pk is not None:
        raise ValueError("meeting_save_new saves new meetings only.")
    meeting.full_clean()
    meeting.save()
    organiser = Participant(
        meeting=meeting,
        user=user,
        name=organiser_name.strip() or _display_name(user),
        role=Participant.Role.ORGANISER,
        time_zone=meeting.time_zone,
        languages=[],
    )
    organiser.full_clean()
    organiser.save()
    organiser_access_sync(user)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, **fields: object) -> Meeting:
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save()
    return meeting


@transaction.atomic
def theme_create(*, meeting: Meeting, name: str, description: str = "", order: int = 0) -> Theme:
    theme = Theme(meeting=meeting, name=name.strip(), description=description, order=order)
    theme.full_clean()
    theme.save()
    return theme
