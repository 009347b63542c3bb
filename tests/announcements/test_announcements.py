"""Announcements: written by organisers, for exactly their audience, shown on pages and emailed once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from convener.announcements import services
from convener.announcements.models import Announcement, Delivery, MailPreference, Reminder
from convener.people.models import Node, Participant
from convener.program.models import SessionRole, Star
from tests.factories import NodeFactory, ParticipantFactory, RegionFactory, SessionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(personas):
    """Two regions: the personas' node is in one; Amara and Bo are in Africa, at an organisational node."""
    africa = RegionFactory(name="Africa", slug="africa")
    org_node = NodeFactory(name="GBIF Benin", region=africa, kind=Node.Kind.ORGANISATIONAL)
    amara = ParticipantFactory(
        meeting=personas.meeting, node=org_node, name="Amara", user=UserFactory(username="amara")
    )
    bo = ParticipantFactory(meeting=personas.meeting, node=org_node, name="Bo", user=UserFactory(username="bo"))
    return personas, africa, amara, bo


def write(personas, **fields):
    return services.announcement_save(
        meeting=personas.meeting,
        by=personas.organiser,
        **({"subject": "Welcome", "body": "Hello **all**.", "audience": "everyone"} | fields),
    )


def test_a_region_gets_exactly_its_people_one_email_each(world):
    personas, africa, amara, bo = world
    MailPreference.objects.create(participant=bo, announcements=False)
    announcement = write(personas, audience="region", region=africa)
    assert services.announcement_send(announcement=announcement, by=personas.organiser) == 1
    assert DBTaskResult.objects.filter(task_path__endswith="deliver_announcement").count() == 1
    statuses = dict(Delivery.objects.values_list("participant__name", "status"))
    assert statuses == {"Amara": "pending", "Bo": "opted_out"}
    assert services.deliver_pending(announcement.pk) == 1
    assert [m.to for m in mail.outbox] == [[amara.user.email]]
    message = mail.outbox[0]
    assert message.subject == f"[{personas.meeting.name}] Welcome"
    assert message.extra_headers["Message-ID"] == f"<{Delivery.objects.get(participant=amara).message_id}@convener>"
    assert "<strong>all</strong>" in message.alternatives[0][0]
    assert services.deliver_pending(announcement.pk) == 0  # nothing is sent twice
    assert len(mail.outbox) == 1
    announcement.refresh_from_db()
    assert announcement.status == Announcement.Status.SENT


def test_audiences(world):
    personas, africa, amara, bo = world
    session = SessionFactory(meeting=personas.meeting)
    Star.objects.create(participant=amara, session=session)
    SessionRole.objects.create(session=session, participant=personas.facilitator)

    def names(**fields):
        return {p.name for p in services.audience_people(write(personas, **fields))}

    members = {"Olga Organiser", "Fatou Facilitator", "Pablo Participant", "Amara", "Bo"}
    assert names(audience="everyone") == members  # guests wait for approval
    assert names(audience="node_kind", node_kind="organisational") == {"Amara", "Bo"}
    assert names(audience="attendees", session=session) == {"Amara"}
    assert names(audience="facilitators", session=session) == {"Fatou Facilitator"}


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"subject": ""}, "subject"),
        ({"subject": "Two\nlines"}, "subject"),
        ({"body": "  "}, "body"),
        ({"audience": "region"}, "region"),
        ({"audience": "node_kind", "node_kind": "martian"}, "node_kind"),
        ({"audience": "attendees"}, "session"),
        ({"audience": "aliens"}, "audience"),
    ],
)
def test_bad_input_is_refused_and_writes_nothing(personas, fields, field):
    with pytest.raises(ValidationError) as refused:
        write(personas, **fields)
    assert field in refused.value.message_dict
    assert not Announcement.objects.exists()


