"""Writes of a survey's sections and questions (organisers): add, change, delete, move, reorder.

The survey-level rules they share (no change once answered, conditions that still hold, a
published survey keeps a question) live in ``building``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from convener.people.models import Participant
from convener.surveys.models import DEFAULT_LIKERT, Question, Section, Survey
from convener.surveys.services.building import _check_conditions, _require_questions_left, _require_unanswered
from convener.surveys.services.common import lock_survey, require_organiser

Kind = Question.Kind


@transaction.atomic
def section_add(*, survey: Survey, by: Participant | None, title: str, description: str = "") -> Section:
    require_organiser(survey.meeting, by)
    survey = lock_survey(survey)
    _require_unanswered(survey)
    last = Section.objects.filter(survey=survey).order_by("-order").values_list("order", flat=True).first()
    section = Section(
        survey=survey, title=title.strip(), description=description.strip(), order=0 if last is None else last + 1
    )
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_update(*, section: Section, by: Participant | None, title: str, description: str = "") -> Section:
    require_organiser(section.survey.meeting, by)
    _require_unanswered(lock_survey(section.survey))
    section.title, section.description = title.strip(), description.strip()
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_delete(*, section: Section, by: Participant | None) -> None:
    survey = section.survey
    require_organiser(survey.meeting, by)
    survey = lock_survey(survey)
    _require_unanswered(survey)
    if Section.objects.filter(survey=survey).count() == 1:
        raise ValidationError("A survey keeps at least one section.", code="last_section")
    outside = Question.objects.filter(show_if__section=section).exclude(section=section)
    if outside.exists():
        raise ValidationError(
            f"“{outside.first().text}” depends on a question of this section; change its condition first.",
            code="condition_dependant",
        )
    _require_questions_left(survey, removing=list(section.questions.values_list("pk", flat=True)))
    section.delete()


def _start_move(survey: Survey, by: Participant | None, direction: str) -> list[Section]:
    """What moving a section or a question one place checks first; returns the survey's sections in order."""
    require_organiser(survey.meeting, by)
    _require_unanswered(lock_survey(survey))
    if direction not in {"up", "down"}:
        raise ValidationError("Move up or down.", code="direction")
    return list(Section.objects.filter(survey=survey).order_by("order", "id"))


@transaction.atomic
def section_move(*, section: Section, by: Participant | None, direction: str) -> None:
    survey = section.survey
    sections = _start_move(survey, by, direction)
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(sections):
        raise ValidationError(f"This section is already the {'first' if direction == 'up' else 'last'}.")
    sections[index], sections[other] = sections[other], sections[index]
    for order, item in enumerate(sections):
        item.order = order
    Section.objects.bulk_update(sections, ["order"])
    _check_conditions(survey)


def _question_fields(
    *,
    question: Question,
    kind: str,
    text: str,
    help_text: str,
    required: bool,
    options: Sequence[str],
    min_value: Decimal | None,
    max_value: Decimal | None,
    show_if: Question | None,
    show_if_values: Sequence[str],
) -> Question:
    question.kind, question.text, question.help_text = kind, text.strip(), help_text.strip()
    question.required = required
    options = [str(o).strip() for o in options if str(o).strip()]
    if kind == Kind.LIKERT and not options:
        options = list(DEFAULT_LIKERT)
    question.options = options if kind in Question.CHOICE_KINDS | {Kind.LIKERT} else []
    question.min_value, question.max_value = (min_value, max_value) if kind == Kind.NUMBER else (None, None)
    question.show_if = show_if
    question.show_if_values = [str(v).strip() for v in show_if_values if str(v).strip()] if show_if else []
    errors: dict[str, list[str]] = {}
    try:
        question.full_clean(exclude=["survey", "section", "show_if"])
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if show_if is not None:
        if show_if.survey_id != question.survey_id or show_if.pk == question.pk:
            errors.setdefault("show_if", []).append("Choose an earlier question of this survey.")
        elif show_if.kind not in Question.CONDITION_KINDS:
            errors.setdefault("show_if", []).append(
                "A question can depend only on a choice, Likert or rating question."
            )
        else:
            allowed = show_if.condition_values()
            unknown = [v for v in question.show_if_values if v not in allowed]
            if not question.show_if_values:
                errors.setdefault("show_if_values", []).append(
                    f"Say which answers to “{show_if.text}” show this question."
                )
            elif unknown:
                errors.setdefault("show_if_values", []).append(
                    f"“{show_if.text}” has no answer {', '.join(repr(u) for u in unknown)}; "
                    f"its answers are {', '.join(allowed)}."
                )
    if errors:
        raise ValidationError(errors)
    return question


