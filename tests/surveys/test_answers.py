"""Reading answers: required, ranges, choices, and conditional questions on the server."""

from __future__ import annotations

from decimal import Decimal

import pytest

from convener.surveys.answers import clean_answers
from tests.surveys.conftest import answers

pytestmark = pytest.mark.django_db


def questions(built):
    return [built.rating, built.again, built.why, built.kinds, built.likert, built.sessions, built.comment, built.note]


def test_good_answers_come_back_typed(built):
    cleaned = clean_answers(questions(built), answers(built, kinds=("Demos", "Panels"), sessions="12.5"))
    assert cleaned.ok
    assert cleaned.answers[built.rating.pk] == Decimal(8)
    assert cleaned.answers[built.again.pk] == "Yes"
    assert cleaned.answers[built.kinds.pk] == ["Panels", "Demos"]  # in the question's order
    assert cleaned.answers[built.sessions.pk] == Decimal("12.5")
    assert built.why.pk not in cleaned.answers and built.note.pk not in cleaned.answers


def test_a_missing_required_answer_is_named(built):
    cleaned = clean_answers(questions(built), answers(built, rating=""))
    assert cleaned.errors == {built.rating.pk: "“Overall rating” needs an answer."}


@pytest.mark.parametrize(
    "value, message",
    [
        ("41", "“Sessions attended”: give a number from 0 to 40; 41 is out of range."),
        ("-1", "“Sessions attended”: give a number from 0 to 40; -1 is out of range."),
        ("ten", "“Sessions attended”: “ten” is not a number."),
        ("NaN", "“Sessions attended”: “NaN” is not a number this survey can take."),
        ("1e30", "“Sessions attended”: “1e30” is not a number this survey can take."),
        ("1.2345", "“Sessions attended”: use at most three decimals."),
    ],
)
def test_an_out_of_range_or_bad_number_is_refused(built, value, message):
    assert clean_answers(questions(built), answers(built, sessions=value)).errors == {built.sessions.pk: message}


def test_choices_and_scales_must_be_offered_ones(built):
    cleaned = clean_answers(
        questions(built), answers(built, rating="11", again="Perhaps", kinds=["Cooking"], likert="0")
    )
    assert set(cleaned.errors) == {built.rating.pk, built.again.pk, built.kinds.pk, built.likert.pk}
    assert "from 0 to 10" in cleaned.errors[built.rating.pk]
    assert "from 1 to 5" in cleaned.errors[built.likert.pk]


def test_a_conditional_question_is_required_only_when_shown(built):
    hidden = clean_answers(questions(built), answers(built, again="Yes", why=""))
    assert hidden.ok and hidden.shown[built.why.pk] is False
    shown = clean_answers(questions(built), answers(built, again="Maybe", why=""))
    assert shown.errors == {built.why.pk: "“What would make you come?” needs an answer."}


def test_the_answer_to_a_hidden_question_is_dropped(built):
    cleaned = clean_answers(questions(built), answers(built, again="Yes", why="sneaky"))
    assert cleaned.ok and built.why.pk not in cleaned.answers
    kept = clean_answers(questions(built), answers(built, again="No", why="Shorter days"))
    assert kept.answers[built.why.pk] == "Shorter days"


def test_a_question_depending_on_a_hidden_one_is_hidden_too(personas, built):
    from convener.surveys import services

    nested = services.question_add(
        section=built.why.section, by=personas.organiser, kind="single", text="Really?", options=["Yes", "No"]
    )
    deeper = services.question_add(
        section=built.why.section,
        by=personas.organiser,
        kind="short_text",
        text="Why really",
        required=True,
        show_if=nested,
        show_if_values=["Yes"],
    )
    # "Really?" depends on nothing; make "deeper" depend on a hidden question by giving it a hidden parent.
    nested.show_if, nested.show_if_values = built.again, ["No"]
    nested.save()
    data = {**answers(built, again="Yes"), f"q-{nested.pk}": ["Yes"]}
    cleaned = clean_answers([*questions(built)[:3], nested, deeper], data)
    assert cleaned.ok
    assert cleaned.shown[nested.pk] is False and cleaned.shown[deeper.pk] is False