def test_only_organisers_write_and_send_and_only_once(personas):
    with pytest.raises(ValidationError):
        services.announcement_save(
            meeting=personas.meeting, by=personas.participant, subject="x", body="y", audience="everyone"
        )
    announcement = write(personas)
    with pytest.raises(ValidationError):
        services.announcement_send(announcement=announcement, by=personas.facilitator)
    services.announcement_send(announcement=announcement, by=personas.organiser)
    with pytest.raises(ValidationError, match="already sent"):
        services.announcement_send(announcement=announcement, by=personas.organiser)
    assert Delivery.objects.count() == 3  # organiser, facilitator, participant; no guest


def test_the_pages_show_it_to_its_audience_only(world):
    personas, africa, amara, bo = world
    services.announcement_send(
        announcement=write(personas, subject="Africa call", audience="region", region=africa), by=personas.organiser
    )
    program = reverse("program:program", kwargs={"slug": personas.meeting.slug})
    assert "Africa call" in personas.client_for(amara).get(program).text
    assert "Africa call" not in personas.client_for(personas.participant).get(program).text
    assert "Africa call" not in personas.client_for(None).get(program).text
    listing = reverse("announcements:list", kwargs={"slug": personas.meeting.slug})
    assert "Hello <strong>all</strong>" in personas.client_for(amara).get(listing).text


def test_organiser_pages_write_preview_and_send(world):
    personas, africa, amara, bo = world
    client = personas.client_for(personas.organiser)
    new = reverse("organise:announcement_new", kwargs={"slug": personas.meeting.slug})
    refused = client.post(new, {"subject": "", "body": "x", "audience": "everyone"})
    assert refused.status_code == 400 and not Announcement.objects.exists()
    response = client.post(
        new, {"subject": "Africa call", "body": "Join *us*.", "audience": "region", "region": africa.pk}
    )
    announcement = Announcement.objects.get()
    assert response["Location"] == reverse(
        "organise:announcement_preview", kwargs={"slug": personas.meeting.slug, "pk": announcement.pk}
    )
    preview = client.get(response["Location"]).text
    assert "Send to 2 people" in preview and "<em>us</em>" in preview and not Delivery.objects.exists()
    send = reverse("organise:announcement_send", kwargs={"slug": personas.meeting.slug, "pk": announcement.pk})
    assert client.post(send).status_code == 302
    assert Delivery.objects.filter(status="pending").count() == 2


def test_preferences_page(personas):
    client = personas.client_for(personas.participant)
    url = reverse("announcements:preferences", kwargs={"slug": personas.meeting.slug})
    assert client.post(url, {"reminder_minutes": "3"}).status_code == 400
    assert not MailPreference.objects.exists()
    assert client.post(url, {"reminder_minutes": "15"}).status_code == 302
    preference = MailPreference.objects.get(participant=personas.participant)
    assert (preference.announcements, preference.reminder_minutes) == (False, 15)  # unticked box: opted out
    assert personas.client_for(personas.guest).get(url).status_code == 403


def test_reminders_go_once_per_start_and_again_when_the_session_moves(personas):
    session = SessionFactory(meeting=personas.meeting)
    Star.objects.create(participant=personas.participant, session=session)
    Star.objects.create(participant=personas.facilitator, session=session)  # no reminders asked
    MailPreference.objects.create(participant=personas.participant, reminder_minutes=15)
    assert services.send_due_reminders(now=session.starts_at - timedelta(minutes=16)) == 0
    assert services.send_due_reminders(now=session.starts_at - timedelta(minutes=14)) == 1
    assert services.send_due_reminders(now=session.starts_at - timedelta(minutes=10)) == 0
    assert [m.to for m in mail.outbox] == [[personas.participant.user.email]]
    assert session.title in mail.outbox[0].subject
    session.starts_at += timedelta(hours=2)
    session.ends_at += timedelta(hours=2)
    session.save()
    assert services.send_due_reminders(now=session.starts_at - timedelta(minutes=5)) == 1
    assert Reminder.objects.count() == 2
    assert Participant.objects.count() == 4
