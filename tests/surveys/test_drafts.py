"""Drafts: a survey is built out of participants' sight and shown to them only once an organiser publishes it."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from convener.surveys import selectors, services
from convener.surveys.models import Question, Respondent, Survey
from tests.factories import SessionFactory
from tests.surveys.conftest import DURING, answers, build_survey

pytestmark = pytest.mark.django_db
K = Question.Kind


@pytest.fixture
def draft(personas):
    """A survey open now, with all its questions, not published."""
    now = timezone.now()
    return build_survey(personas, opens=now - timedelta(hours=1), closes=now + timedelta(days=1), publish=False)


def url(name, survey, **kwargs):
    return reverse(f"surveys:{name}", kwargs={"slug": "gnm", "pk": survey.pk, **kwargs})


LIST = reverse("surveys:list", kwargs={"slug": "gnm"})


# ---------------------------------------------------------------------------
# Services
# ---------------------------------------------------------------------------


def test_a_new_survey_is_a_draft(personas):
    now = timezone.now()
    survey = services.survey_create(
        meeting=personas.meeting, by=personas.organiser, title="New", opens_at=now, closes_at=now + timedelta(days=1)
    )
    assert survey.published is False
    assert not selectors.survey_list(meeting=personas.meeting, participant=personas.participant).exists()
    assert list(selectors.survey_list(meeting=personas.meeting, participant=personas.organiser, drafts=True)) == [
        survey
    ]


def test_publishing_needs_a_question_and_an_organiser(personas):
    now = timezone.now()
    survey = services.survey_create(
        meeting=personas.meeting, by=personas.organiser, title="New", opens_at=now, closes_at=now + timedelta(days=1)
    )
    with pytest.raises(ValidationError, match="Add at least one question before publishing"):
        services.survey_publish(survey=survey, by=personas.organiser)
    services.question_add(section=survey.sections.get(), by=personas.organiser, kind=K.RATING, text="Rate it")
    for who in (personas.participant, personas.facilitator, None):
        with pytest.raises(PermissionDenied):
            services.survey_publish(survey=survey, by=who)
    survey.refresh_from_db()
    assert survey.published is False
    services.survey_publish(survey=survey, by=personas.organiser)
    survey.refresh_from_db()
    assert survey.published is True


def test_unpublishing_only_while_nobody_has_answered(personas):
    built = build_survey(personas)
    services.survey_unpublish(survey=built.survey, by=personas.organiser)
    built.survey.refresh_from_db()
    assert built.survey.published is False
    services.survey_publish(survey=built.survey, by=personas.organiser)
    built.survey.refresh_from_db()
    services.response_submit(survey=built.survey, participant=personas.participant, data=answers(built), now=DURING)
    with pytest.raises(ValidationError, match="already answered this survey, so it stays published"):
        services.survey_unpublish(survey=built.survey, by=personas.organiser)
    assert Survey.objects.get(pk=built.survey.pk).published is True
    with pytest.raises(PermissionDenied):
        services.survey_unpublish(survey=built.survey, by=personas.participant)


def test_a_draft_takes_no_answers_and_sends_no_reminders(personas, mailoutbox):
    built = build_survey(personas, publish=False)
    with pytest.raises(ValidationError, match="This survey is a draft"):
        services.response_submit(survey=built.survey, participant=personas.participant, data=answers(built), now=DURING)
    with pytest.raises(ValidationError, match="publish it before sending reminders"):
        services.survey_remind(survey=built.survey, by=personas.organiser, base_url="https://x/", now=DURING)
    assert not Respondent.objects.exists() and mailoutbox == []


def test_a_published_survey_keeps_at_least_one_question(personas):
    now = timezone.now()
    survey = services.survey_create(
        meeting=personas.meeting, by=personas.organiser, title="New", opens_at=now, closes_at=now + timedelta(days=1)
    )
    first = survey.sections.get()
    only = services.question_add(section=first, by=personas.organiser, kind=K.RATING, text="Rate it")
    second = services.section_add(survey=survey, by=personas.organiser, title="More")
    services.survey_publish(survey=survey, by=personas.organiser)
    with pytest.raises(ValidationError, match="A published survey keeps at least one question"):
        services.question_delete(question=only, by=personas.organiser)
    with pytest.raises(ValidationError, match="A published survey keeps at least one question"):
        services.section_delete(section=first, by=personas.organiser)
    assert Question.objects.filter(pk=only.pk).exists()
    services.section_delete(section=second, by=personas.organiser)  # it holds no question: fine
    services.survey_unpublish(survey=survey, by=personas.organiser)
    services.question_delete(question=only, by=personas.organiser)  # a draft may be emptied
    assert not Question.objects.filter(survey=survey).exists()


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


def test_participants_do_not_see_a_draft_anywhere(personas, draft):
    survey = draft.survey
    for who in (personas.participant, personas.facilitator):
        client = personas.client_for(who)
        listing = client.get(LIST)
        assert survey.title not in listing.text and "Answer now" not in listing.text
        assert client.get(url("answer", survey)).status_code == 404
        assert client.post(url("answer", survey), answers(draft)).status_code == 404
    assert not Respondent.objects.exists()


def test_organisers_see_a_draft_marked_and_preview_it_without_answering(personas, draft):
    client = personas.client_for(personas.organiser)
    listing = client.get(LIST).text
    assert draft.survey.title in listing and "Draft" in listing and "Answer now" not in listing
    preview = client.get(url("answer", draft.survey))
    assert preview.status_code == 200
    assert "Participants do not see this survey until it is published" in preview.text
    assert "Send my answers" not in preview.text
    refused = client.post(url("answer", draft.survey), answers(draft))
    assert refused.status_code == 400 and "This survey is a draft" in refused.text
    assert not Respondent.objects.exists()


def test_publishing_from_the_builder_shows_the_survey_to_participants(personas, draft):
    client = personas.client_for(personas.organiser)
    page = client.get(url("build", draft.survey)).text
    assert "Not published yet" in page and '<button type="submit">Publish</button>' in page
    response = client.post(url("build", draft.survey), {"op": "publish"}, follow=True)
    assert "The survey is published: participants see it." in response.text
    assert "Unpublish: make it a draft again" in response.text
    draft.survey.refresh_from_db()
    assert draft.survey.published
    participant = personas.client_for(personas.participant)
    assert "Answer now" in participant.get(LIST).text
    assert participant.get(url("answer", draft.survey)).status_code == 200
    response = client.post(url("build", draft.survey), {"op": "unpublish"}, follow=True)
    assert "The survey is a draft again: participants no longer see it." in response.text
    assert participant.get(url("answer", draft.survey)).status_code == 404


def test_the_builder_says_why_a_survey_cannot_be_published_or_unpublished(personas):
    client = personas.client_for(personas.organiser)
    now = timezone.now()
    empty = services.survey_create(
        meeting=personas.meeting, by=personas.organiser, title="Empty", opens_at=now, closes_at=now + timedelta(1)
    )
    response = client.post(url("build", empty), {"op": "publish"}, follow=True)
    assert response.status_code == 200 and "Add at least one question before publishing the survey." in response.text
    assert Survey.objects.get(pk=empty.pk).published is False
    answered = build_survey(personas, title="Answered", opens=now - timedelta(hours=1), closes=now + timedelta(1))
    services.response_submit(survey=answered.survey, participant=personas.participant, data=answers(answered))
    page = client.get(url("build", answered.survey)).text
    assert "People have answered it, so it stays published." in page and "Unpublish" not in page
    response = client.post(url("build", answered.survey), {"op": "unpublish"}, follow=True)
    assert "so it stays published" in response.text
    assert Survey.objects.get(pk=answered.survey.pk).published is True
    assert personas.client_for(personas.participant).post(url("build", empty), {"op": "publish"}).status_code == 403
    assert Survey.objects.get(pk=empty.pk).published is False


def test_a_survey_created_on_the_page_starts_as_a_draft(personas):
    start = timezone.now()
    response = personas.client_for(personas.organiser).post(
        reverse("surveys:create", kwargs={"slug": "gnm"}),
        {
            "title": "Feedback",
            "opens_at": start.strftime("%Y-%m-%dT%H:%M"),
            "closes_at": (start + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "anonymous": "on",
        },
        follow=True,
    )
    assert "created as a draft" in response.text
    assert Survey.objects.get(title="Feedback").published is False


def test_the_session_page_does_not_ask_about_a_draft(personas):
    session = SessionFactory(meeting=personas.meeting)
    built = build_survey(
        personas,
        session=session,
        opens=session.starts_at,
        closes=session.ends_at + timedelta(days=3),
        publish=False,
    )
    path = reverse("program:session", kwargs={"slug": "gnm", "pk": session.pk})
    with time_machine.travel(session.ends_at + timedelta(minutes=1), tick=False):
        client = personas.client_for(personas.participant)
        assert "How was this session?" not in client.get(path).text
        services.survey_publish(survey=built.survey, by=personas.organiser)
        assert "How was this session?" in client.get(path).text


@pytest.mark.django_db(transaction=True)
def test_surveys_made_before_drafts_existed_stay_published():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    from tests.factories import MeetingFactory

    executor = MigrationExecutor(connection)
    before = [("surveys", "0001_initial")]
    executor.migrate(before)
    try:
        meeting = MeetingFactory()
        old = executor.loader.project_state(before[0]).apps
        now = timezone.now()
        survey = old.get_model("surveys", "Survey").objects.create(
            meeting_id=meeting.pk, title="Evaluation", opens_at=now, closes_at=now + timedelta(days=1)
        )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
    assert Survey.objects.get(pk=survey.pk).published is True
    assert Survey(title="New").published is False
