"""Watch-ahead: the meeting's members mark presentations watched, and the player reports how far it got."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from convener.core.http import safe_next
from convener.people.selectors import participant_for
from convener.videos import services
from convener.videos.views.common import get_meeting, get_presentation


@login_required
@require_POST
def presentation_watched(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Mark watched (watched=1) or not (watched=0); htmx swaps the button, a plain post goes back."""
    meeting = get_meeting(slug)
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    if participant is None:
        return redirect("program:register", slug=slug)
    presentation = get_presentation(meeting, pk)
    wanted = request.POST.get("watched")
    if wanted not in {"0", "1"}:
        return HttpResponse("Say watched=1 to mark it watched or watched=0 to undo.", status=400)
    try:
        watch = services.watch_set(
            participant=participant, presentation=presentation, watched=wanted == "1", now=timezone.now()
        )
    except ValidationError as exc:
        return HttpResponse(" ".join(exc.messages), status=400)
    if request.htmx:
        return render(
            request,
            "videos/_watched.html",
            {"meeting": meeting, "presentation": presentation, "watch": watch, "next": request.POST.get("next", "")},
        )
    back = request.POST.get("next") or reverse("videos:presentation", kwargs={"slug": slug, "pk": pk})
    return redirect(safe_next(request, back))


@login_required
@require_POST
def presentation_progress(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The player reports how far it got (seconds=N); answers with the saved state as JSON."""
    meeting = get_meeting(slug)
    participant = participant_for(user=request.user, meeting_id=meeting.pk)
    if participant is None:
        return JsonResponse({"error": "Register for the meeting first."}, status=403)
    presentation = get_presentation(meeting, pk)
    text = request.POST.get("seconds", "")
    try:
        seconds = int(float(text))
    except (ValueError, OverflowError):
        return JsonResponse({"error": "seconds must be a number."}, status=400)
    try:
        watch = services.watch_progress(
            participant=participant, presentation=presentation, seconds=seconds, now=timezone.now()
        )
    except ValidationError as exc:
        return JsonResponse({"error": " ".join(exc.messages)}, status=400)
    return JsonResponse({"seconds": watch.seconds, "watched": watch.watched})
