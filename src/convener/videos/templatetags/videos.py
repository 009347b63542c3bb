"""Hooks for the program's session page: what to watch before a session, and its recording."""

from __future__ import annotations

from django import template
from django.utils import timezone

from convener.videos import selectors

register = template.Library()


@register.inclusion_tag("videos/_watch_ahead.html", takes_context=True)
def session_watch_ahead(context: template.Context) -> dict[str, object]:
    session, participant = context["session"], context.get("participant")
    return {
        "ahead": selectors.watch_ahead(session=session, participant=participant, now=timezone.now()),
        "meeting": context["meeting"],
        "participant": participant,
        "zone": context.get("zone"),
    }


@register.inclusion_tag("videos/_recording_section.html", takes_context=True)
def session_recording(context: template.Context) -> dict[str, object]:
    session, participant = context["session"], context.get("participant")
    recording = selectors.recording_for_session(session)
    return {
        "recording": recording,
        "session": session,
        "meeting": context["meeting"],
        "visible": recording is not None and selectors.can_see_recording(recording, participant, timezone.now()),
        "is_organiser": context.get("is_organiser", False),
    }
