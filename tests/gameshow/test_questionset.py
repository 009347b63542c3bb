"""Question sets: YAML and JSON read with line numbers, every error named by line and field, a round trip."""

from __future__ import annotations

import json

import pytest

from convener.gameshow import questionset
from convener.gameshow.questionset import QuestionSetError, parse

HEAD = "title: T\nteams: [Nodes, Helpdesk]\nrounds:\n"
GOOD = """\
title: Quiz
teams: [Nodes, Helpdesk]
rounds:
  - main: Find X
    answer: Like this
    notes: "*Markdown*"
    minutes: 3
    poll:
      question: Which?
      multiple: true
      options:
        - {text: A, grade: best}
        - {text: B, grade: alternative}
        - {text: C, grade: best}
  - main: Find Y
"""


def errors(text: str) -> list[str]:
    with pytest.raises(QuestionSetError) as caught:
        parse(text)
    return caught.value.errors


def test_a_good_set_reads_with_its_grades_teams_and_optional_fields():
    spec = parse(GOOD)
    assert spec.title == "Quiz"
    assert [(t.name, t.helpdesk) for t in spec.teams] == [("Nodes", False), ("Helpdesk", True)]
    first, second = spec.rounds
    assert first.minutes == 3 and first.notes == "*Markdown*" and first.poll.multiple
    assert [(o.text, o.grade) for o in first.poll.options] == [("A", "best"), ("B", "alternative"), ("C", "best")]
    assert second.poll is None and second.minutes is None and second.answer == ""


def test_yaml_and_json_round_trip_to_the_same_set(question_text):
    spec = parse(question_text)
    assert len(spec.rounds) == 10
    assert parse(questionset.dump(spec)) == spec
    as_json = questionset.dump(spec, fmt="json")
    assert json.loads(as_json)["teams"] == ["Nodes", "Helpdesk"]
    assert parse(as_json) == spec


def test_every_error_names_its_line_and_field():
    bad = GOOD.replace("grade: alternative", "grade: maybe").replace("minutes: 3", "minutes: three")
    bad = bad.replace("  - main: Find Y\n", "  - answer: no main\n")
    found = errors(bad)
    assert "line 7, rounds[1].minutes: expected a whole number of minutes from 1 to 120" in found
    assert any(e.startswith("line 13, rounds[1].poll.options[2].grade: 'maybe' is not a grade") for e in found)
    assert "line 15, rounds[2].main: missing (required)" in found
    assert len(found) == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("title: [unclosed", "line 1, syntax"),
        ("", "the file: empty"),
        ("- a list", "line 1, top level: expected fields"),
        ("title: T\nteams: [A, B]\nrounds: [{main: x}]\n", "line 2, teams: exactly one team is the helpdesk"),
        ("title: T\nteams: [Helpdesk]\nrounds: [{main: x}]\n", "line 2, teams: needs at least one team of nodes"),
        ("title: T\nteams: [Helpdesk, Nodes, nodes]\nrounds: [{main: x}]\n", "line 2, teams: two teams have the same"),
        ("title: T\nteams: [Nodes, Helpdesk]\nrounds: []\n", "line 3, rounds: needs at least one round"),
        ("title: T\nteams: [Nodes, Helpdesk]\nrounds: [{main: x, colour: red}]\n", "line 3, rounds[1]: unknown field"),
        (
            HEAD + "  - main: x\n    poll: {question: q, options: [{text: a, grade: best}]}\n",
            "line 5, rounds[1].poll.options: a poll needs 2 to 10 options",
        ),
        (
            HEAD + "  - main: x\n    poll:\n      question: q\n      multiple: maybe\n"
            "      options: [{text: a, grade: best}, {text: A, grade: wrong}]\n",
            "line 7, rounds[1].poll.multiple: expected true or false",
        ),
        ("teams: [Nodes, Helpdesk]\nrounds: [{main: x}]\n", "line 1, title: missing (required)"),
        ('{"title": "T", "teams": ["Nodes", "Helpdesk"], "rounds": [{"main": 3.5}]}', None),
    ],
)
def test_bad_files_are_refused_with_a_reason(text, expected):
    if expected is None:  # a number where text is expected is read as text (YAML's scalars)
        assert parse(text).rounds[0].main == "3.5"
        return
    assert any(e.startswith(expected) for e in errors(text)), errors(text)


def test_same_option_twice_and_too_long_texts_are_errors():
    text = GOOD.replace("text: C", "text: a").replace("title: Quiz", "title: " + "Q" * 201)
    found = errors(text)
    assert any("rounds[1].poll.options: two options have the same text" in e for e in found)
    assert any(e.startswith("line 1, title: too long") for e in found)


def test_a_helpdesk_can_have_another_name():
    spec = parse("title: T\nteams: [Nodes, {name: Data products, helpdesk: true}]\nrounds: [{main: x}]\n")
    assert [t.helpdesk for t in spec.teams] == [False, True]
    assert parse(questionset.dump(spec)) == spec
