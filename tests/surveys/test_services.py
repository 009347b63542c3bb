"""Building and answering surveys through the services: rules, order, all-or-nothing."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from convener.surveys import services
from convener.surveys.models import Answer, Question, Respondent, Response, ResponseOwner, Section
from tests.factories import SessionFactory
from tests.surveys.conftest import CLOSES, DURING, OPENS, answers, build_survey

pytestmark = pytest.mark.django_db


def order_of(survey):
    return [q.text for q in Question.objects.filter(survey=survey).order_by("section__order", "order")]


def test_it_requires_an_organiser_of_the_meeting(personas):
    for who in (personas.participant, personas.facilitator, personas.guest, None):
        with pytest.raises(PermissionDenied):
            services.survey_create(meeting=personas.meeting, by=who, title="x", opens_at=OPENS, closes_at=CLOSES)


def test_a_survey_must_close_after_it_opens(personas):
    with pytest.raises(ValidationError) as error:
        services.survey_create(
            meeting=personas.meeting, by=personas.organiser, title="x", opens_at=CLOSES, closes_at=OPENS
        )
    assert error.value.message_dict == {"closes_at": ["A survey must close after it opens."]}


def test_a_session_has_at_most_one_survey_and_it_must_be_of_this_meeting(personas):
    session = SessionFactory(meeting=personas.meeting)
    build_survey(personas, session=session)
    with pytest.raises(ValidationError):
        build_survey(personas, session=session, title="Again")
    other = SessionFactory()
    with pytest.raises(ValidationError) as error:
        build_survey(personas, session=other, title="Elsewhere")
    assert "another meeting" in str(error.value)


@pytest.mark.parametrize(
    "kind, options, message",
    [
        ("single", ["Only one"], "Give at least two choices, one per line."),
        ("multiple", ["a", "A"], "Each of the choices must be different."),
        ("multiple", ["a;b", "c"], "cannot contain “;”"),
    ],
)
def test_bad_choices_are_refused(personas, built, kind, options, message):
    with pytest.raises(ValidationError) as error:
        services.question_add(section=built.rating.section, by=personas.organiser, kind=kind, text="Q", options=options)
    assert message in " ".join(error.value.messages)
    assert Question.objects.filter(text="Q").count() == 0


def test_number_limits_must_be_in_order_and_choices_are_ignored_by_other_kinds(personas, built):
    with pytest.raises(ValidationError, match="must not be below the smallest"):
        services.question_add(
            section=built.rating.section, by=personas.organiser, kind="number", text="Q", min_value=5, max_value=1
        )
    rating = services.question_add(
        section=built.rating.section,
        by=personas.organiser,
        kind="rating",
        text="R",
        options=["typed before switching kind"],
    )
    assert rating.options == []


def test_a_likert_question_gets_the_usual_labels_when_none_are_given(personas, built):
    assert built.likert.options == [
        "Strongly disagree",
        "Disagree",
        "Neither agree nor disagree",
        "Agree",
        "Strongly agree",
    ]


def test_a_condition_must_name_an_answer_the_question_has(personas, built):
    with pytest.raises(ValidationError) as error:
        services.question_add(
            section=built.rating.section,
            by=personas.organiser,
            kind="short_text",
            text="Q",
            show_if=built.again,
            show_if_values=["Perhaps"],
        )
    assert "“Attend again?” has no answer 'Perhaps'; its answers are Yes, Maybe, No." in error.value.messages
    with pytest.raises(ValidationError):
        services.question_add(
            section=built.rating.section,
            by=personas.organiser,
            kind="short_text",
            text="Q",
            show_if=built.comment,
            show_if_values=["x"],
        )


def test_up_and_down_move_within_and_across_sections(personas, built):
    by = personas.organiser
    services.question_move(question=built.kinds, by=by, direction="down")  # last of section 1 -> first of 2
    moved = Question.objects.get(pk=built.kinds.pk)
    assert moved.section_id == built.likert.section_id and order_of(built.survey)[3:5] == [
        "Useful kinds",
        "Times suited my zone",
    ]
    services.question_move(question=moved, by=by, direction="down")
    assert order_of(built.survey)[3:5] == ["Times suited my zone", "Useful kinds"]
    services.question_move(question=Question.objects.get(pk=built.kinds.pk), by=by, direction="up")
    services.question_move(question=Question.objects.get(pk=built.kinds.pk), by=by, direction="up")
    assert Question.objects.get(pk=built.kinds.pk).section_id == built.rating.section_id
    assert order_of(built.survey) == [
        "Overall rating",
        "Attend again?",
        "What would make you come?",
        "Useful kinds",
        "Times suited my zone",
        "Sessions attended",
        "One word",
        "Anything else",
    ]
    services.question_move(question=built.likert, by=by, direction="down")
    assert order_of(built.survey)[4:6] == ["Sessions attended", "Times suited my zone"]
    with pytest.raises(ValidationError, match="already the first"):
        services.question_move(question=built.rating, by=by, direction="up")


def test_a_question_cannot_move_above_the_one_it_depends_on(personas, built):
    before = order_of(built.survey)
    with pytest.raises(ValidationError) as error:
        services.question_move(question=built.why, by=personas.organiser, direction="up")
    assert "must come after it" in error.value.messages[0]
    assert order_of(built.survey) == before


def test_drag_and_drop_order_is_saved_whole_or_not_at_all(personas, built):
    sections = list(Section.objects.filter(survey=built.survey).order_by("order"))
    ids = [q.pk for q in Question.objects.filter(survey=built.survey).order_by("section__order", "order")]
    layout = {sections[0].pk: [ids[4], ids[0], ids[1], ids[2]], sections[1].pk: [ids[3], ids[5], ids[6], ids[7]]}
    services.question_reorder(survey=built.survey, by=personas.organiser, layout=layout)
    assert order_of(built.survey)[:2] == ["Times suited my zone", "Overall rating"]
    before = order_of(built.survey)
    with pytest.raises(ValidationError):
        services.question_reorder(
            survey=built.survey, by=personas.organiser, layout={sections[0].pk: ids[:3]}
        )  # questions missing
    with pytest.raises(ValidationError, match="must come after it"):
        services.question_reorder(
            survey=built.survey,
            by=personas.organiser,
            layout={sections[0].pk: [ids[2], ids[0], ids[1]], sections[1].pk: ids[3:]},
        )
    assert order_of(built.survey) == before


def test_questions_are_fixed_once_someone_has_answered(personas, built):
    services.response_submit(survey=built.survey, participant=personas.participant, data=answers(built), now=DURING)
    with pytest.raises(ValidationError, match="already answered this survey"):
        services.question_add(section=built.rating.section, by=personas.organiser, kind="short_text", text="Late")
    with pytest.raises(ValidationError):
        services.question_move(question=built.kinds, by=personas.organiser, direction="up")
    with pytest.raises(ValidationError, match="anonymity"):
        services.survey_update(
            survey=built.survey, by=personas.organiser, title="x", opens_at=OPENS, closes_at=CLOSES, anonymous=False
        )


def test_an_anonymous_response_is_stored_apart_from_who_answered(personas, built):
    response = services.response_submit(
        survey=built.survey, participant=personas.participant, data=answers(built), now=DURING
    )
    assert Respondent.objects.filter(survey=built.survey, participant=personas.participant).count() == 1
    assert ResponseOwner.objects.count() == 0
    assert response.submitted_on == DURING.date()
    assert (response.region, response.node_kind) == (personas.participant.node.region.name, "national")
    assert Answer.objects.filter(response=response).count() == 6  # hidden "why" and empty "note" not stored


def test_an_anonymous_survey_without_breakdown_keeps_no_region(personas):
    built = build_survey(personas, keep_breakdown=False)
    response = services.response_submit(
        survey=built.survey, participant=personas.participant, data=answers(built), now=DURING
    )
    assert (response.region, response.node_kind) == ("", "")


def test_one_anonymous_response_per_participant_and_no_edits(personas, built):
    services.response_submit(survey=built.survey, participant=personas.participant, data=answers(built), now=DURING)
    with pytest.raises(ValidationError, match="Anonymous answers cannot be changed"):
        services.response_submit(
            survey=built.survey, participant=personas.participant, data=answers(built, rating="2"), now=DURING
        )
    assert Response.objects.count() == 1
    assert Answer.objects.get(question=built.rating).number == 8


def test_an_identified_response_can_be_edited_until_the_survey_closes(personas):
    built = build_survey(personas, anonymous=False)
    first = services.response_submit(
        survey=built.survey, participant=personas.participant, data=answers(built), now=DURING
    )
    second = services.response_submit(
        survey=built.survey,
        participant=personas.participant,
        data=answers(built, rating="3", again="No", why="Time zones"),
        now=DURING + timedelta(hours=1),
    )
    assert first.pk == second.pk and Response.objects.count() == 1
    assert Answer.objects.get(question=built.rating).number == 3
    assert Answer.objects.get(question=built.why).text == "Time zones"
    owner = ResponseOwner.objects.get()
    assert owner.participant == personas.participant and owner.updated_at > owner.submitted_at
    with pytest.raises(ValidationError, match="has closed"):
        services.response_submit(
            survey=built.survey, participant=personas.participant, data=answers(built, rating="9"), now=CLOSES
        )
    assert Answer.objects.get(question=built.rating).number == 3


def test_a_closed_or_unopened_survey_takes_no_answers(personas, built):
    for when, message in [(OPENS - timedelta(minutes=1), "not open yet"), (CLOSES, "has closed")]:
        with pytest.raises(ValidationError, match=message):
            services.response_submit(
                survey=built.survey, participant=personas.participant, data=answers(built), now=when
            )
    assert (Response.objects.count(), Respondent.objects.count()) == (0, 0)


def test_a_bad_answer_saves_nothing_at_all(personas, built):
    with pytest.raises(ValidationError) as error:
        services.response_submit(
            survey=built.survey,
            participant=personas.participant,
            data=answers(built, sessions="99", rating=""),
            now=DURING,
        )
    assert set(error.value.message_dict) == {str(built.sessions.pk), str(built.rating.pk)}
    assert (Response.objects.count(), Respondent.objects.count(), Answer.objects.count()) == (0, 0, 0)


def test_guests_and_people_of_other_meetings_cannot_answer(personas, built):
    from tests.factories import ParticipantFactory

    for who in (personas.guest, ParticipantFactory()):
        with pytest.raises(PermissionDenied):
            services.response_submit(survey=built.survey, participant=who, data=answers(built), now=DURING)


def test_reminders_go_only_to_members_who_have_not_answered(personas, built, mailoutbox):
    services.response_submit(survey=built.survey, participant=personas.participant, data=answers(built), now=DURING)
    count = services.survey_remind(
        survey=built.survey, by=personas.organiser, base_url="https://m.example.org/", now=DURING
    )
    recipients = sorted(m.to[0] for m in mailoutbox)
    assert count == 2 and recipients == sorted([personas.organiser.user.email, personas.facilitator.user.email])
    assert f"https://m.example.org/m/gnm/surveys/{built.survey.pk}/" in mailoutbox[0].body
    with pytest.raises(ValidationError, match="only while the survey is open"):
        services.survey_remind(survey=built.survey, by=personas.organiser, base_url="https://x/", now=CLOSES)
