"""Survey pages: thin views over surveys.selectors and surveys.services.

Who may do what: anonymous visitors are sent to sign in; a signed-in user who
has not registered for the meeting is sent to register; guests (awaiting an
organiser's approval) get 403; members answer open surveys; organisers of the
meeting also build surveys, see results, export them and send reminders.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from convener.people.models import Node, Participant
from convener.people.selectors import is_member, is_organiser, participant_for
from convener.program.context import meeting_page
from convener.program.models import Meeting, Session
from convener.surveys import answers as answer_rules
from convener.surveys import exports, selectors, services
from convener.surveys.forms import QuestionForm, SectionForm, SurveyForm, add_service_error
from convener.surveys.models import Question, Section

View = Callable[..., HttpResponse]


def _forbidden(request: HttpRequest, meeting: Meeting, reason: str) -> HttpResponse:
    return render(request, "surveys/forbidden.html", {"meeting": meeting, "reason": reason}, status=403)


def _context(request: HttpRequest, meeting: Meeting, participant: Participant) -> dict[str, object]:
    return {**meeting_page(request, meeting, participant), "now": timezone.now()}


def member_view(organiser: bool = False) -> Callable[[View], View]:
    """Resolve the meeting and the viewer; refuse those who may not use this page."""

    def decorate(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(request: HttpRequest, slug: str, **kwargs: object) -> HttpResponse:
            meeting = get_object_or_404(Meeting, slug=slug)
            participant = participant_for(user=request.user, meeting_id=meeting.pk)
            if participant is None:
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('people:register', kwargs={'slug': meeting.slug})}?{query}")
            if not is_member(participant):
                return _forbidden(request, meeting, "Surveys are for the meeting's participants. An organiser has "
                                                    "not approved your registration yet.")
            if organiser and not is_organiser(participant):
                return _forbidden(request, meeting, "Only the meeting's organisers build surveys and see results.")
            context = _context(request, meeting, participant)
            if "pk" in kwargs:
                survey = selectors.survey_for(meeting=meeting, pk=kwargs.pop("pk"))
                if survey is None:
                    raise Http404("No such survey in this meeting.")
                context["survey"] = survey
            try:
                return view(request, context, **kwargs)
            except PermissionDenied as exc:
                return _forbidden(request, meeting, str(exc))

        return wrapped

    return decorate


def _post_int(request: HttpRequest, name: str) -> int | None:
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() and len(value) < 18 else None


# ---------------------------------------------------------------------------
# Listing and creating
# ---------------------------------------------------------------------------


@require_safe
@member_view()
def survey_list(request: HttpRequest, context: dict) -> HttpResponse:
    meeting, participant = context["meeting"], context["participant"]
    surveys = list(selectors.survey_list(meeting=meeting, participant=participant))
    now = context["now"]
    if not context["is_organiser"]:
        surveys = [s for s in surveys if now >= s.opens_at]
    context.update(
        surveys=[(s, s.state(now)) for s in surveys],
        by_kind=selectors.session_feedback_by_kind(meeting=meeting) if context["is_organiser"] else [],
    )
    return render(request, "surveys/list.html", context)


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
                messages.success(request, "The survey is created. Add its questions below.")
                return redirect("surveys:build", slug=meeting.slug, pk=survey.pk)
    else:
        opens = timezone.now().replace(second=0, microsecond=0)
        initial: dict[str, object] = {"anonymous": True, "keep_breakdown": True}
        wanted = request.GET.get("session", "")
        session = (Session.objects.filter(meeting=meeting, pk=int(wanted)).first()
                   if wanted.isdigit() and len(wanted) < 18 else None)
        if session is not None:  # feedback on one session: opens as it ends, for a week
            opens = session.ends_at
            initial.update(session=session, title=f"Feedback: {session.title}"[:200])
        initial.update(opens_at=opens, closes_at=opens + timedelta(days=14 if session is None else 7))
        form = SurveyForm(meeting=meeting, zone=zone, initial=initial)
    context["form"] = form
    return render(request, "surveys/create.html", context, status=400 if form.errors else 200)


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------


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
        settings_form=forms.get("settings_form") or SurveyForm(
            meeting=context["meeting"], zone=context["zone"], initial=SurveyForm.initial_from(survey)),
        section_form=forms.get("section_form") or SectionForm(),
        question_form=forms.get("question_form") or QuestionForm(survey=survey),
        add_to=forms.get("add_to"),
        editing=forms.get("editing") or editing,
        edit_form=forms.get("edit_form") or (
            QuestionForm(survey=survey, before=questions[:questions.index(editing)],
                         initial=QuestionForm.initial_from(editing)) if editing else None),
        editing_section=forms.get("editing_section") or editing_section,
        edit_section_form=forms.get("edit_section_form") or (
            SectionForm(initial={"title": editing_section.title, "description": editing_section.description})
            if editing_section else None),
        layout_error=forms.get("layout_error"),
    )
    return render(request, "surveys/build.html", context, status=status)


def _back_to_build(context: dict, anchor: str = "") -> HttpResponse:
    url = reverse("surveys:build", kwargs={"slug": context["meeting"].slug, "pk": context["survey"].pk})
    return redirect(url + (f"#{anchor}" if anchor else ""))


@require_http_methods(["GET", "POST"])
@member_view(organiser=True)
def build(request: HttpRequest, context: dict) -> HttpResponse:
    """The builder page; POST changes the survey's settings, or deletes it (op=delete)."""
    survey, meeting = context["survey"], context["meeting"]
    if request.method == "GET":
        return _build_page(request, context)
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
        if not (isinstance(key, str) and key.isdigit() and isinstance(ids, list)
                and all(isinstance(i, int) and not isinstance(i, bool) for i in ids)):
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
        question = Question.objects.filter(survey=survey, pk=_post_int(request, "question") or 0).select_related(
            "survey__meeting").first()
        if question is None or op not in {"edit", "delete", "up", "down"}:
            messages.error(request, "That question or action does not exist in this survey.")
            return _back_to_build(context)
        anchor = f"question-{question.pk}"
        if op == "edit":
            questions = selectors.questions_in_order(selectors.structure(survey=survey))
            before = questions[:[q.pk for q in questions].index(question.pk)]
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


