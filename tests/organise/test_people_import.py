"""People from a CSV: preview, errors naming line and column, all or nothing, nodes offered."""

from __future__ import annotations

import html
from datetime import time

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from convener.organise.services import people_import
from convener.people.models import Node, Participant
from tests.factories import RegionFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "name,email,node,country,region,languages,time zone,role,working hours\n"


def upload(client, slug, text):
    url = reverse("organise:people_import", kwargs={"slug": slug})
    return client.post(url, {"file": SimpleUploadedFile("people.csv", text.encode(), "text/csv")})


def apply(client, slug, text, create_nodes=False):
    url = reverse("organise:people_import_apply", kwargs={"slug": slug})
    data = {"text": text} | ({"create_nodes": "on"} if create_nodes else {})
    return client.post(url, data)


def snapshot():
    return (
        list(Participant.objects.order_by("pk").values()),
        get_user_model().objects.count(),
        Node.objects.count(),
    )


def test_preview_then_import_creates_updates_and_makes_new_nodes(personas):
    RegionFactory(name="Africa", slug="africa")
    UserFactory(username="known", email="known@example.org")
    text = HEADER + (
        "Ana Ruiz,ana@example.org,GBIF Colombia,,,es; en,America/Bogota,presenter,08:00-16:00\n"
        "Kofi Mensah,kofi@example.org,GBIF Ghana,GH,Africa,en fr,Africa/Accra,,\n"
        "Known Person,KNOWN@example.org,,,,,,,\n"
        f"Pablo P.,{personas.participant.user.email},,,,,Asia/Kathmandu,facilitator,\n"
    )
    client = personas.client_for(personas.organiser)
    before = snapshot()
    preview = upload(client, "gnm", text)
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert plan.ok and plan.summary == {"new account": 2, "add": 1, "update": 1, "unchanged": 0}
    assert list(plan.new_nodes) == ["gbif ghana"]
    assert "GBIF Ghana" in preview.text and "Create the 1 new node" in preview.text
    assert snapshot() == before  # a preview writes nothing

    refused = apply(client, "gnm", text)  # the new node was not ticked
    assert refused.status_code == 400 and "tick" in refused.text
    assert snapshot() == before

    done = apply(client, "gnm", text, create_nodes=True)
    assert done.status_code == 302
    ana = Participant.objects.get(meeting=personas.meeting, user__email="ana@example.org")
    assert (ana.role, ana.languages, ana.time_zone) == ("presenter", ["es", "en"], "America/Bogota")
    assert (ana.work_start, ana.work_end) == (time(8), time(16))
    assert not ana.user.has_usable_password()
    kofi = Participant.objects.get(user__email="kofi@example.org")
    assert (kofi.node.name, kofi.node.region.slug, kofi.node.country.code) == ("GBIF Ghana", "africa", "GH")
    known = Participant.objects.get(user__email="known@example.org")
    assert known.role == "participant" and known.time_zone == personas.meeting.time_zone
    personas.participant.refresh_from_db()
    assert (personas.participant.name, personas.participant.role) == ("Pablo P.", "facilitator")
    assert personas.participant.time_zone == "Asia/Kathmandu"


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        ("Ana,not-an-email,,,,,,,", "email", "not an email address"),
        (",ana@example.org,,,,,,,", "name", "name is empty"),
        ("Ana,ana@example.org,,,,zz,,,", "languages", "unknown language code 'zz'"),
        ("Ana,ana@example.org,,,,,Mars/Olympus,,", "time zone", "not a known time zone"),
        ("Ana,ana@example.org,,,,,,chief,", "role", "unknown role"),
        ("Ana,ana@example.org,,,,,,,17:00-09:00", "working hours", "must end after they start"),
        ("Ana,ana@example.org,,,,,,,nine to five", "working hours", "not a span"),
        ("Ana,ana@example.org,Nowhere Node,,Atlantis,,,,", "region", "must name its region"),
        ("Ana,ana@example.org,,,,,,,,extra", "", "values for 9 columns"),
        ('"Ana\nBanana",ana@example.org,,,,,,,', "name", "line break"),
        ("Pablo,pablo2@example.org,,,,,,,\nPablo,PABLO2@example.org,,,,,,,", "email", "already on line 2"),
    ],
)
def test_a_bad_row_anywhere_names_line_and_column_and_nothing_is_imported(personas, row, column, message):
    good = "".join(f"Person {i},p{i}@example.org,,,,,,,\n" for i in range(3))
    text = HEADER + row + "\n" + good
    client = personas.client_for(personas.organiser)
    before = snapshot()
    preview = upload(client, "gnm", text)
    plan = preview.context["plan"]
    assert not plan.ok
    error = plan.errors[0]
    assert error.line in {2, 3} and error.column == column and message in error.message, error
    assert "Import 3 people" not in preview.text  # no import button while a row is wrong
    assert apply(client, "gnm", text).status_code == 400
    assert snapshot() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"name,email,shoe size\n", "Unknown column 'shoe size'"),
        (b"name,node\n", "no 'email' column"),
        ("name,email\nJosé,jose@example.org\n".encode("latin-1"), "not UTF-8"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_with_the_reason(personas, content, message):
    client = personas.client_for(personas.organiser)
    url = reverse("organise:people_import", kwargs={"slug": "gnm"})
    response = client.post(url, {"file": SimpleUploadedFile("people.csv", content, "text/csv")})
    assert response.status_code == 400 and message in html.unescape(response.text)


def test_the_import_never_demotes_an_organiser(personas):
    text = HEADER + f"Olga,{personas.organiser.user.email},,,,,,participant,\n"
    plan = people_import.plan(personas.meeting, text)
    assert plan.errors and plan.errors[0].column == "role" and "Organisers page" in plan.errors[0].message


def test_headers_are_read_loosely_and_a_bom_is_ignored(personas):
    text = "\ufeffName,EMAIL,Time_Zone\nAna,ana@example.org,Europe/Madrid\n"
    plan = people_import.plan(personas.meeting, text)
    assert plan.ok and plan.rows[0].fields["time_zone"] == "Europe/Madrid"
