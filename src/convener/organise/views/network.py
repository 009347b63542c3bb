"""The network's nodes and regions, kept from the organiser area (they are shared by every meeting)."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from convener.organise.access import organiser_view
from convener.organise.forms import NodeForm, RegionForm
from convener.organise.views.common import page
from convener.people.models import Node, Participant, Region
from convener.program.models import Meeting


@require_http_methods(["GET", "POST"])
@organiser_view
def network(request: HttpRequest, meeting: Meeting, organiser: Participant) -> HttpResponse:
    """Nodes and regions with this meeting's head counts; add a node or a region."""
    node_form = NodeForm(request.POST if request.POST.get("add") == "node" else None, prefix="node")
    region_form = RegionForm(request.POST if request.POST.get("add") == "region" else None, prefix="region")
    for form, what in ((node_form, "node"), (region_form, "region")):
        if form.is_bound and form.is_valid():
            saved = form.save()
            messages.success(request, f"The {what} {saved} is added.")
            return redirect("organise:network", slug=meeting.slug)
    here = Count("participants", filter=Q(participants__meeting=meeting))
    context = page(request, meeting, organiser, "network") | {
        "nodes": Node.objects.select_related("region").annotate(here=here).order_by("region__order", "name"),
        "regions": Region.objects.annotate(nodes_count=Count("nodes")),
        "node_form": node_form,
        "region_form": region_form,
    }
    bad = node_form.errors or region_form.errors
    return render(request, "organise/network.html", context, status=400 if bad else 200)


@require_http_methods(["GET", "POST"])
@organiser_view
def node_edit(request: HttpRequest, meeting: Meeting, organiser: Participant, pk: int) -> HttpResponse:
    node = get_object_or_404(Node, pk=pk)
    form = NodeForm(request.POST or None, instance=node, prefix="node")
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, f"The node {node} is saved.")
        return redirect("organise:network", slug=meeting.slug)
    context = page(request, meeting, organiser, "network") | {"form": form, "node": node}
    return render(request, "organise/node_edit.html", context, status=400 if form.errors else 200)
