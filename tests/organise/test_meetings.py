"""A new meeting from the organiser area, a copy of an earlier one, and co-organisers."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.urls import reverse

from convener.networking.models import Prompt, VideoSettings
from convener.people.models import Participant
from convener.program.models import Meeting, Session, Theme
from tests.factories import SessionFactory, UserFactory

pytestmark = pytest.mark.django_db

NEW = reverse("organise:meeting_new")
FORM = {
    "name": "Global Nodes Meeting 2028",
    "slug": "gnm-2028",
    "start_date": "2028-03-20",
    "end_date": "2028-03-24",
    "time_zone": "America/Bogota",
    "description": "The **second** one.",
    "registration": "open",
    "provider": "jitsi",
    "jitsi_base_url": "https://jitsi.example.org",
}


def allowed_user(username="maker"):
    user = UserFactory(username=username)
    call_command("allow_meeting_creation", user.email, stdout=io.StringIO())
    return user


def test_a_user_without_the_permission_is_refused(client):
    client.force_login(UserFactory(username="nobody"))
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, FORM).status_code == 403
    assert not Meeting.objects.filter(slug="gnm-2028").exists()


def test_the_maker_is_the_organiser_and_sees_the_organise_menu(client):
    user = allowed_user()
    client.force_login(user)
    response = client.post(NEW, FORM)
    assert response.status_code == 302 and response["Location"] == "/m/gnm-2028/organise/"
    meeting = Meeting.objects.get(slug="gnm-2028")
    assert meeting.time_zone == "America/Bogota"
    assert Participant.objects.get(meeting=meeting, user=user).role == Participant.Role.ORGANISER
    assert VideoSettings.objects.get(meeting=meeting).jitsi_base_url == "https://jitsi.example.org"
    program = client.get(reverse("program:program", kwargs={"slug": "gnm-2028"})).text
    assert "Register for this meeting" not in program
    assert 'href="/m/gnm-2028/organise/"' in program


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("end_date", "2028-03-01", "must end on or after its first day"),
        ("time_zone", "Mars/Olympus", "not a known time zone"),
        ("slug", "has spaces", "Enter a valid"),
        ("name", "", "required"),
        ("start_date", "2028-02-30", "Enter a valid date"),
    ],
)
def test_bad_input_is_refused_beside_its_field_and_changes_nothing(client, field, value, message):
    client.force_login(allowed_user())
    response = client.post(NEW, {**FORM, field: value})
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert not Meeting.objects.filter(slug=FORM["slug"]).exists()


def test_a_taken_address_is_refused(client, personas):
    client.force_login(allowed_user())
    response = client.post(NEW, {**FORM, "slug": personas.meeting.slug})
    assert response.status_code == 400 and "Another meeting has this address" in response.text


def test_copy_from_an_earlier_meeting_brings_themes_and_prompts_not_sessions_or_people(client, personas):
    Theme.objects.create(meeting=personas.meeting, name="Data mobilisation", order=2)
    Prompt.objects.create(meeting=personas.meeting, text="What surprised you this year?")
    SessionFactory(meeting=personas.meeting)
    user = personas.organiser.user
    Permission.objects.get(codename="add_meeting").user_set.add(user)
    client.force_login(user)
    assert client.post(NEW, {**FORM, "copy_from": personas.meeting.pk}).status_code == 302
    copy = Meeting.objects.get(slug="gnm-2028")
    assert list(copy.themes.values_list("name", "order")) == [("Data mobilisation", 2)]
    assert list(copy.prompts.values_list("text", flat=True)) == ["What surprised you this year?"]
    assert not Session.objects.filter(meeting=copy).exists()
    assert list(copy.participants.values_list("user", flat=True)) == [user.pk]


def test_copy_only_from_a_meeting_one_organises(client, personas):
    client.force_login(allowed_user())
    response = client.post(NEW, {**FORM, "copy_from": personas.meeting.pk})
    assert response.status_code == 400 and "copy_from" in response.context["form"].errors


def test_co_organisers_are_added_by_email_and_removed(personas):
    client = personas.client_for(personas.organiser)
    url = reverse("organise:organisers", kwargs={"slug": personas.meeting.slug})
    assert client.post(url, {"email": personas.participant.user.email}).status_code == 302
    personas.participant.refresh_from_db()
    assert personas.participant.role == Participant.Role.ORGANISER
    assert client.post(url, {"email": "New.Person@Example.org", "name": "Nia New"}).status_code == 302
    nia = Participant.objects.get(meeting=personas.meeting, user__email="new.person@example.org")
    assert nia.role == Participant.Role.ORGANISER and nia.name == "Nia New"
    assert not nia.user.has_usable_password()
    again = client.post(url, {"email": "new.person@example.org"})
    assert again.status_code == 400 and "already an organiser" in again.text
    assert client.post(url, {"email": "not an email"}).status_code == 400
    remove = reverse("organise:organiser_remove", kwargs={"slug": personas.meeting.slug, "pk": nia.pk})
    assert client.post(remove).status_code == 302
    nia.refresh_from_db()
    assert nia.role == Participant.Role.PARTICIPANT


def test_the_last_organiser_cannot_step_down(personas):
    client = personas.client_for(personas.organiser)
    remove = reverse("organise:organiser_remove", kwargs={"slug": personas.meeting.slug, "pk": personas.organiser.pk})
    response = client.post(remove, follow=True)
    assert "only organiser" in response.text
    personas.organiser.refresh_from_db()
    assert personas.organiser.role == Participant.Role.ORGANISER


def test_allow_meeting_creation_command_grants_and_revokes():
    user = allowed_user("granted")
    assert user.has_perm("program.add_meeting")
    call_command("allow_meeting_creation", user.email, "--revoke", stdout=io.StringIO())
    user = type(user).objects.get(pk=user.pk)
    assert not user.has_perm("program.add_meeting")
