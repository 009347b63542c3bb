import pytest
from django.urls import reverse

from convener.people.models import Participant
from convener.program.models import Meeting
from tests.factories import NodeFactory

pytestmark = pytest.mark.django_db


def register_url(slug="gnm"):
    return reverse("program:register", kwargs={"slug": slug})


def test_registering_needs_sign_in(personas, client):
    response = client.get(register_url())
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_signed_in_user_registers_with_node_zone_and_languages(personas):
    node = NodeFactory(name="GBIF Nepal", country="NP")
    client = personas.client_for(personas.stranger)
    response = client.post(
        register_url(),
        {
            "name": "Sam Stranger",
            "node": node.pk,
            "time_zone": "Asia/Kathmandu",
            "languages": ["en", "ne"],
        },
    )
    assert response.status_code == 302
    participant = Participant.objects.get(user=personas.stranger)
    assert (participant.node, participant.time_zone, participant.languages, participant.role) == (
        node,
        "Asia/Kathmandu",
        ["en", "ne"],
        Participant.Role.PARTICIPANT,
    )


def test_registration_under_approval_makes_a_guest(personas):
    Meeting.objects.filter(pk=personas.meeting.pk).update(registration=Meeting.Registration.APPROVAL)
    client = personas.client_for(personas.stranger)
    client.post(register_url(), {"name": "Sam", "time_zone": "UTC", "languages": ["en"]})
    assert Participant.objects.get(user=personas.stranger).role == Participant.Role.GUEST


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("time_zone", "Mars/Base", "Select a valid choice"),
        ("languages", "xx", "Select a valid choice"),
        ("name", "", "This field is required"),
        ("node", "999999", "Select a valid choice"),
        ("name", "Sam\nSecond line", "Keep this on one line: remove the line break."),
        ("name", "Sam\u2028Stranger", "Keep this on one line: remove the line break."),
    ],
)
def test_bad_registration_input_is_explained_and_saves_nothing(personas, field, value, message):
    data = {"name": "Sam", "time_zone": "UTC", "languages": ["en"]}
    data[field] = value
    response = personas.client_for(personas.stranger).post(register_url(), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Participant.objects.filter(user=personas.stranger).exists()


def test_a_registered_participant_is_sent_back_to_the_program(personas):
    response = personas.client_for(personas.participant).get(register_url())
    assert response["Location"] == reverse("program:program", kwargs={"slug": "gnm"})


def test_the_zone_picker_remembers_the_choice_in_a_cookie_and_on_the_profile(personas):
    client = personas.client_for(personas.participant)
    response = client.post(reverse("time_zone"), {"time_zone": "Pacific/Apia", "next": "/m/gnm/"})
    assert response.status_code == 302 and response["Location"] == "/m/gnm/"
    assert response.cookies["convener_tz"].value == "Pacific/Apia"
    personas.participant.refresh_from_db()
    assert personas.participant.time_zone == "Pacific/Apia"
    assert "Times in <strong>Pacific/Apia</strong>" in client.get("/m/gnm/").content.decode()


def test_the_zone_picker_refuses_an_unknown_zone(personas, client):
    response = client.post(reverse("time_zone"), {"time_zone": "Europe/Atlantis"})
    assert response.status_code == 400
    assert "convener_tz" not in response.cookies


def test_becoming_organiser_opens_the_admin_and_losing_it_closes_it(personas):
    from convener.people.services import participant_set_role

    user = personas.participant.user
    participant_set_role(participant=personas.participant, role=Participant.Role.ORGANISER)
    user.refresh_from_db()
    assert user.is_staff and user.has_perm("program.change_session")
    client = personas.client_for(personas.participant)
    assert client.get("/admin/program/session/").status_code == 200
    participant_set_role(participant=personas.participant, role=Participant.Role.PARTICIPANT)
    user.refresh_from_db()
    assert not user.is_staff
