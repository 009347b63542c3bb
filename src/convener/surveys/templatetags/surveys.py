"""The hook for the program's session page: "How was this session?" once it has ended."""

from __future__ import annotations

from django import template
from django.utils import timezone

from convener.core import dates
from convener.surveys import selectors

register = template.Library()


@register.inclusion_tag("surveys/_prompt.html", takes_context=True)
def session_feedback_prompt(context: template.Context) -> dict[str, object]:
    session, participant = context["session"], context.get("participant")
    survey = selectors.session_prompt(session=session, participant=participant, now=timezone.now())
    zone = context.get("zone")
    organiser = bool(context.get("is_organiser"))
    return {
        "survey": survey,
        "meeting": context["meeting"],
        "session": session,
        "is_organiser": organiser,
        "zone": zone,
        "own_survey": selectors.session_survey(session=session) if organiser else None,
        "closes": dates.localtime(survey.closes_at, zone) if survey is not None and zone is not None else None,
    }
