"""Reads of surveys: which a viewer sees, what they still have to answer, and the results."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, QuerySet

from convener.people.models import Node, Participant
from convener.people.selectors import MEMBER_ROLES, is_member
from convener.program.models import Meeting, Session
from convener.surveys.models import Answer, Question, Respondent, Response, ResponseOwner, Section, Survey

Kind = Question.Kind
MIN_GROUP = 3  # an anonymous survey's breakdown is not shown for groups smaller than this
NO_REGION = "No region"


def survey_list(*, meeting: Meeting, participant: Participant | None, drafts: bool = False) -> QuerySet[Survey]:
    """The meeting's surveys, each with ``response_count`` and ``answered`` (by this participant).

    Drafts only with ``drafts=True`` (organisers): participants never see a survey still being built.
    """
    mine = Respondent.objects.filter(survey=OuterRef("pk"), participant=participant)
    surveys = Survey.objects.filter(meeting=meeting)
    if not drafts:
        surveys = surveys.filter(published=True)
    return (
        surveys.select_related("session")
        .annotate(response_count=Count("responses", distinct=True), answered=Exists(mine))
        .order_by("session__starts_at", "opens_at", "title")
    )


def survey_for(*, meeting: Meeting, pk: int) -> Survey | None:
    return Survey.objects.filter(meeting=meeting, pk=pk).select_related("meeting", "session").first()


def has_answered(*, survey: Survey, participant: Participant | None) -> bool:
    return participant is not None and Respondent.objects.filter(survey=survey, participant=participant).exists()


def structure(*, survey: Survey) -> list[Section]:
    """Sections in order, each with ``items``: its questions in order (two queries)."""
    sections = list(Section.objects.filter(survey=survey).order_by("order", "id"))
    by_section: dict[int, list[Question]] = defaultdict(list)
    for question in Question.objects.filter(survey=survey).select_related("show_if").order_by("order", "id"):
        by_section[question.section_id].append(question)
    for section in sections:
        section.items = by_section[section.pk]
    return sections


def questions_in_order(sections: list[Section]) -> list[Question]:
    return [q for section in sections for q in section.items]


def own_answers(*, survey: Survey, participant: Participant | None) -> dict[str, list[str]] | None:
    """An identified response's answers as form data (``q-<id>`` -> values), or None."""
    if participant is None or survey.anonymous:
        return None
    owner = ResponseOwner.objects.filter(response__survey=survey, participant=participant).first()
    if owner is None:
        return None
    data: dict[str, list[str]] = {}
    for answer in Answer.objects.filter(response_id=owner.response_id).select_related("question"):
        data[f"q-{answer.question_id}"] = _answer_strings(answer.question, answer)
    return data


def _plain(number: Decimal) -> str:
    return format(number.normalize(), "f") if number is not None else ""


def _answer_strings(question: Question, answer: Answer) -> list[str]:
    if question.kind == Kind.MULTIPLE:
        return list(answer.choices)
    if answer.number is not None:
        return [_plain(answer.number)]
    return [answer.text]


def session_survey(*, session: Session) -> Survey | None:
    return Survey.objects.filter(session=session).first()


def session_prompt(*, session: Session, participant: Participant | None, now: datetime) -> Survey | None:
    """What a member's session page asks them to answer, if anything.

    Once a session has ended: its own open feedback survey. During and after
    the evaluation session (the survey and open floor that close the meeting):
    the open survey of the whole meeting. Never one they have answered.
    """
    if not is_member(participant) or participant.meeting_id != session.meeting_id:
        return None
    candidates = []
    published = Survey.objects.filter(published=True)
    if now >= session.ends_at:
        candidates.append(published.filter(session=session))
    if session.kind == Session.Kind.EVALUATION and now >= session.starts_at:
        candidates.append(published.filter(meeting_id=session.meeting_id, session__isnull=True))
    for surveys in candidates:
        for survey in surveys.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at"):
            if not has_answered(survey=survey, participant=participant):
                return survey
    return None


def open_for(*, meeting: Meeting, participant: Participant | None, now: datetime) -> list[Survey]:
    """Open surveys this member has not answered yet (for the surveys page)."""
    if not is_member(participant):
        return []
    answered = Respondent.objects.filter(survey=OuterRef("pk"), participant=participant)
    return list(
        Survey.objects.filter(meeting=meeting, published=True, opens_at__lte=now, closes_at__gt=now)
        .exclude(Exists(answered))
        .select_related("session")
        .order_by("closes_at")
    )


