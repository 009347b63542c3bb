"""Reading a participant's answers: which questions are shown, and whether each answer is acceptable.

The same rules run in the browser (static/surveys/survey.js hides and shows
questions) and here, where they decide: a question hidden by its condition is
not required and whatever was sent for it is dropped.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from convener.surveys.models import LONG_TEXT_MAX, NUMBER_LIMIT, SHORT_TEXT_MAX, Question

Kind = Question.Kind
Value = str | Decimal | list[str]


def field_name(question: Question) -> str:
    return f"q-{question.pk}"


def as_condition_strings(question: Question, value: Value | None) -> set[str]:
    """An answer as the strings a condition compares with (labels for choices, integers for scales)."""
    if value is None:
        return set()
    if isinstance(value, list):
        return set(value)
    if isinstance(value, Decimal):
        return {str(int(value))} if value == value.to_integral_value() else {str(value)}
    return {value}


def is_shown(question: Question, answers: Mapping[int, Value], shown: Mapping[int, bool]) -> bool:
    """Shown unless it depends on an earlier question that is hidden or answered otherwise."""
    if question.show_if_id is None:
        return True
    if not shown.get(question.show_if_id, False):
        return False
    given = as_condition_strings(question, answers.get(question.show_if_id))
    return bool(given & set(question.show_if_values))


@dataclass
class Cleaned:
    answers: dict[int, Value] = field(default_factory=dict)  # question id -> value, shown and answered only
    errors: dict[int, str] = field(default_factory=dict)  # question id -> message
    shown: dict[int, bool] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


def _one(values: Sequence[str]) -> str:
    for value in values:
        if value.strip():
            return value.strip()
    return ""


def _clean_one(question: Question, values: Sequence[str]) -> tuple[Value | None, str | None]:
    """(value, None), (None, None) when unanswered, or (None, message)."""
    label = f"“{question.text}”"
    if question.kind == Kind.MULTIPLE:
        picked = [v for v in dict.fromkeys(v.strip() for v in values) if v]
        if not picked:
            return None, None
        unknown = [v for v in picked if v not in question.options]
        if unknown:
            return None, f"{label}: choose from the options given."
        return [o for o in question.options if o in picked], None
    if len([v for v in values if v.strip()]) > 1:
        return None, f"{label}: give one answer."
    raw = _one(values)
    if not raw:
        return None, None
    if question.kind == Kind.SINGLE:
        if raw not in question.options:
            return None, f"{label}: choose one of the options given."
        return raw, None
    if question.kind in (Kind.LIKERT, Kind.RATING):
        low, high = (1, len(question.options)) if question.kind == Kind.LIKERT else (0, 10)
        if not raw.isdigit() or not low <= int(raw) <= high:
            return None, f"{label}: choose a point on the scale from {low} to {high}."
        return Decimal(int(raw)), None
    if question.kind == Kind.NUMBER:
        try:
            number = Decimal(raw.replace(",", "."))
        except InvalidOperation:
            return None, f"{label}: “{raw[:40]}” is not a number."
        if not number.is_finite() or abs(number) >= NUMBER_LIMIT:
            return None, f"{label}: “{raw[:40]}” is not a number this survey can take."
        if number != number.quantize(Decimal("0.001")):
            return None, f"{label}: use at most three decimals."
        low, high = question.min_value, question.max_value
        if (low is not None and number < low) or (high is not None and number > high):
            return None, f"{label}: {_range_text(low, high)}; {_plain(number)} is out of range."
        return number, None
    limit = SHORT_TEXT_MAX if question.kind == Kind.SHORT_TEXT else LONG_TEXT_MAX
    if "\x00" in raw:
        return None, f"{label}: the text contains a character that cannot be stored."
    if len(raw) > limit:
        return None, f"{label}: keep it under {limit} characters (it has {len(raw)})."
    return raw, None


def _plain(number: Decimal | None) -> str:
    if number is None:
        return ""
    text = format(number.normalize(), "f")
    return text


def _range_text(low: Decimal | None, high: Decimal | None) -> str:
    if low is not None and high is not None:
        return f"give a number from {_plain(low)} to {_plain(high)}"
    if low is not None:
        return f"give a number of at least {_plain(low)}"
    return f"give a number of at most {_plain(high)}"


def range_text(question: Question) -> str:
    if question.min_value is None and question.max_value is None:
        return ""
    return _range_text(question.min_value, question.max_value).replace("give a", "A")


def clean_answers(questions: Sequence[Question], data: Mapping[str, Sequence[str]]) -> Cleaned:
    """Check every answer of a response against ``questions`` (in survey order).

    ``data`` maps field names (``q-<id>``) to the values sent; anything else is
    ignored. Hidden questions are skipped: not required, and their values dropped.
    """
    result = Cleaned()
    for question in questions:
        shown = is_shown(question, result.answers, result.shown)
        result.shown[question.pk] = shown
        if not shown:
            continue
        raw = data.get(field_name(question), [])
        if isinstance(raw, str):
            raw = [raw]
        value, error = _clean_one(question, [str(v) for v in raw])
        if error:
            result.errors[question.pk] = error
        elif value is None:
            if question.required:
                result.errors[question.pk] = f"“{question.text}” needs an answer."
        else:
            result.answers[question.pk] = value
    return result
