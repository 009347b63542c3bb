"""What the survey services share: the organiser check, locking a survey's row, its questions in order."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied

from convener.people.models import Participant
from convener.people.selectors import is_organiser
from convener.program.models import Meeting
from convener.surveys.models import Question, Survey


def require_organiser(meeting: Meeting, participant: Participant | None) -> None:
    if participant is None or participant.meeting_id != meeting.pk or not is_organiser(participant):
        raise PermissionDenied("Only an organiser of this meeting can do this.")


def lock_survey(survey: Survey) -> Survey:
    return Survey.objects.select_for_update().select_related("meeting").get(pk=survey.pk)


def ordered_questions(survey: Survey) -> list[Question]:
    return list(
        Question.objects.filter(survey=survey)
        .select_related("section")
        .order_by("section__order", "section_id", "order", "id")
    )
