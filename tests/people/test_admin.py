"""The participant admin: languages and time zone are picked from lists, and a wrong zone is refused."""

from __future__ import annotations

import pytest

from convener.people.admin import ParticipantAdminForm
from convener.people.services import participant_set_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser_client(personas):
    participant_set_role(participant=personas.organiser, role="organiser")
    return personas.client_for(personas.organiser)


def participant_form(participant, **overrides):
    data = {
        "meeting": participant.meeting_id,
        "user": participant.user_id,
        "name": participant.name,
        "node": participant.node_id or "",
        "role": participant.role,
        "time_zone": participant.time_zone,
        "languages": participant.languages,
        "work_start": "09:00",
        "work_end": "17:00",
        "represents": "",
    }
    data.update(overrides)
    return data


def test_the_participant_page_offers_lists_for_languages_and_zone(personas, organiser_client):
    page = organiser_client.get(f"/admin/people/participant/{personas.participant.pk}/change/").content.decode()
    assert '<select name="languages"' in page and "multiple" in page
    assert '<option value="es">Spanish</option>' in page
    assert '<select name="time_zone"' in page and '<option value="Asia/Kathmandu">Asia/Kathmandu</option>' in page


def test_languages_are_chosen_from_the_list(personas, organiser_client):
    person = personas.participant
    response = organiser_client.post(
        f"/admin/people/participant/{person.pk}/change/",
        participant_form(person, languages=["es", "fr"], time_zone="America/Bogota"),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person.refresh_from_db()
    assert sorted(person.languages) == ["es", "fr"] and person.time_zone == "America/Bogota"


def test_an_unknown_zone_is_refused_next_to_the_field_and_nothing_changes(personas, organiser_client):
    person = personas.participant
    before = (person.name, person.time_zone, person.languages)
    response = organiser_client.post(
        f"/admin/people/participant/{person.pk}/change/",
        participant_form(person, name="Changed", time_zone="Mars/Olympus", languages=["es"]),
    )
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert errors["time_zone"] == [
        "Mars/Olympus is not a known time zone; choose one such as Europe/Copenhagen from the list."
    ]
    person.refresh_from_db()
    assert (person.name, person.time_zone, person.languages) == before


def test_the_form_refuses_an_unknown_language_and_keeps_an_old_one(personas):
    person = personas.participant
    person.languages, person.time_zone = ["zh-hans"], "Asia/Calcutta"  # saved before the lists
    form = ParticipantAdminForm(instance=person, data=participant_form(person, languages=["klingon"]))
    assert not form.is_valid()
    assert form.errors["languages"] == ["klingon is not a language on the list; choose from it."]
    form = ParticipantAdminForm(instance=person, data=participant_form(person))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["languages"] == ["zh-hans"] and form.cleaned_data["time_zone"] == "Asia/Calcutta"
    form = ParticipantAdminForm(instance=person, data=participant_form(person, time_zone="", languages=[]))
    assert form.is_valid(), form.errors
