"""Helpers for survey tests: a survey of the personas' meeting with one question of every kind."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from convener.surveys import services
from convener.surveys.models import Question, Survey

UTC = ZoneInfo("UTC")
OPENS = datetime(2027, 3, 31, 15, 0, tzinfo=UTC)
DURING = OPENS + timedelta(days=1)
CLOSES = OPENS + timedelta(days=14)
K = Question.Kind


@dataclass
class Built:
    survey: Survey
    rating: Question
    again: Question
    why: Question
    kinds: Question
    likert: Question
    sessions: Question
    comment: Question
    note: Question


def build_survey(
    personas,
    *,
    anonymous: bool = True,
    keep_breakdown: bool = True,
    session=None,
    opens: datetime = OPENS,
    closes: datetime = CLOSES,
    title: str = "Meeting evaluation",
    publish: bool = True,
) -> Built:
    by = personas.organiser
    survey = services.survey_create(
        meeting=personas.meeting,
        by=by,
        title=title,
        opens_at=opens,
        closes_at=closes,
        anonymous=anonymous,
        keep_breakdown=keep_breakdown,
        session=session,
    )
    first = survey.sections.get()
    rating = services.question_add(section=first, by=by, kind=K.RATING, text="Overall rating", required=True)
    again = services.question_add(
        section=first, by=by, kind=K.SINGLE, text="Attend again?", required=True, options=["Yes", "Maybe", "No"]
    )
    why = services.question_add(
        section=first,
        by=by,
        kind=K.LONG_TEXT,
        text="What would make you come?",
        required=True,
        show_if=again,
        show_if_values=["Maybe", "No"],
    )
    kinds = services.question_add(
        section=first, by=by, kind=K.MULTIPLE, text="Useful kinds", options=["Panels", "Demos", "Networking"]
    )
    second = services.section_add(survey=survey, by=by, title="Details")
    likert = services.question_add(section=second, by=by, kind=K.LIKERT, text="Times suited my zone")
    sessions = services.question_add(
        section=second, by=by, kind=K.NUMBER, text="Sessions attended", min_value=0, max_value=40
    )
    comment = services.question_add(section=second, by=by, kind=K.SHORT_TEXT, text="One word")
    note = services.question_add(section=second, by=by, kind=K.LONG_TEXT, text="Anything else")
    if publish:
        services.survey_publish(survey=survey, by=by)
        survey.refresh_from_db()
    return Built(survey, rating, again, why, kinds, likert, sessions, comment, note)


def answers(
    built: Built,
    *,
    rating: str = "8",
    again: str = "Yes",
    why: str = "",
    kinds=("Panels",),
    likert: str = "4",
    sessions: str = "5",
    comment: str = "great",
    note: str = "",
) -> dict[str, list[str]]:
    return {
        f"q-{built.rating.pk}": [rating],
        f"q-{built.again.pk}": [again],
        f"q-{built.why.pk}": [why],
        f"q-{built.kinds.pk}": list(kinds),
        f"q-{built.likert.pk}": [likert],
        f"q-{built.sessions.pk}": [sessions],
        f"q-{built.comment.pk}": [comment],
        f"q-{built.note.pk}": [note],
    }


@pytest.fixture
def built(personas) -> Built:
    return build_survey(personas)
