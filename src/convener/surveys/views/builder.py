"""Building surveys (organisers): creating one, its settings, sections and questions. Thin views over
surveys.services; every view goes through access.member_view.
"""

from __future__ import annotations

import json
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from convener.program.models import Session
from convener.surveys import selectors, services
from convener.surveys.forms import QuestionForm, SectionForm, SurveyForm, add_service_error
from convener.surveys.models import Question, Section
from convener.surveys.views.access import member_view


def _post_int(request: HttpRequest, name: str) -> int | None:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() and len(value) < 18 else None


@require_http_methods(["GET", "POST"])
@member_view(organiser=True)
def survey_create(request: HttpRequest, context: dict) -> HttpResponse:
    meeting, zone = context["meeting"], context["zone"]
    if request.method == "POST":
        form = SurveyForm(request.POST, meeting=meeting, zone=zone)
        if form.is_valid():
            try:
                survey = services.survey_create(meeting=meeting, by=context["participant"], **form.cleaned_data)
            except ValidationError as exc:
                add_service_error(form, exc)
            else:
                messages.success(
                    request,
                    "The survey is created as a draft, which participants do not see. "
                    "Add its questions below, then publish it.",
                )
                return redirect("surveys:build", slug=meeting.slug, pk=survey.pk)
    else:
        opens = timezone.now().replace(second=0, microsecond=0)
        initial: dict[str, object] = {"anonymous": True, "keep_breakdown": True}
        wanted = request.GET.get("session", "")
        session = (
            Session.objects.filter(meeting=meeting, pk=int(wanted)).first()
            if wanted.isdigit() and len(wanted) < 18
            else None
        )
        if session is not None:  # feedback on one session: opens as it ends, for a week
            opens = session.ends_at
            initial.update(session=session, title=f"Feedback: {session.title}"[:200])
        initial.update(opens_at=opens, closes_at=opens + timedelta(days=14 if session is None else 7))
        form = SurveyForm(meeting=meeting, zone=zone, initial=initial)
    context["form"] = form
    return render(request, "surveys/create.html", context, status=400 if form.errors else 200)


def _build_page(request: HttpRequest, context: dict, *, status: int = 200, **forms: object) -> HttpResponse:
    survey = context["survey"]
    sections = selectors.structure(survey=survey)
    questions = selectors.questions_in_order(sections)
    edit_id = request.GET.get("edit", "")
    editing = next((q for q in questions if str(q.pk) == edit_id), None)
    edit_section_id = request.GET.get("section", "")
    editing_section = next((s for s in sections if str(s.pk) == edit_section_id), None)
    context.update(
        sections=sections,
        question_count=len(questions),
        locked=survey.responses.exists(),
        settings_form=forms.get("settings_form")
        or SurveyForm(meeting=context["meeting"], zone=context["zone"], initial=SurveyForm.initial_from(survey)),
        section_form=forms.get("section_form") or SectionForm(),
        question_form=forms.get("question_form") or QuestionForm(survey=survey),
        add_to=forms.get("add_to"),
        editing=forms.get("editing") or editing,
        edit_form=forms.get("edit_form")
        or (
            QuestionForm(
                survey=survey, before=questions[: questions.index(editing)], initial=QuestionForm.initial_from(editing)
            )
            if editing
            else None
        ),
        editing_section=forms.get("editing_section") or editing_section,
        edit_section_form=forms.get("edit_section_form")
        or (
            SectionForm(initial={"title": editing_section.title, "description": editing_section.description})
            if editing_section
            else None
        ),
        layout_error=forms.get("layout_error"),
    )
    return render(request, "surveys/build.html", context, status=status)


def _back_to_build(context: dict, anchor: str = "") -> HttpResponse:
    url = reverse("surveys:build", kwargs={"slug": context["meeting"].slug, "pk": context["survey"].pk})
    return redirect(url + (f"#{anchor}" if anchor else ""))


@require_http_methods(["GET", "POST"])
@member_view(organiser=True)
def build(request: HttpRequest, context: dict) -> HttpResponse:
    """The builder page; POST changes the survey's settings, publishes it (op=publish), makes it a draft again
    (op=unpublish) or deletes it (op=delete)."""
    survey, meeting = context["survey"], context["meeting"]
    if request.method == "GET":
        return _build_page(request, context)
    if request.POST.get("op") in {"publish", "unpublish"}:
        publish = request.POST["op"] == "publish"
        change = services.survey_publish if publish else services.survey_unpublish
        try:
            change(survey=survey, by=context["participant"])
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                "The survey is published: participants see it."
                if publish
                else "The survey is a draft again: participants no longer see it.",
            )
        return _back_to_build(context, "publish")
    if request.POST.get("op") == "delete":
        if request.POST.get("confirm") != survey.title:
            messages.error(request, "To delete the survey and all its answers, type its title exactly.")
            return _back_to_build(context, "danger")
        services.survey_delete(survey=survey, by=context["participant"])
        messages.success(request, f"The survey “{survey.title}” and its answers are deleted.")
        return redirect("surveys:list", slug=meeting.slug)
    form = SurveyForm(request.POST, meeting=meeting, zone=context["zone"])
    if form.is_valid():
        try:
            services.survey_update(survey=survey, by=context["participant"], **form.cleaned_data)
        except ValidationError as exc:
            add_service_error(form, exc)
        else:
            messages.success(request, "The survey's settings are saved.")
            return _back_to_build(context)
    return _build_page(request, context, status=400, settings_form=form)


