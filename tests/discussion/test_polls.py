"""Live polls: prepared as drafts, opened and closed by moderators, answered once, results as a chart."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from convener.discussion import selectors, services
from convener.discussion.models import LivePoll, LivePollAnswer, LivePollBallot

pytestmark = pytest.mark.django_db


def poll_url(name, poll):
    return reverse(f"discussion:{name}", kwargs={"slug": "gnm", "pk": poll.pk})


def make_poll(personas, live, kind="single", choices=("Yes", "No", "Not sure")):
    return services.poll_create(
        session=live, by=personas.facilitator, question="Shall we meet again?", kind=kind, choices=list(choices)
    )


def test_an_organiser_prepares_a_poll_that_participants_see_only_once_open(personas, live):
    client = personas.client_for(personas.organiser)
    url = reverse("discussion:poll_create", kwargs={"slug": "gnm", "pk": live.pk})
    assert (
        client.post(
            url, {"question": "Your region?", "kind": "single", "choices": "Africa\r\nAsia\r\n\r\nEurope"}
        ).status_code
        == 302
    )
    poll = LivePoll.objects.get()
    assert poll.status == "draft" and [c.text for c in poll.choices.all()] == ["Africa", "Asia", "Europe"]
    participant = personas.client_for(personas.participant)
    qa = reverse("discussion:qa", kwargs={"slug": "gnm", "pk": live.pk})
    assert "Your region?" not in participant.get(qa).content.decode()
    assert client.post(poll_url("poll_status", poll), {"status": "open"}).status_code == 302
    page = participant.get(qa).content.decode()
    assert "Your region?" in page and 'type="radio"' in page


def test_answers_are_counted_once_per_person_and_shown_as_percentages(personas, live, members):
    poll = make_poll(personas, live)
    services.poll_set_status(poll=poll, by=personas.organiser, status="open")
    yes, no, unsure = poll.choices.all()
    people = members(4)
    for person, choice in zip(people, [yes, yes, yes, no], strict=True):
        services.poll_answer(poll=poll, by=person, choice_ids=[str(choice.pk)])
    with pytest.raises(ValidationError, match="already answered"):
        services.poll_answer(poll=poll, by=people[0], choice_ids=[no.pk])
    result = selectors.poll_results([poll])[poll.pk]
    assert result.voters == 4
    assert [(c.text, c.count, c.percent) for c in result.choices] == [("Yes", 3, 75), ("No", 1, 25), ("Not sure", 0, 0)]
    page = (
        personas.client_for(personas.guest)
        .get(reverse("discussion:qa", kwargs={"slug": "gnm", "pk": live.pk}))
        .content.decode()
    )
    assert "3 · 75%" in page and 'width="75"' in page and "4 people have answered" in page


def test_single_choice_takes_one_answer_and_multiple_takes_several(personas, live):
    single = make_poll(personas, live)
    services.poll_set_status(poll=single, by=personas.organiser, status="open")
    ids = [c.pk for c in single.choices.all()]
    with pytest.raises(ValidationError, match="exactly one"):
        services.poll_answer(poll=single, by=personas.participant, choice_ids=ids[:2])
    multiple = make_poll(personas, live, kind="multiple")
    services.poll_set_status(poll=multiple, by=personas.organiser, status="open")
    services.poll_answer(poll=multiple, by=personas.participant, choice_ids=[c.pk for c in multiple.choices.all()][:2])
    assert LivePollAnswer.objects.filter(ballot__poll=multiple).count() == 2


@pytest.mark.parametrize("junk", [[], ["abc"], [None], ["999999"], "1", [2**80], [-1]])
def test_junk_answers_change_nothing(personas, live, junk):
    poll = make_poll(personas, live)
    services.poll_set_status(poll=poll, by=personas.organiser, status="open")
    with pytest.raises(ValidationError):
        services.poll_answer(poll=poll, by=personas.participant, choice_ids=junk)
    assert not LivePollBallot.objects.exists()


def test_drafts_and_closed_polls_take_no_answers_and_the_closed_qa_neither(personas, live):
    poll = make_poll(personas, live)
    choice = poll.choices.first().pk
    with pytest.raises(ValidationError, match="not open"):
        services.poll_answer(poll=poll, by=personas.participant, choice_ids=[choice])
    services.poll_set_status(poll=poll, by=personas.organiser, status="open")
    services.qa_set_status(session=live, by=personas.organiser, status="closed")
    with pytest.raises(ValidationError, match="closed"):
        services.poll_answer(poll=poll, by=personas.participant, choice_ids=[choice])
    services.qa_set_status(session=live, by=personas.organiser, status="open")
    services.poll_set_status(poll=poll, by=personas.organiser, status="closed")
    response = personas.client_for(personas.participant).post(
        poll_url("poll_answer", poll), {"choice": choice}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 400 and "not open" in response.content.decode()
    with pytest.raises(ValidationError, match="can only be opened"):
        services.poll_set_status(poll=poll, by=personas.organiser, status="draft")
    assert not LivePollBallot.objects.exists()


def test_only_moderators_run_polls_and_guests_do_not_answer(personas, live):
    with pytest.raises(PermissionDenied):
        services.poll_create(session=live, by=personas.participant, question="Mine?", kind="single", choices=["a", "b"])
    poll = make_poll(personas, live)
    assert (
        personas.client_for(personas.participant).post(poll_url("poll_status", poll), {"status": "open"}).status_code
        == 403
    )
    services.poll_set_status(poll=poll, by=personas.organiser, status="open")
    response = personas.client_for(personas.guest).post(
        poll_url("poll_answer", poll), {"choice": poll.choices.first().pk}
    )
    assert response.status_code == 403 and not LivePollBallot.objects.exists()


def test_poll_definitions_are_validated(personas, live):
    for question, kind, choices, message in [
        ("", "single", ["a", "b"], "empty"),
        ("Q", "ranked", ["a", "b"], "single or multiple"),
        ("Q", "single", ["only one"], "at least two"),
        ("Q", "single", ["Same", "same"], "the same"),
        ("Q", "single", [str(i) for i in range(11)], "at most 10"),
        ("Q", "single", "a\nb", "one per line"),
    ]:
        with pytest.raises(ValidationError, match=message):
            services.poll_create(session=live, by=personas.organiser, question=question, kind=kind, choices=choices)
    assert not LivePoll.objects.exists()


def test_only_drafts_can_be_deleted(personas, live):
    poll = make_poll(personas, live)
    services.poll_set_status(poll=poll, by=personas.organiser, status="open")
    with pytest.raises(ValidationError, match="Only a draft"):
        services.poll_delete(poll=poll, by=personas.organiser)
    draft = make_poll(personas, live)
    assert personas.client_for(personas.organiser).post(poll_url("poll_delete", draft)).status_code == 302
    assert list(LivePoll.objects.all()) == [poll]
