import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db


def test_a_visitor_signs_up_with_email_and_then_registers(personas, client):
    response = client.post(
        "/accounts/signup/",
        {
            "email": "ana.lima@example.org",
            "password1": "a-long-passphrase-42",
            "password2": "a-long-passphrase-42",
        },
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="ana.lima@example.org")
    assert client.get("/m/gnm/register/").status_code == 200
    assert not user.participations.exists()


def test_sign_up_refuses_a_taken_email_and_creates_nobody(personas, client):
    existing = personas.participant.user.email
    response = client.post(
        "/accounts/signup/",
        {
            "email": existing,
            "password1": "a-long-passphrase-42",
            "password2": "a-long-passphrase-42",
        },
    )
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert get_user_model().objects.filter(email=existing).count() == 1


def test_sign_in_with_email_and_password(personas, client):
    from tests.factories import PASSWORD

    response = client.post("/accounts/login/", {"login": personas.participant.user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert "My agenda" in client.get("/m/gnm/").content.decode()


def test_a_wrong_password_is_refused(personas, client):
    response = client.post("/accounts/login/", {"login": personas.participant.user.email, "password": "nope"})
    assert response.status_code == 200
    assert "not correct" in response.content.decode()
