"""The demo meeting's surveys: the meeting evaluation and one session's feedback, with some answers.

Called from the demo's composition root (``convener.demo``) once the program and the people exist.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from random import Random

from django.utils import timezone

from convener.people.models import Participant
from convener.people.selectors import MEMBER_ROLES
from convener.program.models import Meeting, Session
from convener.surveys import services
from convener.surveys.models import Question, Survey

K = Question.Kind
KINDS_OF_SESSION = [
    "Panels on pre-recorded presentations",
    "Live Q&A",
    "Speed networking",
    "Live demos",
    "Regional sessions",
    "Marine data session",
    "Game show",
]
AGAIN = ["Yes", "Maybe", "No"]
KEEP_OR_CHANGE = [
    "Keep the regional sessions: finally a meeting at a decent hour for us.",
    "The speed networking was the highlight; more rounds, shorter.",
    "Fewer panels, more live demos please.",
    "Post the recordings earlier so we can watch before the Q&A.",
    "The game show was fun and I learned two new portal filters.",
    "Too many sessions late in the evening for Asia and Oceania.",
    "Keep the pre-recorded talks: I watched them with my team.",
    "Add a session for new node managers.",
]
WHY_NOT = [
    "Only if the sessions fit my working hours.",
    "I prefer meeting in person; virtual is a second best.",
    "Maybe, if the meeting is shorter.",
    "Connection problems made the live sessions hard to follow.",
]
IMPROVE = ["More time for questions.", "Share the slides before.", "Shorter presentations.", ""]


def _weighted(rng: Random, low: int, high: int, bias: int) -> int:
    return max(low, min(high, round(rng.triangular(low - 0.5, high + 0.5, bias))))


def build_demo_surveys(
    *, meeting: Meeting, organiser: Participant, keep_free: Participant | None, rng: Random, now: datetime | None = None
) -> list[Survey]:
    """Create the evaluation survey (anonymous, open now so it can be tried) and one session survey, both published."""
    now = (now or timezone.now()).replace(microsecond=0)
    evaluation = Session.objects.filter(meeting=meeting, kind=Session.Kind.EVALUATION).order_by("starts_at").first()
    end = evaluation.ends_at if evaluation else now
    survey = services.survey_create(
        meeting=meeting,
        by=organiser,
        title="Meeting evaluation",
        description="Your feedback shapes the next global nodes meeting. It takes **five minutes**; then "
        "join the open floor in the closing session's live Q&A.",
        opens_at=min(now, end - timedelta(hours=1)),
        closes_at=max(end, now) + timedelta(days=14),
        anonymous=True,
        keep_breakdown=True,
    )
    first = survey.sections.get()
    services.section_update(section=first, by=organiser, title="The meeting")
    overall = services.question_add(
        section=first, by=organiser, kind=K.RATING, required=True, text="Overall, how would you rate the meeting?"
    )
    services.question_add(
        section=first, by=organiser, kind=K.NUMBER, text="How many sessions did you attend?", min_value=0, max_value=40
    )
    services.question_add(
        section=first,
        by=organiser,
        kind=K.MULTIPLE,
        options=KINDS_OF_SESSION,
        text="Which kinds of session were most useful to you?",
    )
    services.question_add(
        section=first, by=organiser, kind=K.LIKERT, required=True, text="The virtual format worked well for me."
    )
    again = services.question_add(
        section=first,
        by=organiser,
        kind=K.SINGLE,
        options=AGAIN,
        required=True,
        text="Would you attend a virtual meeting again?",
    )
    services.question_add(
        section=first,
        by=organiser,
        kind=K.LONG_TEXT,
        required=True,
        text="What would make you want to attend?",
        show_if=again,
        show_if_values=["Maybe", "No"],
    )
    second = services.section_add(survey=survey, by=organiser, title="Time zones and next time")
    services.question_add(section=second, by=organiser, kind=K.LIKERT, text="Session times suited my time zone.")
    services.question_add(
        section=second, by=organiser, kind=K.LONG_TEXT, text="What should we keep, or change, next time?"
    )
    del overall
    services.survey_publish(survey=survey, by=organiser)

    held = Session.objects.filter(meeting=meeting).exclude(recording_url="").order_by("starts_at").first()
    surveys = [survey]
    if held is not None:
        feedback = services.survey_create(
            meeting=meeting,
            by=organiser,
            title=f"Feedback: {held.title}",
            session=held,
            opens_at=held.ends_at,
            closes_at=held.ends_at + timedelta(days=7),
            anonymous=False,
        )
        section = feedback.sections.get()
        services.question_add(
            section=section,
            by=organiser,
            kind=K.RATING,
            required=True,
            text="How useful was this session for your node?",
        )
        services.question_add(
            section=section, by=organiser, kind=K.LIKERT, text="The pre-recorded presentations helped me prepare."
        )
        services.question_add(section=section, by=organiser, kind=K.SHORT_TEXT, text="One thing to improve")
        services.survey_publish(survey=feedback, by=organiser)
        surveys.append(feedback)

    members = list(
        Participant.objects.filter(meeting=meeting, role__in=MEMBER_ROLES)
        .select_related("node", "node__region")
        .order_by("pk")
    )
    members = [p for p in members if keep_free is None or p.pk != keep_free.pk]
    _answer_evaluation(survey, rng.sample(members, min(36, len(members))), rng, now)
    if len(surveys) > 1:
        _answer_feedback(surveys[1], rng.sample(members, min(14, len(members))), rng)
    return surveys


def _answer_evaluation(survey: Survey, people: list[Participant], rng: Random, now: datetime) -> None:
    questions = list(survey.questions.order_by("section__order", "order"))
    when = max(survey.opens_at, now)
    for person in people:
        rating = _weighted(rng, 3, 10, 8)
        again = "Yes" if rating >= 7 else rng.choice(["Maybe", "No"]) if rating < 5 else rng.choice(AGAIN[:2])
        values = [
            [str(rating)],
            [str(rng.randint(3, 18))] if rng.random() < 0.85 else [],
            rng.sample(KINDS_OF_SESSION, rng.randint(1, 3)),
            [str(_weighted(rng, 1, 5, 4))],
            [again],
            [rng.choice(WHY_NOT)],
            [str(_weighted(rng, 1, 5, 3))],
            [rng.choice(KEEP_OR_CHANGE)] if rng.random() < 0.6 else [],
        ]
        data = {f"q-{q.pk}": v for q, v in zip(questions, values, strict=True)}
        services.response_submit(survey=survey, participant=person, data=data, now=when)


def _answer_feedback(survey: Survey, people: list[Participant], rng: Random) -> None:
    questions = list(survey.questions.order_by("order"))
    for index, person in enumerate(people):
        values = [[str(_weighted(rng, 4, 10, 8))], [str(_weighted(rng, 1, 5, 4))], [rng.choice(IMPROVE)]]
        data = {f"q-{q.pk}": v for q, v in zip(questions, values, strict=True)}
        services.response_submit(
            survey=survey, participant=person, data=data, now=survey.opens_at + timedelta(minutes=5 + 7 * index)
        )
