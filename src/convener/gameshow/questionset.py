"""Question sets as YAML or JSON (JSON is read as YAML): parsed with line numbers, checked whole, dumped back.

    title: Nodes vs Helpdesk
    teams: [Nodes, Helpdesk]          # the helpdesk: the team named Helpdesk, or {name: …, helpdesk: true}
    leaderboard: false                # optional
    rounds:
      - main: Did you know that …? Find X.
        answer: Filter by …
        notes: Optional Markdown
        minutes: 5                    # breakout time, optional
        poll:                         # optional
          question: Which filter …?
          multiple: false
          options:
            - {text: Country, grade: best}

Every error names its line and field; a file with any error gives nothing (``QuestionSetError`` lists them all).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import yaml

GRADES = ("best", "alternative", "discouraged", "wrong")
MAX_BYTES = 512 * 1024
LIMITS = {"title": 200, "team": 100, "main": 5000, "answer": 5000, "notes": 10000, "question": 300, "option": 300}
ROUNDS_MAX, OPTIONS_MAX, TEAMS_MAX, MINUTES_MAX = 50, 10, 10, 120


@dataclass
class OptionSpec:
    text: str
    grade: str


@dataclass
class PollSpec:
    question: str
    multiple: bool
    options: list[OptionSpec]


@dataclass
class RoundSpec:
    main: str
    answer: str = ""
    notes: str = ""
    minutes: int | None = None
    poll: PollSpec | None = None


@dataclass
class TeamSpec:
    name: str
    helpdesk: bool = False


@dataclass
class QuestionSet:
    title: str
    teams: list[TeamSpec]
    rounds: list[RoundSpec]
    leaderboard: bool = False


@dataclass
class QuestionSetError(Exception):
    errors: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return "\n".join(self.errors)


class _Checker:
    def __init__(self) -> None:
        self.errors: list[str] = []

    def error(self, node: yaml.Node | None, where: str, message: str) -> None:
        line = f"line {node.start_mark.line + 1}" if node is not None else "the file"
        self.errors.append(f"{line}, {where}: {message}")

    def mapping(self, node: yaml.Node, where: str, keys: set[str]) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not isinstance(node, yaml.MappingNode):
            self.error(node, where, "expected fields (key: value)")
            return None
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name not in keys:
                self.error(key, where, f"unknown field {name!r}; expected one of {', '.join(sorted(keys))}")
                continue
            if name in found:
                self.error(key, f"{where}.{name}", "appears twice")
                continue
            found[name] = (key, value)
        return found

    def text(
        self,
        entry: tuple[yaml.Node, yaml.Node] | None,
        where: str,
        *,
        limit: int,
        required: bool,
        parent: yaml.Node | None = None,
    ) -> str:
        if entry is None:
            if required:
                self.error(parent, where, "missing (required)")
            return ""
        _key, node = entry
        if not isinstance(node, yaml.ScalarNode) or node.tag in {"tag:yaml.org,2002:null"}:
            if required or not isinstance(node, yaml.ScalarNode):
                self.error(node, where, "expected text")
            return ""
        value = str(node.value).replace("\x00", "").replace("\r\n", "\n").strip()
        if required and not value:
            self.error(node, where, "is empty")
        if len(value) > limit:
            self.error(node, where, f"too long: at most {limit} characters (this has {len(value)})")
        return value

    def boolean(self, entry: tuple[yaml.Node, yaml.Node] | None, where: str) -> bool:
        if entry is None:
            return False
        node = entry[1]
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return yaml.safe_load(node.value) is True
        self.error(node, where, "expected true or false")
        return False

    def sequence(
        self, entry: tuple[yaml.Node, yaml.Node] | None, where: str, parent: yaml.Node | None = None
    ) -> list[yaml.Node]:
        if entry is None:
            self.error(parent, where, "missing (required)")
            return []
        node = entry[1]
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, where, "expected a list")
            return []
        return list(node.value)


def parse(text: str) -> QuestionSet:
    """A question set from YAML or JSON text; raises QuestionSetError naming every bad line and field."""
    if len(text.encode("utf-8", "replace")) > MAX_BYTES:
        raise QuestionSetError([f"the file: too large (at most {MAX_BYTES // 1024} KB)"])
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}" if mark is not None else "the file"
        problem = getattr(exc, "problem", None) or "cannot be read"
        raise QuestionSetError([f"{line}, syntax: {problem}"]) from None
    check = _Checker()
    if root is None:
        raise QuestionSetError(["the file: empty; it needs title, teams and rounds"])
    top = check.mapping(root, "top level", {"title", "teams", "rounds", "leaderboard"})
    if top is None:
        raise QuestionSetError(check.errors)
    title = check.text(top.get("title"), "title", limit=LIMITS["title"], required=True, parent=root)
    if "\n" in title:
        check.error(top["title"][1], "title", "must be one line")
    leaderboard = check.boolean(top.get("leaderboard"), "leaderboard")
    teams = _teams(check, top.get("teams"), root)
    rounds: list[RoundSpec] = []
    round_nodes = check.sequence(top.get("rounds"), "rounds", root)
    if top.get("rounds") is not None and isinstance(top["rounds"][1], yaml.SequenceNode):
        if not round_nodes:
            check.error(top["rounds"][1], "rounds", "needs at least one round")
        if len(round_nodes) > ROUNDS_MAX:
            check.error(top["rounds"][1], "rounds", f"at most {ROUNDS_MAX} rounds")
    for i, node in enumerate(round_nodes, start=1):
        spec = _round(check, node, f"rounds[{i}]")
        if spec is not None:
            rounds.append(spec)
    if check.errors:
        raise QuestionSetError(check.errors)
    return QuestionSet(title=title, teams=teams, rounds=rounds, leaderboard=leaderboard)


def _teams(check: _Checker, entry: tuple[yaml.Node, yaml.Node] | None, root: yaml.Node) -> list[TeamSpec]:
    nodes = check.sequence(entry, "teams", root)
    teams: list[TeamSpec] = []
    for i, node in enumerate(nodes, start=1):
        where = f"teams[{i}]"
        if isinstance(node, yaml.ScalarNode):
            name = check.text((node, node), where, limit=LIMITS["team"], required=True)
            teams.append(TeamSpec(name=name, helpdesk=name.casefold() == "helpdesk"))
            continue
        fields = check.mapping(node, where, {"name", "helpdesk"})
        if fields is None:
            continue
        name = check.text(fields.get("name"), f"{where}.name", limit=LIMITS["team"], required=True, parent=node)
        teams.append(TeamSpec(name=name, helpdesk=check.boolean(fields.get("helpdesk"), f"{where}.helpdesk")))
    if entry is None or not isinstance(entry[1], yaml.SequenceNode):
        return teams
    where_node = entry[1]
    names = [t.name.casefold() for t in teams]
    if len(set(names)) != len(names):
        check.error(where_node, "teams", "two teams have the same name")
    if len(teams) > TEAMS_MAX:
        check.error(where_node, "teams", f"at most {TEAMS_MAX} teams")
    helpdesks = [t for t in teams if t.helpdesk]
    if len(helpdesks) != 1:
        check.error(where_node, "teams", "exactly one team is the helpdesk (named Helpdesk, or helpdesk: true)")
    elif len(teams) < 2:
        check.error(where_node, "teams", "needs at least one team of nodes besides the helpdesk")
    return teams


def _round(check: _Checker, node: yaml.Node, where: str) -> RoundSpec | None:
    fields = check.mapping(node, where, {"main", "answer", "notes", "minutes", "poll"})
    if fields is None:
        return None
    spec = RoundSpec(
        main=check.text(fields.get("main"), f"{where}.main", limit=LIMITS["main"], required=True, parent=node),
        answer=check.text(fields.get("answer"), f"{where}.answer", limit=LIMITS["answer"], required=False),
        notes=check.text(fields.get("notes"), f"{where}.notes", limit=LIMITS["notes"], required=False),
    )
    if "minutes" in fields:
        value = fields["minutes"][1]
        ok = isinstance(value, yaml.ScalarNode) and value.tag == "tag:yaml.org,2002:int"
        number = int(yaml.safe_load(value.value)) if ok else 0
        if not ok or not 1 <= number <= MINUTES_MAX:
            check.error(value, f"{where}.minutes", f"expected a whole number of minutes from 1 to {MINUTES_MAX}")
        else:
            spec.minutes = number
    if "poll" in fields:
        spec.poll = _poll(check, fields["poll"][1], f"{where}.poll")
    return spec


def _poll(check: _Checker, node: yaml.Node, where: str) -> PollSpec | None:
    fields = check.mapping(node, where, {"question", "multiple", "options"})
    if fields is None:
        return None
    question = check.text(
        fields.get("question"), f"{where}.question", limit=LIMITS["question"], required=True, parent=node
    )
    multiple = check.boolean(fields.get("multiple"), f"{where}.multiple")
    options: list[OptionSpec] = []
    option_nodes = check.sequence(fields.get("options"), f"{where}.options", node)
    for i, option_node in enumerate(option_nodes, start=1):
        here = f"{where}.options[{i}]"
        option = check.mapping(option_node, here, {"text", "grade"})
        if option is None:
            continue
        text = check.text(option.get("text"), f"{here}.text", limit=LIMITS["option"], required=True, parent=option_node)
        grade = check.text(option.get("grade"), f"{here}.grade", limit=20, required=True, parent=option_node)
        if grade and grade not in GRADES:
            check.error(option["grade"][1], f"{here}.grade", f"{grade!r} is not a grade; use {', '.join(GRADES)}")
        options.append(OptionSpec(text=text, grade=grade))
    if fields.get("options") is not None and isinstance(fields["options"][1], yaml.SequenceNode):
        list_node = fields["options"][1]
        if not 2 <= len(option_nodes) <= OPTIONS_MAX:
            check.error(list_node, f"{where}.options", f"a poll needs 2 to {OPTIONS_MAX} options")
        texts = [o.text.casefold() for o in options if o.text]
        if len(set(texts)) != len(texts):
            check.error(list_node, f"{where}.options", "two options have the same text")
    return PollSpec(question=question, multiple=multiple, options=options)


def to_data(questions: QuestionSet) -> dict[str, Any]:
    teams: list[Any] = [
        t.name if t.helpdesk == (t.name.casefold() == "helpdesk") else {"name": t.name, "helpdesk": t.helpdesk}
        for t in questions.teams
    ]
    data: dict[str, Any] = {"title": questions.title, "teams": teams}
    if questions.leaderboard:
        data["leaderboard"] = True
    rounds = []
    for r in questions.rounds:
        item: dict[str, Any] = {"main": r.main}
        if r.answer:
            item["answer"] = r.answer
        if r.notes:
            item["notes"] = r.notes
        if r.minutes is not None:
            item["minutes"] = r.minutes
        if r.poll is not None:
            item["poll"] = {
                "question": r.poll.question,
                "multiple": r.poll.multiple,
                "options": [{"text": o.text, "grade": o.grade} for o in r.poll.options],
            }
        rounds.append(item)
    data["rounds"] = rounds
    return data


def dump(questions: QuestionSet, *, fmt: str = "yaml") -> str:
    """YAML (default) or JSON text that ``parse`` reads back to the same question set."""
    data = to_data(questions)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