@require_POST
@member_view(organiser=True)
def build_section(request: HttpRequest, context: dict) -> HttpResponse:
    """op=add | edit | delete | up | down, with section=<id> for all but add."""
    survey, by = context["survey"], context["participant"]
    op = request.POST.get("op", "")
    section = None
    if op != "add":
        section = Section.objects.filter(survey=survey, pk=_post_int(request, "section") or 0).first()
        if section is None or op not in {"edit", "delete", "up", "down"}:
            messages.error(request, "That section or action does not exist in this survey.")
            return _back_to_build(context)
    try:
        if op in {"add", "edit"}:
            form = SectionForm(request.POST)
            if not form.is_valid():
                key = "section_form" if op == "add" else "edit_section_form"
                return _build_page(request, context, status=400, **{key: form, "editing_section": section})
            if op == "add":
                section = services.section_add(survey=survey, by=by, **form.cleaned_data)
                messages.success(request, f"Section “{section.title}” added.")
            else:
                services.section_update(section=section, by=by, **form.cleaned_data)
                messages.success(request, "Section saved.")
        elif op == "delete":
            services.section_delete(section=section, by=by)
            messages.success(request, f"Section “{section.title}” and its questions are deleted.")
        else:
            services.section_move(section=section, by=by, direction=op)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back_to_build(context, f"section-{section.pk}" if section and op != "delete" else "")


def _layout_from(text: str) -> dict[int, list[int]] | None:
    """``{"<section id>": [question ids…]}`` as sent by the drag-and-drop script, or None."""
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    layout: dict[int, list[int]] = {}
    for key, ids in data.items():
        if not (
            isinstance(key, str)
            and key.isdigit()
            and isinstance(ids, list)
            and all(isinstance(i, int) and not isinstance(i, bool) for i in ids)
        ):
            return None
        layout[int(key)] = ids
    return layout


@require_POST
@member_view(organiser=True)
def build_question(request: HttpRequest, context: dict) -> HttpResponse:
    """op=add (section=<id>) | edit | delete | up | down (question=<id>) | reorder (layout=<json>)."""
    survey, by = context["survey"], context["participant"]
    op = request.POST.get("op", "")
    anchor = ""
    try:
        if op == "reorder":
            layout = _layout_from(request.POST.get("layout", "")[:100_000])
            if layout is None:
                messages.error(request, "The new order could not be read; nothing was changed.")
            else:
                services.question_reorder(survey=survey, by=by, layout=layout)
                messages.success(request, "The new order is saved.")
            return _back_to_build(context)
        if op == "add":
            section = Section.objects.filter(survey=survey, pk=_post_int(request, "section") or 0).first()
            if section is None:
                messages.error(request, "Choose a section of this survey to add the question to.")
                return _back_to_build(context)
            form = QuestionForm(request.POST, survey=survey)
            if not form.is_valid():
                return _build_page(request, context, status=400, question_form=form, add_to=section)
            try:
                question = services.question_add(section=section, by=by, **form.service_kwargs())
            except ValidationError as exc:
                add_service_error(form, exc)
                return _build_page(request, context, status=400, question_form=form, add_to=section)
            messages.success(request, "Question added.")
            return _back_to_build(context, f"question-{question.pk}")
        question = (
            Question.objects.filter(survey=survey, pk=_post_int(request, "question") or 0)
            .select_related("survey__meeting")
            .first()
        )
        if question is None or op not in {"edit", "delete", "up", "down"}:
            messages.error(request, "That question or action does not exist in this survey.")
            return _back_to_build(context)
        anchor = f"question-{question.pk}"
        if op == "edit":
            questions = selectors.questions_in_order(selectors.structure(survey=survey))
            before = questions[: [q.pk for q in questions].index(question.pk)]
            form = QuestionForm(request.POST, survey=survey, before=before)
            if form.is_valid():
                try:
                    services.question_update(question=question, by=by, **form.service_kwargs())
                except ValidationError as exc:
                    add_service_error(form, exc)
                else:
                    messages.success(request, "Question saved.")
                    return _back_to_build(context, anchor)
            fresh = Question.objects.get(pk=question.pk)
            return _build_page(request, context, status=400, edit_form=form, editing=fresh)
        if op == "delete":
            services.question_delete(question=question, by=by)
            messages.success(request, f"Question “{question.text}” deleted.")
            anchor = ""
        else:
            services.question_move(question=question, by=by, direction=op)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _back_to_build(context, anchor)
