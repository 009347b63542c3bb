"""Writes of surveys, in three modules: building (organisers: a survey, publishing it), questions (its sections
and questions) and responses
(participants' answers, organisers' reminders); common holds what both use.

Callers use this package's names (``services.question_add``), so the layout can change without them.
"""

from convener.surveys.services.building import (
    survey_create,
    survey_delete,
    survey_publish,
    survey_unpublish,
    survey_update,
)
from convener.surveys.services.questions import (
    question_add,
    question_delete,
    question_move,
    question_reorder,
    question_update,
    section_add,
    section_delete,
    section_move,
    section_update,
)
from convener.surveys.services.responses import can_answer, response_submit, survey_remind

__all__ = [
    "can_answer",
    "question_add",
    "question_delete",
    "question_move",
    "question_reorder",
    "question_update",
    "response_submit",
    "section_add",
    "section_delete",
    "section_move",
    "section_update",
    "survey_create",
    "survey_delete",
    "survey_publish",
    "survey_remind",
    "survey_unpublish",
    "survey_update",
]