# ---------------------------------------------------------------------------
# Answering
# ---------------------------------------------------------------------------


def _items(questions: list[Question], data: dict[str, list[str]], errors: dict[int, str]) -> list[dict]:
    by_pk = {q.pk: q for q in questions}
    items = []
    for question in questions:
        condition = by_pk.get(question.show_if_id) if question.show_if_id else None
        items.append({
            "question": question,
            "name": answer_rules.field_name(question),
            "values": data.get(answer_rules.field_name(question), []),
            "error": errors.get(question.pk),
            "condition": condition,
            "condition_labels": _condition_labels(condition, question.show_if_values) if condition else [],
            "show_values": json.dumps(question.show_if_values),
            "range": answer_rules.range_text(question),
        })
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
    if state == "upcoming" and not context["is_organiser"]:
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
                messages.success(request, "Thank you: your answers are saved. You can change them until the "
                                          "survey closes.")
            return redirect("surveys:answer", slug=context["meeting"].slug, pk=survey.pk)
        state = survey.state(timezone.now())
    can_send = state == "open" and (not answered or not survey.anonymous)
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


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@require_safe
@member_view(organiser=True)
def results(request: HttpRequest, context: dict) -> HttpResponse:
    survey = context["survey"]
    region = request.GET.get("region", "")[:100].replace("\x00", "")  # PostgreSQL refuses NUL in a query
    node_kind = request.GET.get("node_kind", "")[:20]
    if node_kind not in Node.Kind.values:
        node_kind = ""
    search = request.GET.get("q", "")[:200]
    outcome = selectors.survey_results(survey=survey, region=region, node_kind=node_kind, search=search)
    if region and region not in outcome.regions:
        outcome = selectors.survey_results(survey=survey, node_kind=node_kind, search=search)
    context.update(
        results=outcome,
        rate_groups=[("region", outcome.by_region), ("node kind", outcome.by_node_kind)],
        state=survey.state(context["now"]),
        can_filter=not survey.anonymous or survey.keep_breakdown,
        min_group=selectors.MIN_GROUP,
        not_answered=selectors.not_answered(survey=survey).count(),
    )
    return render(request, "surveys/results.html", context)


@require_safe
@member_view(organiser=True)
def results_csv(request: HttpRequest, context: dict) -> HttpResponse:
    survey = context["survey"]
    response = HttpResponse(exports.survey_csv(survey), content_type="text/csv; charset=utf-8")
    name = f"survey-{survey.pk}-{context['meeting'].slug}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@member_view(organiser=True)
def remind(request: HttpRequest, context: dict) -> HttpResponse:
    survey = context["survey"]
    try:
        count = services.survey_remind(survey=survey, by=context["participant"],
                                       base_url=request.build_absolute_uri("/"))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, f"Reminder sent to {count} {'person' if count == 1 else 'people'} "
                                  "who have not answered.")
    return redirect("surveys:results", slug=context["meeting"].slug, pk=survey.pk)
