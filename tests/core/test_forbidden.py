"""One 403 page for the whole site: why, and the way back to the meeting."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        ("scheduling:plan", "Only the meeting's organisers plan its sessions."),  # PermissionDenied, Django's handler
        ("surveys:create", "Only the meeting's organisers build surveys and see results."),
        ("availability:poll_create", "Only the meeting's organisers propose polls."),
    ],
)
def test_every_refusal_reads_the_same_with_its_reason(personas, route, reason):
    response = personas.client_for(personas.participant).get(reverse(route, args=[personas.meeting.slug]))

    assert response.status_code == 403
    page = response.content.decode()
    assert "<h1>Not available</h1>" in page
    assert reason.replace("'", "&#x27;") in page
    assert reverse("program:program", args=[personas.meeting.slug]) in page
