"""Anonymity against someone reading the database: no stored path from an anonymous answer to its person."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import connection, models

from convener.people.models import Participant
from convener.surveys import services
from convener.surveys.models import Answer, Respondent, Response, ResponseOwner, Survey
from tests.factories import NodeFactory, ParticipantFactory
from tests.surveys.conftest import DURING, answers, build_survey

pytestmark = pytest.mark.django_db
PERSON_MODELS = {get_user_model(), Participant}
# Tables that hold what anonymous respondents answered.
ANSWER_MODELS = {Response, Answer}


def forward_targets(model: type[models.Model]) -> set[type[models.Model]]:
    """Every model reachable from ``model`` by following its own foreign keys, one-to-ones and many-to-manys."""
    seen: set[type[models.Model]] = set()
    stack = [model]
    while stack:
        current = stack.pop()
        for field in current._meta.get_fields():
            if field.is_relation and not field.auto_created and field.related_model is not None:
                target = field.related_model
                if target not in seen:
                    seen.add(target)
                    stack.append(target)
    return seen


def test_no_answer_table_has_a_column_that_leads_to_a_person():
    """Response and Answer lead to the survey and its questions, never (except via the shared survey) to people."""
    for model in ANSWER_MODELS:
        direct = {
            f.related_model
            for f in model._meta.get_fields()
            if f.is_relation and not f.auto_created and f.related_model is not None
        }
        assert direct <= {Survey, Response, Answer._meta.get_field("question").related_model}, model
        assert not direct & PERSON_MODELS
        for target in direct:
            if target is Survey:
                continue  # a survey is shared by all its responses: it cannot tell them apart
            assert not (forward_targets(target) - forward_targets(Survey) - {Survey}) & PERSON_MODELS, target


def test_no_other_table_points_at_answers_except_the_owner_link_of_identified_surveys():
    pointing = {
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation
        and not field.auto_created
        and field.related_model in ANSWER_MODELS
        and model not in ANSWER_MODELS
    }
    assert pointing == {(ResponseOwner, "response")}


def test_who_answered_shares_nothing_with_what_was_answered():
    respondent_columns = {f.column for f in Respondent._meta.concrete_fields}
    assert respondent_columns == {"id", "survey_id", "participant_id"}  # no time, no link to a response
    assert not any(isinstance(f, models.DateTimeField) for f in Response._meta.concrete_fields)
    assert isinstance(Response._meta.pk, models.UUIDField) and isinstance(Answer._meta.pk, models.UUIDField)


def test_an_anonymous_survey_stores_no_person_derived_value_in_its_answer_rows(personas):
    built = build_survey(personas)
    people = [
        personas.participant,
        personas.facilitator,
        personas.organiser,
        *(ParticipantFactory(meeting=personas.meeting, node=NodeFactory(kind="organisational")) for _ in range(3)),
    ]
    for person in people:
        services.response_submit(survey=built.survey, participant=person, data=answers(built, comment="ok"), now=DURING)
    assert ResponseOwner.objects.count() == 0
    identifying = set()
    for person in people:
        identifying |= {person.name, person.user.email, person.user.username, person.calendar_token, person.node.name}
    with connection.cursor() as cursor:
        for model in ANSWER_MODELS:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
            columns = [c[0] for c in cursor.description]
            # The only columns: the random key, the survey / response / question, and what was answered.
            assert set(columns) <= {
                "id",
                "survey_id",
                "response_id",
                "question_id",
                "submitted_on",
                "region",
                "node_kind",
                "text",
                "number",
                "choices",
            }, columns
            for row in cursor.fetchall():
                cells = {str(v) for v in row if v is not None}
                assert not cells & identifying, (model, dict(zip(columns, row, strict=True)))
                assert not any(isinstance(v, datetime) for v in row)
    # Keys are random: nothing lines responses up with the order of the Respondent rows.
    respondent_order = list(Respondent.objects.order_by("id").values_list("participant_id", flat=True))
    assert respondent_order == [p.pk for p in people]
    assert all(r.pk.version == 4 for r in Response.objects.all())