@transaction.atomic
def question_add(
    *,
    section: Section,
    by: Participant | None,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = False,
    options: Sequence[str] = (),
    min_value: Decimal | None = None,
    max_value: Decimal | None = None,
    show_if: Question | None = None,
    show_if_values: Sequence[str] = (),
) -> Question:
    """A question at the end of ``section``; a condition must point at an earlier question."""
    survey = section.survey
    require_organiser(survey.meeting, by)
    _require_unanswered(lock_survey(survey))
    last = Question.objects.filter(section=section).order_by("-order").values_list("order", flat=True).first()
    question = Question(survey=survey, section=section, order=0 if last is None else last + 1)
    _question_fields(
        question=question,
        kind=kind,
        text=text,
        help_text=help_text,
        required=required,
        options=options,
        min_value=min_value,
        max_value=max_value,
        show_if=show_if,
        show_if_values=show_if_values,
    )
    question.save()
    _check_conditions(survey)
    return question


@transaction.atomic
def question_update(
    *,
    question: Question,
    by: Participant | None,
    kind: str,
    text: str,
    help_text: str = "",
    required: bool = False,
    options: Sequence[str] = (),
    min_value: Decimal | None = None,
    max_value: Decimal | None = None,
    show_if: Question | None = None,
    show_if_values: Sequence[str] = (),
) -> Question:
    survey = question.survey
    require_organiser(survey.meeting, by)
    _require_unanswered(lock_survey(survey))
    _question_fields(
        question=question,
        kind=kind,
        text=text,
        help_text=help_text,
        required=required,
        options=options,
        min_value=min_value,
        max_value=max_value,
        show_if=show_if,
        show_if_values=show_if_values,
    )
    question.save()
    for dependant in Question.objects.filter(show_if=question):
        if question.kind not in Question.CONDITION_KINDS or not set(dependant.show_if_values) <= set(
            question.condition_values()
        ):
            raise ValidationError(
                f"“{dependant.text}” is shown on answers this question would no longer have; "
                "change that condition first.",
                code="condition_dependant",
            )
    _check_conditions(survey)
    return question


@transaction.atomic
def question_delete(*, question: Question, by: Participant | None) -> None:
    survey = question.survey
    require_organiser(survey.meeting, by)
    survey = lock_survey(survey)
    _require_unanswered(survey)
    dependant = Question.objects.filter(show_if=question).first()
    if dependant is not None:
        raise ValidationError(
            f"“{dependant.text}” depends on this question; change its condition first.", code="condition_dependant"
        )
    _require_questions_left(survey, removing=[question.pk])
    question.delete()


@transaction.atomic
def question_move(*, question: Question, by: Participant | None, direction: str) -> None:
    """One place up or down; past the edge of its section it moves into the neighbouring section."""
    survey = question.survey
    sections = _start_move(survey, by, direction)
    layout = {s.pk: list(Question.objects.filter(section=s).order_by("order", "id")) for s in sections}
    items = layout[question.section_id]
    index = next(i for i, q in enumerate(items) if q.pk == question.pk)
    s_index = next(i for i, s in enumerate(sections) if s.pk == question.section_id)
    if direction == "up" and index > 0:
        items[index - 1], items[index] = items[index], items[index - 1]
    elif direction == "down" and index < len(items) - 1:
        items[index + 1], items[index] = items[index], items[index + 1]
    else:
        target = s_index - 1 if direction == "up" else s_index + 1
        if not 0 <= target < len(sections):
            raise ValidationError(f"This question is already the {'first' if direction == 'up' else 'last'}.")
        items.pop(index)
        neighbour = layout[sections[target].pk]
        if direction == "up":
            neighbour.append(question)
        else:
            neighbour.insert(0, question)
        question.section = sections[target]
    _save_layout(layout)
    _check_conditions(survey)


@transaction.atomic
def question_reorder(*, survey: Survey, by: Participant | None, layout: Mapping[int, Sequence[int]]) -> None:
    """Put the questions in the order given: section id -> question ids (from a drag and drop)."""
    require_organiser(survey.meeting, by)
    survey = lock_survey(survey)
    _require_unanswered(survey)
    sections = {s.pk: s for s in Section.objects.filter(survey=survey)}
    questions = {q.pk: q for q in Question.objects.filter(survey=survey)}
    given = [pk for ids in layout.values() for pk in ids]
    if set(layout) - set(sections) or sorted(given) != sorted(questions):
        raise ValidationError(
            "The new order must list every question of this survey once, in its sections.", code="bad_layout"
        )
    new_layout: dict[int, list[Question]] = {pk: [] for pk in sections}
    for section_id, ids in layout.items():
        for pk in ids:
            questions[pk].section = sections[section_id]
            new_layout[section_id].append(questions[pk])
    _save_layout(new_layout)
    _check_conditions(survey)


def _save_layout(layout: Mapping[int, list[Question]]) -> None:
    changed = []
    for items in layout.values():
        for order, item in enumerate(items):
            item.order = order
            changed.append(item)
    Question.objects.bulk_update(changed, ["section", "order"])
