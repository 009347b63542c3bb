"""A survey's results (organisers): the results page, its CSV export and reminders to those who have not
answered. Thin views over surveys.selectors, surveys.exports and surveys.services.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe

from convener.people.models import Node
from convener.surveys import exports, selectors, services
from convener.surveys.views.access import member_view


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
        count = services.survey_remind(
            survey=survey, by=context["participant"], base_url=request.build_absolute_uri("/")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"Reminder sent to {count} {'person' if count == 1 else 'people'} who have not answered."
        )
    return redirect("surveys:results", slug=context["meeting"].slug, pk=survey.pk)
