"""Writing, sending and delivering announcements; reminders before starred sessions.

Sending writes one Delivery per person and queues the delivery task in the same
transaction: once "Send" has answered, nothing can be lost. The task sends each
pending delivery and marks it sent in the transaction that holds its row, so a
worker killed mid-way leaves the rest pending for the next run, and a delivery
already marked is never sent again. Every copy carries its delivery's Message-ID.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from convener.announcements import outbox
from convener.announcements.models import Announcement, Delivery, MailPreference, Reminder
from convener.core import markdown
from convener.core.text import LINE_BREAKS
from convener.people.models import Node, Participant, Region
from convener.people.selectors import MEMBER_ROLES, is_organiser
from convener.program.models import Meeting, Session, SessionRole, Star

log = logging.getLogger(__name__)
Audience = Announcement.Audience
SUBJECT_MAX = 200
BODY_MAX = 20_000
SWEEP_AGE = timedelta(minutes=5)


def _clean_text(value: object, *, label: str, maximum: int, single_line: bool) -> str:
    text = str(value or "").strip()
    if not text:
        raise ValidationError({label: "This field is required."})
    if len(text) > maximum:
        raise ValidationError({label: f"At most {maximum:,} characters (this has {len(text):,})."})
    if single_line and any(char in text for char in LINE_BREAKS):
        raise ValidationError({label: "One line only: remove the line breaks."})
    return text


def _audience_fields(
    meeting: Meeting, audience: str, region: Region | None, node_kind: str, session: Session | None
) -> dict[str, object]:
    if audience not in Audience.values:
        raise ValidationError({"audience": "Choose who gets it."})
    fields: dict[str, object] = {"audience": audience, "region": None, "node_kind": "", "session": None}
    if audience == Audience.REGION:
        if region is None:
            raise ValidationError({"region": "Choose the region."})
        fields["region"] = region
    elif audience == Audience.NODE_KIND:
        if node_kind not in Node.Kind.values:
            raise ValidationError({"node_kind": "Choose the kind of node."})
        fields["node_kind"] = node_kind
    elif audience in {Audience.ATTENDEES, Audience.FACILITATORS}:
        if session is None or session.meeting_id != meeting.pk:
            raise ValidationError({"session": "Choose one of this meeting's sessions."})
        fields["session"] = session
    return fields


def audience_people(announcement: Announcement) -> QuerySet[Participant]:
    """Who an announcement is for: members of the meeting (guests wait for approval) in the audience."""
    people = Participant.objects.filter(meeting_id=announcement.meeting_id, role__in=MEMBER_ROLES)
    match announcement.audience:
        case Audience.REGION:
            people = people.filter(node__region_id=announcement.region_id)
        case Audience.NODE_KIND:
            people = people.filter(node__kind=announcement.node_kind)
        case Audience.ATTENDEES:
            starred = Star.objects.filter(session_id=announcement.session_id).values("participant_id")
            people = people.filter(pk__in=starred)
        case Audience.FACILITATORS:
            leading = SessionRole.objects.filter(session_id=announcement.session_id).values("participant_id")
            people = people.filter(pk__in=leading)
    return people.select_related("user", "mail").order_by("name", "pk")


@transaction.atomic
def announcement_save(
    *,
    meeting: Meeting,
    by: Participant | None,
    subject: object,
    body: object,
    audience: str,
    region: Region | None = None,
    node_kind: str = "",
    session: Session | None = None,
    announcement: Announcement | None = None,
) -> Announcement:
    """Write (or rewrite) a draft announcement."""
    if not is_organiser(by) or by is None or by.meeting_id != meeting.pk:
        raise ValidationError("Only the meeting's organisers write announcements.")
    if announcement is not None and announcement.status != Announcement.Status.DRAFT:
        raise ValidationError("This announcement is already sent; write a new one.")
    fields = {
        "subject": _clean_text(subject, label="subject", maximum=SUBJECT_MAX, single_line=True),
        "body": _clean_text(body, label="body", maximum=BODY_MAX, single_line=False),
        **_audience_fields(meeting, audience, region, node_kind, session),
    }
    announcement = announcement or Announcement(meeting=meeting, author=by)
    for name, value in fields.items():
        setattr(announcement, name, value)
    announcement.full_clean()
    announcement.save()
    return announcement


@transaction.atomic
def announcement_send(*, announcement: Announcement, by: Participant | None) -> int:
    """Show it on the meeting's pages and email it, once, to each person of its audience who wants email.

    Returns how many emails are queued. The deliveries and the queued task commit together.
    """
    from convener.announcements.tasks import deliver_announcement

    announcement = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if not is_organiser(by) or by is None or by.meeting_id != announcement.meeting_id:
        raise ValidationError("Only the meeting's organisers send announcements.")
    if announcement.status != Announcement.Status.DRAFT:
        raise ValidationError("This announcement is already sent.")
    deliveries = []
    for person in audience_people(announcement):
        wants = getattr(person, "mail", None) is None or person.mail.announcements
        email = person.user.email
        if not email:
            status = Delivery.Status.NO_EMAIL
        else:
            status = Delivery.Status.PENDING if wants else Delivery.Status.OPTED_OUT
        deliveries.append(Delivery(announcement=announcement, participant=person, email=email, status=status))
    Delivery.objects.bulk_create(deliveries, batch_size=500)
    announcement.status = Announcement.Status.SENDING
    announcement.sent_at = timezone.now()
    announcement.save(update_fields=["status", "sent_at"])
    deliver_announcement.enqueue(announcement.pk)
    return sum(1 for d in deliveries if d.status == Delivery.Status.PENDING)


def _absolute(path: str) -> str:
    return settings.CONVENER_BASE_URL.rstrip("/") + path


def _message(delivery: Delivery) -> EmailMultiAlternatives:
    announcement = delivery.announcement
    meeting = announcement.meeting
    context = {
        "announcement": announcement,
        "meeting": meeting,
        "person": delivery.participant,
        "body_html": markdown.render(announcement.body),
        "meeting_url": _absolute(reverse("program:program", kwargs={"slug": meeting.slug})),
        "preferences_url": _absolute(reverse("announcements:preferences", kwargs={"slug": meeting.slug})),
    }
    message = EmailMultiAlternatives(
        subject=f"[{meeting.name}] {announcement.subject}"[:250].replace("\n", " "),
        body=render_to_string("announcements/email.txt", context),
        to=[delivery.email],
        headers={
            "Message-ID": f"<{delivery.message_id}@convener>",
            "List-Unsubscribe": f"<{context['preferences_url']}>",
        },
    )
    message.attach_alternative(render_to_string("announcements/email.html", context), "text/html")
    return message


def deliver_pending(announcement_id: int) -> int:
    """Send every pending delivery of an announcement; returns how many went out in this run."""
    sent = outbox.send_each(
        lambda: Delivery.objects.select_related("announcement__meeting", "participant").filter(
            announcement_id=announcement_id, status=Delivery.Status.PENDING
        ),
        _message,
    )
    Announcement.objects.filter(pk=announcement_id, status=Announcement.Status.SENDING).exclude(
        deliveries__status=Delivery.Status.PENDING
    ).update(status=Announcement.Status.SENT)
    return sent


def preferences_for(participant: Participant) -> MailPreference:
    return MailPreference.objects.filter(participant=participant).first() or MailPreference(participant=participant)


@transaction.atomic
def preferences_set(*, participant: Participant, announcements: bool, reminder_minutes: int | None) -> MailPreference:
    preference = preferences_for(participant)
    preference.announcements = announcements
    preference.reminder_minutes = reminder_minutes
    preference.full_clean()
    preference.save()
    return preference


def _reminder_message(person: Participant, session: Session) -> EmailMultiAlternatives:
    meeting = session.meeting
    zone = person.time_zone or meeting.time_zone
    context = {
        "person": person,
        "session": session,
        "meeting": meeting,
        "zone": zone,
        "starts_local": session.starts_at.astimezone(ZoneInfo(zone)),
        "session_url": _absolute(reverse("program:session", kwargs={"slug": meeting.slug, "pk": session.pk})),
        "preferences_url": _absolute(reverse("announcements:preferences", kwargs={"slug": meeting.slug})),
    }
    return EmailMultiAlternatives(
        subject=f"[{meeting.name}] Starting soon: {session.title}"[:250].replace("\n", " "),
        body=render_to_string("announcements/reminder.txt", context),
        to=[person.user.email],
    )


def send_due_reminders(now: datetime | None = None) -> int:
    """Email each person who asked for reminders about each starred session starting within their lead time.

    A Reminder row is written in the transaction that sends, so each (person, session, start) goes out once.
    """
    now = now or timezone.now()
    horizon = now + timedelta(minutes=24 * 60)
    stars = (
        Star.objects.filter(
            participant__mail__reminder_minutes__isnull=False,
            session__starts_at__gt=now,
            session__starts_at__lte=horizon,
            participant__role__in=MEMBER_ROLES,
        )
        .select_related("participant__user", "participant__mail", "session__meeting")
        .order_by("session__starts_at", "pk")
    )
    sent = 0
    for star in stars:
        person, session = star.participant, star.session
        if session.starts_at - timedelta(minutes=person.mail.reminder_minutes) > now or not person.user.email:
            continue
        with transaction.atomic():
            reminder, created = Reminder.objects.get_or_create(
                participant=person, session=session, starts_at=session.starts_at
            )
            if not created:
                continue
            _reminder_message(person, session).send(fail_silently=False)
            sent += 1
    return sent


def pending_announcements(older_than: datetime) -> list[int]:
    """Announcements still holding pending deliveries long after they were sent (their task failed)."""
    return list(
        Announcement.objects.filter(
            status=Announcement.Status.SENDING,
            sent_at__lt=older_than,
            deliveries__status=Delivery.Status.PENDING,
        )
        .values_list("pk", flat=True)
        .distinct()
    )
