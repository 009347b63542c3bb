"""Invitations with a sign-in link, registration modes, and the network's nodes and regions."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from convener.announcements import invitations
from convener.announcements.models import Invitation
from convener.people.models import Node, Participant, Region
from convener.program.models import Meeting
from tests.factories import ParticipantFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_invitation_link_sets_the_password_and_signs_in(personas, client):
    user = UserFactory(username="new.person", email="new.person@example.org")
    user.set_unusable_password()
    user.save()
    person = ParticipantFactory(meeting=personas.meeting, user=user, name="New Person")
    organiser = personas.client_for(personas.organiser)
    url = reverse("organise:people_invite", kwargs={"slug": personas.meeting.slug})
    assert organiser.post(url, {"person": person.pk}).status_code == 302
    assert Invitation.objects.get().status == "pending"
    assert invitations.deliver_invitations(personas.meeting.pk) == 1
    assert invitations.deliver_invitations(personas.meeting.pk) == 0  # once
    (message,) = mail.outbox
    assert message.to == [user.email] and personas.meeting.name in message.subject
    path = re.search(r"http://[^/\s]+(/accounts/password/reset/key/\S+/)", message.body).group(1)
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200 and "password1" in form_page.text
    set_password = form_page.redirect_chain[-1][0] if form_page.redirect_chain else path
    done = client.post(
        set_password, {"password1": "a-fresh-long-password", "password2": "a-fresh-long-password"}, follow=True
    )
    assert done.status_code == 200
    assert client.session.get("_auth_user_id") == str(user.pk)  # signed in by setting the password


def test_invite_everyone_new_skips_those_who_signed_in(personas):
    user = personas.participant.user
    user.last_login = personas.participant.created_at
    user.save()
    organiser = personas.client_for(personas.organiser)
    organiser.post(reverse("organise:people_invite", kwargs={"slug": personas.meeting.slug}))
    invited = set(Invitation.objects.values_list("participant__name", flat=True))
    assert invited == {"Fatou Facilitator", "Gita Guest"}  # not the organiser, not who signed in


def test_an_unknown_person_invites_nobody(personas):
    organiser = personas.client_for(personas.organiser)
    response = organiser.post(
        reverse("organise:people_invite", kwargs={"slug": personas.meeting.slug}), {"person": "99999"}, follow=True
    )
    assert "Nobody to invite" in response.text and not Invitation.objects.exists()


@pytest.mark.parametrize(("mode", "message"), [("invite", "invite its participants"), ("closed", "closed")])
def test_invite_only_and_closed_meetings_take_no_sign_ups(personas, mode, message):
    Meeting.objects.filter(pk=personas.meeting.pk).update(registration=mode)
    stranger = personas.client_for(personas.stranger)
    url = reverse("program:register", kwargs={"slug": personas.meeting.slug})
    assert message in stranger.get(url).text
    response = stranger.post(url, {"name": "Sam", "time_zone": "UTC", "languages": ["en"]})
    assert response.status_code == 403
    assert not Participant.objects.filter(user=personas.stranger).exists()
    program = stranger.get(reverse("program:program", kwargs={"slug": personas.meeting.slug})).text
    assert "Register for this meeting" not in program


def test_nodes_and_regions_are_kept_from_the_organiser_area(personas):
    organiser = personas.client_for(personas.organiser)
    url = reverse("organise:network", kwargs={"slug": personas.meeting.slug})
    added_region = organiser.post(url, {"add": "region", "region-name": "Oceania", "region-slug": "oceania"})
    assert added_region.status_code == 302
    oceania = Region.objects.get(slug="oceania")
    node = {"add": "node", "node-name": "GBIF Fiji", "node-country": "FJ", "node-region": oceania.pk}
    added = organiser.post(url, node | {"node-kind": "national"})
    assert added.status_code == 302 and Node.objects.get(name="GBIF Fiji").region == oceania
    refused = organiser.post(url, node | {"node-kind": "national"})
    assert refused.status_code == 400 and Node.objects.filter(name="GBIF Fiji").count() == 1
    assert personas.client_for(personas.participant).get(url).status_code == 403
