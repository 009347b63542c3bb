"""Building surveys (organisers): a survey's settings, its sections and its questions. Each checks everything
first, and nothing changes once anyone has answered but the settings that do not touch the questions.

Every function runs in one transaction: a refused change saves nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction

from convener.people.models import Participant
from convener.program.models import Meeting, Session
from convener.surveys.models import Question, Response, Section, Survey
from convener.surveys.services.common import lock_survey, ordered_questions, require_organiser

Kind = Question.Kind


def _require_unanswered(survey: Survey) -> None:
    if Response.objects.filter(survey=survey).exists():
        raise ValidationError(
            "People have already answered this survey, so its questions can no longer change. "
            "Create a new survey to ask something else.",
            code="has_responses",
        )


# ---------------------------------------------------------------------------
# Surveys
# ---------------------------------------------------------------------------


@transaction.atomic
def survey_create(
    *,
    meeting: Meeting,
    by: Participant | None,
    title: str,
    opens_at: datetime,
    closes_at: datetime,
    description: str = "",
    session: Session | None = None,
    anonymous: bool = True,
    keep_breakdown: bool = True,
) -> Survey:
    """A new survey with one empty section, for the whole meeting or one of its sessions."""
    require_organiser(meeting, by)
    survey = Survey(
        meeting=meeting,
        session=session,
        title=title.strip(),
        description=description.strip(),
        opens_at=opens_at,
        closes_at=closes_at,
        anonymous=anonymous,
        keep_breakdown=keep_breakdown,
    )
    survey.full_clean()
    survey.save()
    Section.objects.create(survey=survey, title="Questions", order=0)
    return survey


@transaction.atomic
def survey_update(
    *,
    survey: Survey,
    by: Participant | None,
    title: str,
    opens_at: datetime,
    closes_at: datetime,
    description: str = "",
    session: Session | None = None,
    anonymous: bool = True,
    keep_breakdown: bool = True,
) -> Survey:
    """Change a survey's settings. Once anyone has answered, anonymity and breakdown are fixed."""
    require_organiser(survey.meeting, by)
    survey = lock_survey(survey)
    answered = Response.objects.filter(survey=survey).exists()
    if answered and (anonymous != survey.anonymous or keep_breakdown != survey.keep_breakdown):
        raise ValidationError(
            {
                "anonymous": "People have answered under the current terms: anonymity and the kept "
                "breakdown cannot change now."
            }
        )
    survey.title, survey.description = title.strip(), description.strip()
    survey.opens_at, survey.closes_at, survey.session = opens_at, closes_at, session
    survey.anonymous, survey.keep_breakdown = anonymous, keep_breakdown
    survey.full_clean()
    survey.save()
    return survey


@transaction.atomic
def survey_publish(*, survey: Survey, by: Participant | None) -> Survey:
    """Show a draft to participants: in their list, on its answer page, in reminders. It needs a question."""
    require_organiser(survey.meeting, by)
    survey = lock_survey(survey)
    if not Question.objects.filter(survey=survey).exists():
        raise ValidationError("Add at least one question before publishing the survey.", code="no_questions")
    if not survey.published:
        survey.published = True
        survey.save(update_fields=["published"])
    return survey


@transaction.atomic
def survey_unpublish(*, survey: Survey, by: Participant | None) -> Survey:
    """Make a published survey a draft again, hidden from participants; only while nobody has answered it."""
    require_organiser(survey.meeting, by)
    survey = lock_survey(survey)
    if Response.objects.filter(survey=survey).exists():
        raise ValidationError("People have already answered this survey, so it stays published.", code="has_responses")
    if survey.published:
        survey.published = False
        survey.save(update_fields=["published"])
    return survey


def _require_questions_left(survey: Survey, *, removing: Sequence[int]) -> None:
    """A published survey keeps at least one question: refuse a delete that would empty it."""
    if survey.published and not Question.objects.filter(survey=survey).exclude(pk__in=removing).exists():
        raise ValidationError(
            "A published survey keeps at least one question: add another first, or unpublish the survey.",
            code="last_question",
        )


@transaction.atomic
def survey_delete(*, survey: Survey, by: Participant | None) -> None:
    require_organiser(survey.meeting, by)
    survey.delete()


# ---------------------------------------------------------------------------
# Sections and questions
# ---------------------------------------------------------------------------


def _check_conditions(survey: Survey) -> None:
    """Every condition points at an earlier question of the same survey; else a ValidationError naming it."""
    questions = ordered_questions(survey)
    position = {q.pk: i for i, q in enumerate(questions)}
    for question in questions:
        if question.show_if_id is None:
            continue
        if position.get(question.show_if_id, len(questions)) >= position[question.pk]:
            raise ValidationError(
                f"“{question.text}” is shown depending on “{question.show_if.text}”, so it must come after it.",
                code="condition_order",
            )
