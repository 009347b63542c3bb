"""Answers (participants) and reminders (organisers). Each checks everything first.

Every function runs in one transaction: a refused change saves nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mass_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from convener.people.models import Participant
from convener.people.selectors import is_member
from convener.surveys import answers as answer_rules
from convener.surveys.models import Answer, Question, Respondent, Response, ResponseOwner, Survey
from convener.surveys.services.common import lock_survey, ordered_questions, require_organiser

Kind = Question.Kind


# ---------------------------------------------------------------------------
# Answering
# ---------------------------------------------------------------------------


def can_answer(participant: Participant | None, survey: Survey) -> bool:
    """Members of the meeting answer; guests wait for an organiser's approval."""
    return participant is not None and participant.meeting_id == survey.meeting_id and is_member(participant)


def _answer_rows(
    response: Response, values: Mapping[int, answer_rules.Value], questions: Mapping[int, Question]
) -> list[Answer]:
    rows = []
    for pk, value in values.items():
        question = questions[pk]
        row = Answer(response=response, question=question)
        if question.kind == Kind.MULTIPLE:
            row.choices = list(value)  # type: ignore[arg-type]
        elif isinstance(value, Decimal):
            row.number = value
        else:
            row.text = str(value)
        rows.append(row)
    return rows


@transaction.atomic
def response_submit(
    *,
    survey: Survey,
    participant: Participant,
    data: Mapping[str, Sequence[str]],
    now: datetime | None = None,
) -> Response:
    """Save a participant's answers to an open survey, all or nothing.

    Anonymous survey: a ``Respondent`` row (who) and a ``Response`` (what) that
    share nothing but the survey; a second submission is refused. Identified
    survey: the response belongs to the participant, who may change it until
    the survey closes.
    """
    now = now or timezone.now()
    survey = lock_survey(survey)
    if not can_answer(participant, survey):
        raise PermissionDenied("Only participants of this meeting can answer its surveys.")
    if not survey.published:
        raise ValidationError("This survey is a draft: nobody can answer it until it is published.", code="draft")
    if now < survey.opens_at:
        raise ValidationError("This survey is not open yet.", code="not_open")
    if now >= survey.closes_at:
        raise ValidationError("This survey has closed; answers can no longer be sent or changed.", code="closed")
    questions = ordered_questions(survey)
    cleaned = answer_rules.clean_answers(questions, data)
    if not cleaned.ok:
        raise ValidationError({str(pk): message for pk, message in cleaned.errors.items()}, code="bad_answers")
    by_pk = {q.pk: q for q in questions}
    already = Respondent.objects.filter(survey=survey, participant=participant).exists()
    if already and survey.anonymous:
        raise ValidationError(
            "You have already answered this survey. Anonymous answers cannot be changed, since nothing "
            "links them to you.",
            code="already_answered",
        )
    node = participant.node
    region = node.region.name if node is not None else ""
    node_kind = node.kind if node is not None else ""
    if survey.anonymous and not survey.keep_breakdown:
        region = node_kind = ""
    if already:
        owner = ResponseOwner.objects.select_related("response").get(response__survey=survey, participant=participant)
        response = owner.response
        response.answers.all().delete()
        response.region, response.node_kind = region, node_kind
        response.save(update_fields=["region", "node_kind"])
        owner.updated_at = now
        owner.save(update_fields=["updated_at"])
    else:
        try:
            with transaction.atomic():
                Respondent.objects.create(survey=survey, participant=participant)
        except IntegrityError as exc:  # a second tab sent at the same moment
            raise ValidationError("You have already answered this survey.", code="already_answered") from exc
        response = Response.objects.create(
            survey=survey,
            submitted_on=now.astimezone(UTC).date(),
            region=region,
            node_kind=node_kind,
        )
        if not survey.anonymous:
            ResponseOwner.objects.create(response=response, participant=participant, submitted_at=now, updated_at=now)
    Answer.objects.bulk_create(_answer_rows(response, cleaned.answers, by_pk))
    return response


# ---------------------------------------------------------------------------
# Reminders
# ---------------------------------------------------------------------------


def survey_remind(*, survey: Survey, by: Participant | None, base_url: str, now: datetime | None = None) -> int:
    """E-mail every member who has not answered an open survey; returns how many were reminded."""
    from convener.surveys.selectors import not_answered

    require_organiser(survey.meeting, by)
    now = now or timezone.now()
    if not survey.published:
        raise ValidationError("This survey is a draft: publish it before sending reminders.", code="draft")
    if not survey.is_open(now):
        raise ValidationError("Reminders go out only while the survey is open.", code="not_open")
    people = [p for p in not_answered(survey=survey) if p.user.email]
    link = base_url.rstrip("/") + reverse("surveys:answer", kwargs={"slug": survey.meeting.slug, "pk": survey.pk})
    closes = survey.closes_at.astimezone(survey.meeting.zone)
    messages = [
        (
            f"Reminder: {survey.title}",
            f"Dear {p.name},\n\nWe would value your answers to “{survey.title}” for {survey.meeting.name}. "
            f"It closes on {closes:%A %d %B %Y, %H:%M} ({survey.meeting.time_zone}).\n\n{link}\n",
            settings.DEFAULT_FROM_EMAIL,
            [p.user.email],
        )
        for p in people
    ]
    send_mass_mail(messages, fail_silently=False)
    return len(messages)
