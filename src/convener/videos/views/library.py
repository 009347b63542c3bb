"""The library and the pages of one presentation and one recording.

Anyone may open them and sees what ``selectors.presentation_state`` allows (before the release time only
the title and the date); the files themselves are served by media.py.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from convener.people.selectors import is_member, is_organiser
from convener.videos import selectors
from convener.videos.forms import LibraryFilterForm
from convener.videos.views.common import get_meeting, get_presentation, get_recording, page_context


@require_safe
def library(request: HttpRequest, slug: str) -> HttpResponse:
    meeting = get_meeting(slug)
    context = page_context(request, meeting)
    now = timezone.now()
    form = LibraryFilterForm(request.GET or None, meeting=meeting, languages=selectors.library_languages(meeting))
    filters = selectors.LibraryFilter()
    status = 200
    if form.is_bound:
        if form.is_valid():
            data = form.cleaned_data
            filters = selectors.LibraryFilter(
                theme=data["theme"].pk if data["theme"] else None,
                language=data["language"],
                licence=data["licence"],
                kind=data["kind"],
            )
        else:
            status = 400
    entries = selectors.library(meeting=meeting, participant=context["participant"], now=now, filters=filters)
    context.update(
        form=form,
        entries=entries,
        filtered=filters != selectors.LibraryFilter(),
        public=selectors.library_is_public(meeting, now),
        opens_at=selectors.library_opens_at(meeting),
        is_member=is_member(context["participant"]),
    )
    return render(request, "videos/library.html", context, status=status)


@require_safe
def presentation_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_meeting(slug)
    context = page_context(request, meeting)
    presentation = get_presentation(meeting, pk)
    now = timezone.now()
    participant = context["participant"]
    state = selectors.presentation_state(presentation, participant, now)
    watch = selectors.watches_of(participant, [presentation.pk]).get(presentation.pk)
    sessions = list(presentation.sessions.all())
    counts = None
    if any(selectors.can_see_counts(participant, s) for s in sessions) or is_organiser(participant):
        registered = selectors.registered_count(meeting)
        watched = selectors.watched_counts([presentation.pk]).get(presentation.pk, 0)
        counts = {"watched": watched, "registered": registered, "bar": selectors.bar_width(watched, registered)}
    context.update(
        presentation=presentation,
        state=state,
        watch=watch,
        sessions=sessions,
        counts=counts,
        released=presentation.release_at <= now,
        opens_at=selectors.library_opens_at(meeting),
        can_mark=state == selectors.FULL and participant is not None,
        page_url=request.build_absolute_uri(),
    )
    return render(request, "videos/presentation_detail.html", context)


@require_safe
def recording_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    meeting = get_meeting(slug)
    context = page_context(request, meeting)
    recording = get_recording(meeting, pk)
    now = timezone.now()
    context.update(
        recording=recording,
        session=recording.session,
        visible=selectors.can_see_recording(recording, context["participant"], now),
        opens_at=selectors.library_opens_at(meeting),
        page_url=request.build_absolute_uri(),
        people=[role.participant.name for role in recording.session.roles.all()],
    )
    return render(request, "videos/recording_detail.html", context)
