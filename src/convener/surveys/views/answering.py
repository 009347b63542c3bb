"""Answering surveys (participants): the list of a meeting's surveys and the answer form. Thin views over
surveys.selectors and surveys.services; every view goes through access.member_view.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from convener.surveys import answers as answer_rules
from convener.surveys import selectors, services
from convener.surveys.models import Question, Section
from convener.surveys.views.access import member_view


@require_safe
@member_view()
def survey_list(request: HttpRequest, context: dict) -> HttpResponse:
    meeting, participant = context["meeting"], context["participant"]
    surveys = list(selectors.survey_list(meeting=meeting, participant=participant, drafts=context["is_organiser"]))
    now = context["now"]
    if not context["is_organiser"]:
        surveys = [s for s in surveys if now >= s.opens_at]
    context.update(
        surveys=[(s, s.state(now)) for s in surveys],
        by_kind=selectors.session_feedback_by_kind(meeting=meeting) if context["is_organiser"] else [],
    )
    return render(request, "surveys/list.html", context)


def _items(questions: list[Question], data: dict[str, list[str]], errors: dict[int, str]) -> list[dict]:
    by_pk = {q.pk: q for q in questions}
    items = []
    for question in questions:
        condition = by_pk.get(question.show_if_id) if question.show_if_id else None
        items.append(
            {
                "question": question,
                "name": answer_rules.field_name(question),
                "values": data.get(answer_rules.field_name(question), []),
                "error": errors.get(question.pk),
                "condition": condition,
                "condition_labels": _condition_labels(condition, question.show_if_values) if condition else [],
                "show_values": json.dumps(question.show_if_values),
                "range": answer_rules.range_text(question),
            }
        )
    return items


def _condition_labels(condition: Question, values: list[str]) -> list[str]:
    if condition.kind == Question.Kind.LIKERT:
        labels = dict((str(v), f"{v} ({label})") for v, label in condition.scale())
        return [labels.get(v, v) for v in values]
    return list(values)


def _sections_with_items(sections: list[Section], items: list[dict]) -> list[tuple[Section, list[dict]]]:
    by_question = {item["question"].pk: item for item in items}
    return [(section, [by_question[q.pk] for q in section.items]) for section in sections]


@require_http_methods(["GET", "POST"])
@member_view()
def answer(request: HttpRequest, context: dict) -> HttpResponse:
    survey, participant, now = context["survey"], context["participant"], context["now"]
    state = survey.state(now)
    if (state == "upcoming" or not survey.published) and not context["is_organiser"]:
        raise Http404("No such survey in this meeting.")
    sections = selectors.structure(survey=survey)
    questions = selectors.questions_in_order(sections)
    answered = selectors.has_answered(survey=survey, participant=participant)
    data = selectors.own_answers(survey=survey, participant=participant) or {}
    errors: dict[int, str] = {}
    general: list[str] = []
    status = 200
    if request.method == "POST":
        data = {key: request.POST.getlist(key) for key in request.POST if key.startswith("q-")}
        try:
            services.response_submit(survey=survey, participant=participant, data=data)
        except ValidationError as exc:
            status = 400
            if hasattr(exc, "error_dict"):
                errors = {int(k): " ".join(v) for k, v in exc.message_dict.items() if k.isdigit()}
                general = ["Nothing was saved: please correct the answers marked below."]
            else:
                general = exc.messages
        else:
            if survey.anonymous:
                messages.success(request, "Thank you: your answers are saved, anonymously.")
            else:
                messages.success(
                    request, "Thank you: your answers are saved. You can change them until the survey closes."
                )
            return redirect("surveys:answer", slug=context["meeting"].slug, pk=survey.pk)
        state = survey.state(timezone.now())
    can_send = survey.published and state == "open" and (not answered or not survey.anonymous)
    context.update(
        state=state,
        answered=answered,
        can_send=can_send,
        show_form=can_send or state == "upcoming" or (state == "closed" and bool(data)),
        sections=_sections_with_items(sections, _items(questions, data, errors)),
        general_errors=general,
        error_count=len(errors),
    )
    return render(request, "surveys/answer.html", context, status=status)