def eligible(*, survey: Survey) -> QuerySet[Participant]:
    """Who is asked: every member of the meeting (guests awaiting approval are not)."""
    return Participant.objects.filter(meeting_id=survey.meeting_id, role__in=MEMBER_ROLES)


def not_answered(*, survey: Survey) -> QuerySet[Participant]:
    answered = Respondent.objects.filter(survey=survey, participant=OuterRef("pk"))
    return eligible(survey=survey).exclude(Exists(answered)).select_related("user").order_by("name", "pk")


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------


@dataclass
class Bar:
    label: str
    count: int
    percent: float  # of the people who answered the question

    @property
    def width(self) -> float:
        return round(self.percent, 1)


@dataclass
class QuestionResult:
    question: Question
    answered: int = 0
    bars: list[Bar] = field(default_factory=list)
    mean: float | None = None
    median: float | None = None
    low: float | None = None
    high: float | None = None
    texts: list[str] = field(default_factory=list)
    matching: int = 0  # texts matching the search
    shown_to: int = 0  # responses to which the question applied (not hidden by a condition)

    @property
    def max_count(self) -> int:
        return max((bar.count for bar in self.bars), default=0)

    @property
    def columns(self) -> list[dict[str, object]]:
        """Column geometry for the distribution chart: an SVG 200 wide and 100 high, bars up to 70 high."""
        top = self.max_count or 1
        width = 200 / max(len(self.bars), 1)
        columns = []
        for i, bar in enumerate(self.bars):
            height = 70 * bar.count / top
            columns.append(
                {
                    "x": round(i * width + width * 0.15, 2),
                    "w": round(width * 0.7, 2),
                    "h": round(height, 2),
                    "y": round(84 - height, 2),
                    "cx": round(i * width + width / 2, 2),
                    "ty": round(81 - height, 2),
                    "bar": bar,
                }
            )
        return columns


@dataclass
class Rate:
    label: str
    eligible: int
    answered: int

    @property
    def percent(self) -> float:
        return round(100 * self.answered / self.eligible, 1) if self.eligible else 0.0


@dataclass
class Results:
    survey: Survey
    responses: int
    questions: list[QuestionResult]
    overall: Rate
    by_region: list[Rate]
    by_node_kind: list[Rate]
    regions: list[str]  # breakdown categories present in the responses
    node_kinds: list[tuple[str, str]]
    region: str = ""
    node_kind: str = ""
    suppressed: bool = False  # filtered group too small to show in an anonymous survey
    search: str = ""


def response_rates(*, survey: Survey) -> tuple[Rate, list[Rate], list[Rate]]:
    """Who was asked and who answered: overall, per region and per node kind (from the Respondent rows)."""
    answered_ids = set(Respondent.objects.filter(survey=survey).values_list("participant_id", flat=True))
    people = eligible(survey=survey).values_list("pk", "node__region__name", "node__region__order", "node__kind")
    regions: dict[str, list[int]] = {}
    region_order: dict[str, int] = {}
    kinds: dict[str, list[int]] = {}
    total = [0, 0]
    for pk, region, order, kind in people:
        hit = int(pk in answered_ids)
        total[0] += 1
        total[1] += hit
        name = region or NO_REGION
        region_order[name] = order if order is not None else 10_000
        regions.setdefault(name, [0, 0])
        regions[name][0] += 1
        regions[name][1] += hit
        kind_label = str(Node.Kind(kind).label) if kind else "No node"
        kinds.setdefault(kind_label, [0, 0])
        kinds[kind_label][0] += 1
        kinds[kind_label][1] += hit
    by_region = [Rate(name, *regions[name]) for name in sorted(regions, key=lambda n: (region_order[n], n))]
    by_kind = [Rate(name, *kinds[name]) for name in sorted(kinds)]
    return Rate("Everyone asked", *total), by_region, by_kind


def _median(values: list[float]) -> float | None:
    return round(statistics.median(values), 2) if values else None


def _mean(values: list[float]) -> float | None:
    return round(statistics.fmean(values), 2) if values else None


