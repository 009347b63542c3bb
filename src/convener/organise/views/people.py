"""The meeting's people: find, edit in place, import from CSV with a preview."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from convener.announcements import invitations
from convener.core.csv import to_text
from convener.organise.access import organiser_view
from convener.organise.forms import ImportForm, ParticipantForm, PeopleFilter
from convener.organise.services import people_import
from convener.organise.services.people import person_update
from convener.organise.views.common import page
from convener.people.models import Participant
from convener.program.models import Meeting

PER_PAGE = 50


def _filtered(meeting: Meeting, form: PeopleFilter) -> QuerySet[Participant]:
    people = Participant.objects.filter(meeting=meeting).select_related("user", "node", "node__region")
    if not form.is_valid():
        return people.none()
    data = form.cleaned_data
    if data["q"]:
        people = people.filter(
            Q(name__icontains=data["q"]) | Q(user__email__icontains=data["q"]) | Q(node__name__icontains=data["q"])
        )
    if data["region"]:
        people = people.filter(node__region=data["region"])
    if data["node"]:
        people = people.filter(node=data["node"])
    if data["role"]:
        people = people.filter(role=data["role"])
    if data["signed_in"]:
        people = people.filter(user__last_login__isnull=data["signed_in"] == "no")
    return people.order_by("name", "pk")


@require_http_methods(["GET"])
@organiser_view
def people_list(request: HttpRequest, meeting: Meeting, organiser: Participant) -> HttpResponse:
    form = PeopleFilter(request.GET)
    people = _filtered(meeting, form)
    listing = Paginator(people, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = page(request, meeting, organiser, "people")
    context |= {"filter": form, "listing": listing, "query": query.urlencode(), "total": people.count()}
    return render(request, "organise/people.html", context)


@require_http_methods(["GET", "POST"])
@organiser_view
def person_edit(request: HttpRequest, meeting: Meeting, organiser: Participant, pk: int) -> HttpResponse:
    """The person's row as a form (htmx swaps it in place; without script it is a page of its own)."""
    person = get_object_or_404(Participant.objects.select_related("user", "node"), meeting=meeting, pk=pk)
    role = person.role
    form = ParticipantForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        fields = {name: value for name, value in form.cleaned_data.items() if name != "role"}
        form.instance.role = role  # the role changes through people's rule, not the form's save
        try:
            person = person_update(participant=person, role=form.cleaned_data["role"], **fields)
        except ValidationError as exc:
            form.add_error("role" if "organiser" in " ".join(exc.messages) else None, exc)
        else:
            if request.htmx:  # type: ignore[attr-defined]
                return render(request, "organise/_person_row.html", {"person": person, "meeting": meeting})
            messages.success(request, f"{person.name} is saved.")
            return redirect("organise:people", slug=meeting.slug)
    template = "organise/_person_form.html" if request.htmx else "organise/person_edit.html"  # type: ignore[attr-defined]
    context = page(request, meeting, organiser, "people") | {"form": form, "person": person}
    return render(request, template, context, status=400 if form.errors else 200)


@require_http_methods(["GET"])
@organiser_view
def person_row(request: HttpRequest, meeting: Meeting, organiser: Participant, pk: int) -> HttpResponse:
    """The row again, when an edit in place is cancelled."""
    person = get_object_or_404(Participant.objects.select_related("user", "node"), meeting=meeting, pk=pk)
    return render(request, "organise/_person_row.html", {"person": person, "meeting": meeting})


@require_http_methods(["GET", "POST"])
@organiser_view
def people_import_upload(request: HttpRequest, meeting: Meeting, organiser: Participant) -> HttpResponse:
    """Upload a CSV: the answer is the preview (nothing is written yet)."""
    form = ImportForm(request.POST or None, request.FILES or None)
    context = page(request, meeting, organiser, "people") | {"form": form, "columns": people_import.COLUMNS}
    if request.method == "POST" and form.is_valid():
        try:
            text = people_import.decode(form.cleaned_data["file"].read())
            context |= {"plan": people_import.plan(meeting, text), "text": text}
        except ValidationError as exc:
            form.add_error("file", exc)
        else:
            return render(request, "organise/people_preview.html", context)
    return render(request, "organise/people_import.html", context, status=400 if form.errors else 200)


@require_POST
@organiser_view
def people_import_apply(request: HttpRequest, meeting: Meeting, organiser: Participant) -> HttpResponse:
    """Import what the preview showed, all of it or nothing."""
    text = request.POST.get("text", "")
    create_nodes = request.POST.get("create_nodes") == "on"
    try:
        outcome = people_import.apply(meeting, text, create_nodes=create_nodes)
    except ValidationError as exc:
        try:
            plan = people_import.plan(meeting, text)
        except ValidationError:
            plan = None
        context = page(request, meeting, organiser, "people")
        context |= {"plan": plan, "text": text, "refusal": exc.messages, "form": ImportForm()}
        return render(request, "organise/people_preview.html", context, status=400)
    messages.success(
        request,
        f"Imported: {outcome.created_accounts} new accounts, {outcome.added} existing accounts added, "
        f"{outcome.updated} people updated, {outcome.nodes_created} nodes created.",
    )
    return redirect("organise:people", slug=meeting.slug)


@require_http_methods(["GET"])
@organiser_view
def people_csv(request: HttpRequest, meeting: Meeting, organiser: Participant) -> HttpResponse:
    """The list as CSV, in the import's columns (filters apply), so it can be edited and imported back."""
    people = _filtered(meeting, PeopleFilter(request.GET))
    rows = [people_import.COLUMNS] + [
        (
            p.name,
            p.user.email,
            p.node.name if p.node else "",
            p.node.country.code if p.node and p.node.country else "",
            p.node.region.name if p.node else "",
            "; ".join(p.languages or []),
            p.time_zone,
            p.role,
            f"{p.work_start:%H:%M}-{p.work_end:%H:%M}",
        )
        for p in people
    ]
    response = HttpResponse(to_text(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{meeting.slug}-people.csv"'
    return response


@require_POST
@organiser_view
def people_invite(request: HttpRequest, meeting: Meeting, organiser: Participant) -> HttpResponse:
    """Email invitations with a sign-in link: one person, or everyone who has never signed in."""
    people = Participant.objects.filter(meeting=meeting).select_related("user")
    wanted = request.POST.get("person", "")
    if wanted:
        people = people.filter(pk=int(wanted)) if wanted.isdigit() and len(wanted) < 12 else people.none()
    else:
        people = people.filter(user__last_login__isnull=True).exclude(pk=organiser.pk)
    try:
        count = invitations.invitations_queue(meeting=meeting, people=list(people), by=organiser)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        plural = "s" if count != 1 else ""
        messages.success(request, f"{count} invitation{plural} on the way, each with a sign-in link.")
    return redirect("organise:people", slug=meeting.slug)
