"""CSV export of a survey: one row per response, one column per question."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from decimal import Decimal

from convener.core import csv
from convener.surveys import selectors
from convener.surveys.models import Answer, Question, Response, ResponseOwner, Survey

Kind = Question.Kind
MULTI_SEPARATOR = "; "
SMALL_GROUP = "(fewer than 3)"


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")


def header(survey: Survey, questions: list[Question]) -> list[str]:
    columns = ["response", "submitted"]
    if not survey.anonymous:
        columns += ["name", "email"]
    if not survey.anonymous or survey.keep_breakdown:
        columns += ["region", "node kind"]
    return columns + [f"Q{i}. {q.text}" for i, q in enumerate(questions, start=1)]


def rows(survey: Survey) -> Iterator[list[str]]:
    """The header, then one list of cells per response (anonymous: in random order; else by time sent)."""
    questions = selectors.questions_in_order(selectors.structure(survey=survey))
    yield header(survey, questions)
    answers: dict[object, dict[int, Answer]] = defaultdict(dict)
    for answer in Answer.objects.filter(response__survey=survey).only(
        "response_id", "question_id", "text", "number", "choices"
    ):
        answers[answer.response_id][answer.question_id] = answer
    responses = Response.objects.filter(survey=survey)
    owners: dict[object, ResponseOwner] = {}
    if not survey.anonymous:
        owners = {
            owner.response_id: owner
            for owner in ResponseOwner.objects.filter(response__survey=survey).select_related(
                "participant", "participant__user"
            )
        }
        responses = sorted(
            responses, key=lambda r: (owners[r.pk].submitted_at.isoformat() if r.pk in owners else "", str(r.pk))
        )
    groups: Counter[tuple[str, str]] = Counter()
    regions: Counter[str] = Counter()
    if survey.anonymous:
        responses = list(responses)
        groups.update((r.region, r.node_kind) for r in responses)
        regions.update(r.region for r in responses)
    for response in responses:
        owner = owners.get(response.pk)
        region, node_kind = response.region, response.get_node_kind_display() if response.node_kind else ""
        if survey.anonymous and response.region and regions[response.region] < selectors.MIN_GROUP:
            region = node_kind = SMALL_GROUP  # too few from this region to show who said what
        elif (
            survey.anonymous
            and response.node_kind
            and groups[response.region, response.node_kind] < selectors.MIN_GROUP
        ):
            node_kind = SMALL_GROUP
        row = [str(response.pk)]
        if survey.anonymous:
            row.append(response.submitted_on.isoformat())
        else:
            row.append(owner.submitted_at.strftime("%Y-%m-%dT%H:%M:%SZ") if owner else "")
            row += [owner.participant.name if owner else "", owner.participant.user.email if owner else ""]
        if not survey.anonymous or survey.keep_breakdown:
            row += [region, node_kind]
        mine = answers.get(response.pk, {})
        for question in questions:
            answer = mine.get(question.pk)
            if answer is None:
                row.append("")
            elif question.kind == Kind.MULTIPLE:
                row.append(MULTI_SEPARATOR.join(answer.choices))
            elif answer.number is not None:
                row.append(_number(answer.number))
            else:
                row.append(answer.text)
        yield row


def survey_csv(survey: Survey) -> str:
    """The rows as CSV; every cell (names, emails, answers, question texts) safe from formula injection."""
    return csv.to_text(rows(survey))
