"""Invitations: an email per person with a link that sets their password and signs them in.

The link is allauth's password-reset link (its token expires after PASSWORD_RESET_TIMEOUT, three
days by default, and once the password is set). Rows are written, and the sending task queued, in
one transaction; the worker sends each row once, as for announcements.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from convener.announcements import outbox
from convener.announcements.models import Invitation
from convener.people.models import Participant
from convener.people.selectors import is_organiser
from convener.program.models import Meeting

log = logging.getLogger(__name__)


@transaction.atomic
def invitations_queue(*, meeting: Meeting, people: Iterable[Participant], by: Participant | None) -> int:
    """Queue an invitation for each of ``people`` (of this meeting, with an email); returns how many."""
    from convener.announcements.tasks import deliver_invitations

    if not is_organiser(by) or by is None or by.meeting_id != meeting.pk:
        raise ValidationError("Only the meeting's organisers send invitations.")
    rows = [
        Invitation(participant=person, invited_by=by)
        for person in people
        if person.meeting_id == meeting.pk and person.user.email
    ]
    if not rows:
        raise ValidationError("Nobody to invite: choose people of this meeting who have an email address.")
    Invitation.objects.bulk_create(rows, batch_size=500)
    deliver_invitations.enqueue(meeting.pk)
    return len(rows)


def _link(person: Participant) -> str:
    key = default_token_generator.make_token(person.user)
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": user_pk_to_url_str(person.user), "key": key})
    return settings.CONVENER_BASE_URL.rstrip("/") + path


def _message(invitation: Invitation) -> EmailMultiAlternatives:
    person = invitation.participant
    meeting = person.meeting
    context = {
        "person": person,
        "meeting": meeting,
        "by": invitation.invited_by,
        "link": _link(person),
        "days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
        "meeting_url": settings.CONVENER_BASE_URL.rstrip("/") + reverse("program:program", args=[meeting.slug]),
    }
    return EmailMultiAlternatives(
        subject=f"You are invited to {meeting.name}"[:250].replace("\n", " "),
        body=render_to_string("announcements/invitation.txt", context),
        to=[person.user.email],
        headers={"Message-ID": f"<invitation-{invitation.pk}@convener>"},
    )


def deliver_invitations(meeting_id: int) -> int:
    """Send every pending invitation of a meeting, each in the transaction that marks it sent."""
    return outbox.send_each(
        lambda: Invitation.objects.select_related("participant__user", "participant__meeting", "invited_by").filter(
            participant__meeting_id=meeting_id, status=Invitation.Status.PENDING
        ),
        _message,
    )


def stalled_meetings(older_than: object) -> list[int]:
    """Meetings with invitations still pending long after they were queued (their task failed)."""
    return list(
        Invitation.objects.filter(status=Invitation.Status.PENDING, created_at__lt=older_than)
        .values_list("participant__meeting_id", flat=True)
        .distinct()
    )
