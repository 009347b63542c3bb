"""The admin as a new organiser finds it: the meeting they create is theirs, pickers offer this meeting's people
and themes only (namesakes told apart), and the labels read as English."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

from convener.people.models import Participant
from convener.people.services import participant_set_role
from convener.program.models import Meeting, SessionRole
from tests.factories import MeetingFactory, ParticipantFactory, SessionFactory, ThemeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(personas):
    participant_set_role(participant=personas.organiser, role="organiser")
    return personas.client_for(personas.organiser)


def meeting_form(**overrides):
    data = {
        "name": "Regional meeting Africa",
        "slug": "africa-2027",
        "description": "",
        "start_date": "2027-06-01",
        "end_date": "2027-06-03",
        "time_zone": "Africa/Nairobi",
        "registration": "open",
        "themes-TOTAL_FORMS": "1",
        "themes-INITIAL_FORMS": "0",
        "themes-MIN_NUM_FORMS": "0",
        "themes-MAX_NUM_FORMS": "1000",
        "themes-0-name": "Data mobilisation",
        "themes-0-order": "0",
        "themes-0-description": "",
    }
    data.update(overrides)
    return data


def allow_meeting_creation(user):
    user.user_permissions.add(Permission.objects.get(content_type__app_label="program", codename="add_meeting"))


def test_organising_a_meeting_does_not_by_itself_allow_adding_one(personas, organiser_client):
    response = organiser_client.post("/admin/program/meeting/add/", meeting_form())
    assert response.status_code == 403
    assert not Meeting.objects.filter(slug="africa-2027").exists()


def test_an_organiser_who_adds_a_meeting_in_the_admin_organises_it(personas, organiser_client):
    user = personas.organiser.user
    assert user.is_staff and user.groups.filter(name="Organisers").exists()
    allow_meeting_creation(user)
    response = organiser_client.post("/admin/program/meeting/add/", meeting_form())
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get(slug="africa-2027")
    me = Participant.objects.get(meeting=meeting, user=user)
    assert me.role == Participant.Role.ORGANISER and me.time_zone == "Africa/Nairobi"
    assert me.name == "Olga Organiser"  # the name they go by in their other meeting
    assert list(meeting.themes.values_list("name", flat=True)) == ["Data mobilisation"]
    page = organiser_client.get("/m/africa-2027/").content.decode()
    assert "Register for this meeting" not in page and 'href="/m/africa-2027/plan/' in page
    assert "Regional meeting Africa" in organiser_client.get("/admin/program/meeting/").content.decode()


def test_a_superuser_who_adds_a_meeting_organises_it_too(client):
    admin_user = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin_user)
    response = client.post("/admin/program/meeting/add/", meeting_form(slug="root-meeting"))
    assert response.status_code == 302
    assert Participant.objects.get(meeting__slug="root-meeting", user=admin_user).role == "organiser"


def test_a_bad_new_meeting_is_refused_and_makes_no_organiser(personas, organiser_client):
    allow_meeting_creation(personas.organiser.user)
    response = organiser_client.post(
        "/admin/program/meeting/add/", meeting_form(start_date="2027-06-05", time_zone="Mars/Olympus")
    )
    assert response.status_code == 200
    assert "Mars/Olympus is not a known time zone" in response.content.decode()
    assert not Meeting.objects.filter(slug="africa-2027").exists()
    assert Participant.objects.filter(user=personas.organiser.user).count() == 1


@pytest.fixture
def two_meetings(personas, organiser_client):
    """The organiser runs two meetings; each has its own Camille Laurent and its own theme."""
    other = MeetingFactory(slug="other")
    ParticipantFactory(meeting=other, user=personas.organiser.user, role="organiser", name="Olga Organiser")
    ours = ParticipantFactory(meeting=personas.meeting, name="Camille Laurent", user=UserFactory(username="camille.fr"))
    theirs = ParticipantFactory(meeting=other, name="Camille Laurent", user=UserFactory(username="camille.ca"))
    return {
        "other": other,
        "ours": ours,
        "theirs": theirs,
        "our_theme": ThemeFactory(meeting=personas.meeting, name="Our theme"),
        "their_theme": ThemeFactory(meeting=other, name="Their theme"),
    }


def choices(response, field):
    """(value, label) of a picker on the session admin page: the session's own field, or the inline's."""
    if field == "participant":
        form = response.context["inline_admin_formsets"][0].formset.empty_form
    else:
        form = response.context["adminform"].form
    return [(str(value), label) for value, label in form.fields[field].choices if value != ""]


def test_the_session_admin_offers_only_this_meetings_people_and_themes(personas, organiser_client, two_meetings):
    session = SessionFactory(meeting=personas.meeting)
    response = organiser_client.get(f"/admin/program/session/{session.pk}/change/")
    people = choices(response, "participant")
    ours = two_meetings["ours"]
    assert {value for value, _ in people} == {str(p.pk) for p in Participant.objects.filter(meeting=personas.meeting)}
    assert (str(ours.pk), "Camille Laurent (camille.fr@example.org, " + ours.node.name + ")") in people
    assert [label for _, label in choices(response, "theme")] == ["Our theme"]
    page = response.content.decode()
    assert "camille.ca@example.org" not in page and "Their theme" not in page


def test_a_new_sessions_pickers_follow_the_meeting_chosen(personas, organiser_client, two_meetings):
    response = organiser_client.get(f"/admin/program/session/add/?meeting={two_meetings['other'].pk}")
    people = choices(response, "participant")
    assert str(two_meetings["theirs"].pk) in {value for value, _ in people}
    assert str(two_meetings["ours"].pk) not in {value for value, _ in people}
    assert [label for _, label in choices(response, "theme")] == ["Their theme"]


def test_the_other_meetings_namesake_is_refused_next_to_the_field(personas, organiser_client, two_meetings):
    session = SessionFactory(meeting=personas.meeting, title="Panel")
    data = {
        "meeting": personas.meeting.pk,
        "kind": "panel",
        "title": "Panel",
        "theme": two_meetings["their_theme"].pk,
        "starts_at_0": "2027-03-25",
        "starts_at_1": "14:00:00",
        "ends_at_0": "2027-03-25",
        "ends_at_1": "15:30:00",
        "goal": "To meet.",
        "format": "",
        "preparation": "",
        "join_link": session.join_link,
        "recording_url": "",
        "roles-TOTAL_FORMS": "1",
        "roles-INITIAL_FORMS": "0",
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000",
        "roles-0-participant": two_meetings["theirs"].pk,
        "roles-0-role": "facilitator",
    }
    response = organiser_client.post(f"/admin/program/session/{session.pk}/change/", data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["theme"]
    assert response.context["inline_admin_formsets"][0].formset.forms[0].errors["participant"]
    assert not SessionRole.objects.exists()
    session.refresh_from_db()
    assert session.theme is None


def test_admin_labels_have_english_plurals():
    def wrong(name: str, plural: str) -> bool:
        if plural != name + "s":
            return False
        return name.endswith(("s", "sh", "ch", "x", "z")) or (name.endswith("y") and name[-2:-1] not in "aeiou")

    bad = [
        f"{model.__name__}: {model._meta.verbose_name_plural}"
        for model in apps.get_models()
        if model.__module__.startswith("convener.")
        and wrong(str(model._meta.verbose_name), str(model._meta.verbose_name_plural))
    ]
    assert bad == []


def test_the_admin_index_reads_video_settings_and_watches(client):
    client.force_login(get_user_model().objects.create_superuser("root", "root@example.org", "x"))
    page = client.get("/admin/").content.decode()
    assert "Video settings" in page and "Watches" in page
    assert "settingss" not in page.lower() and "Watchs" not in page