def survey_results(*, survey: Survey, region: str = "", node_kind: str = "", search: str = "") -> Results:
    """Per question: counts and shares, mean and median, the free texts; five queries whatever the size."""
    sections = structure(survey=survey)
    questions = questions_in_order(sections)
    responses = Response.objects.filter(survey=survey)
    all_categories = list(responses.values_list("region", "node_kind").distinct())
    regions = sorted({r for r, _ in all_categories if r})
    kinds_present = {k for _, k in all_categories if k}
    node_kinds = [(value, label) for value, label in Node.Kind.choices if value in kinds_present]
    if region:
        responses = responses.filter(region=region)
    if node_kind:
        responses = responses.filter(node_kind=node_kind)
    count = responses.count()
    suppressed = bool((region or node_kind) and survey.anonymous and 0 < count < MIN_GROUP)
    overall, by_region, by_kind = response_rates(survey=survey)
    results = {q.pk: QuestionResult(question=q) for q in questions}
    if not suppressed:
        answers = Answer.objects.filter(response__in=responses).values_list("question_id", "text", "number", "choices")
        raw: dict[int, list[tuple[str, Decimal | None, list[str]]]] = defaultdict(list)
        for question_id, text, number, choices in answers:
            raw[question_id].append((text, number, choices))
        needle = search.strip().casefold()
        for question in questions:
            _fill(results[question.pk], raw.get(question.pk, []), needle)
    return Results(
        survey=survey,
        responses=0 if suppressed else count,
        questions=list(results.values()),
        overall=overall,
        by_region=by_region,
        by_node_kind=by_kind,
        regions=regions,
        node_kinds=node_kinds,
        region=region,
        node_kind=node_kind,
        suppressed=suppressed,
        search=search.strip(),
    )


def _fill(result: QuestionResult, rows: list[tuple[str, Decimal | None, list[str]]], needle: str) -> None:
    question = result.question
    result.answered = len(rows)
    if question.kind in Question.CHOICE_KINDS:
        counts: Counter[str] = Counter()
        for text, _, choices in rows:
            counts.update(choices if question.kind == Kind.MULTIPLE else [text])
        result.bars = [Bar(o, counts[o], 100 * counts[o] / len(rows) if rows else 0.0) for o in question.options]
    elif question.kind in Question.SCALE_KINDS:
        numbers = [float(n) for _, n, _ in rows if n is not None]
        counts = Counter(int(n) for n in numbers)
        result.bars = [
            Bar(label, counts[value], 100 * counts[value] / len(numbers) if numbers else 0.0)
            for value, label in question.scale()
        ]
        result.mean, result.median = _mean(numbers), _median(numbers)
    elif question.kind == Kind.NUMBER:
        numbers = [float(n) for _, n, _ in rows if n is not None]
        result.mean, result.median = _mean(numbers), _median(numbers)
        result.low, result.high = (min(numbers), max(numbers)) if numbers else (None, None)
    else:
        texts = sorted((text for text, _, _ in rows if text), key=str.casefold)
        result.texts = [t for t in texts if needle in t.casefold()] if needle else texts
        result.matching = len(result.texts)


@dataclass
class KindSummary:
    kind: str
    label: str
    surveys: int
    responses: int
    ratings: int
    mean: float | None
    sessions: list[tuple[Survey, float | None]]


def session_feedback_by_kind(*, meeting: Meeting) -> list[KindSummary]:
    """Session surveys grouped by kind of session: responses and the mean of their 0–10 ratings."""
    surveys = list(
        Survey.objects.filter(meeting=meeting, session__isnull=False)
        .select_related("session")
        .annotate(response_count=Count("responses", distinct=True))
        .order_by("session__starts_at")
    )
    ratings: dict[int, list[float]] = defaultdict(list)
    for survey_id, number in Answer.objects.filter(
        question__survey__in=surveys,
        question__kind=Kind.RATING,
        number__isnull=False,
    ).values_list("question__survey_id", "number"):
        ratings[survey_id].append(float(number))
    grouped: dict[str, list[Survey]] = defaultdict(list)
    for survey in surveys:
        grouped[survey.session.kind].append(survey)
    labels = dict(Session.Kind.choices)
    summary = []
    for kind, items in grouped.items():
        values = [v for s in items for v in ratings[s.pk]]
        summary.append(
            KindSummary(
                kind=kind,
                label=str(labels.get(kind, kind)),
                surveys=len(items),
                responses=sum(s.response_count for s in items),
                ratings=len(values),
                mean=_mean(values),
                sessions=[(s, _mean(ratings[s.pk])) for s in items],
            )
        )
    return sorted(summary, key=lambda k: k.label)
