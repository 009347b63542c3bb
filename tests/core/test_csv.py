"""Every CSV convener writes goes through core/csv.py, and every cell of it is safe in a spreadsheet."""

from __future__ import annotations

import ast
import csv as stdlib_csv
import io
from pathlib import Path

import pytest

from convener.core import csv

SRC = Path(csv.__file__).resolve().parents[1]  # src/convener
HELPER = Path(csv.__file__).resolve()


@pytest.mark.parametrize(
    "value",
    [
        "=1+2+cmd|'/Ccalc'!A0@example.org",
        "+1+2",
        "-2+3+cmd|'/Ccalc'!A0",
        "@SUM(1+1)*cmd|'/Ccalc'!A0",
        "\t=1+2",
        "\r=1+2",
        "\tanything",
        '  =HYPERLINK("http://evil.example","click")',
        "\n@SUM(A1:A9)",
        "\u3000=1+2",
        "-",
        "--1",
    ],
)
def test_a_formula_looking_cell_gets_a_leading_quote(value):
    assert csv.safe_cell(value) == "'" + value


@pytest.mark.parametrize(
    "value",
    ["", "plain text", "ann@example.org", "Round 1 Room 2", "-3", "+1.5", "10", "-0", "2027-03-25T13:00:00Z", "a=b"],
)
def test_ordinary_text_and_plain_numbers_are_left_alone(value):
    assert csv.safe_cell(value) == value


@pytest.mark.parametrize("value", [None, 3, -3, 2.5, -2.5])
def test_cells_that_are_not_text_are_left_alone(value):
    assert csv.safe_cell(value) is value


def test_the_writer_makes_every_cell_safe_and_keeps_the_options():
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Pre-assign Room Name", "Email Address"])
    writer.writerows([["=cmd()", "ok"], [-1, "@x"]])
    assert out.getvalue() == "Pre-assign Room Name,Email Address\r\n'=cmd(),ok\r\n-1,'@x\r\n"
    assert csv.to_text([["+1+1"]]) == "'+1+1\r\n"
    assert list(stdlib_csv.reader(io.StringIO(csv.to_text([["-2+3", "a,b"]])))) == [["'-2+3", "a,b"]]


def _writes_csv(tree: ast.AST) -> list[str]:
    """How a module writes CSV without the helper: csv.writer / csv.DictWriter, however imported."""
    found = []
    names = {"writer", "DictWriter"}
    stdlib_aliases = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            stdlib_aliases |= {alias.asname or alias.name for alias in node.names if alias.name == "csv"}
        elif isinstance(node, ast.ImportFrom) and node.module == "csv" and node.level == 0:
            found += [f"from csv import {alias.name}" for alias in node.names if alias.name in names | {"*"}]
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and node.attr in names
            and isinstance(node.value, ast.Name)
            and node.value.id in stdlib_aliases
        ):
            found.append(f"{node.value.id}.{node.attr} (line {node.lineno})")
    return found


def test_no_module_writes_csv_without_the_safe_helper():
    offenders = {}
    for path in sorted(SRC.rglob("*.py")):
        if path.resolve() == HELPER:
            continue
        found = _writes_csv(ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        if found:
            offenders[str(path.relative_to(SRC))] = found
    assert not offenders, (
        f"write CSV with convener.core.csv (writer, write_rows, to_text), not the csv module: {offenders}"
    )


def test_the_guard_sees_the_ways_of_calling_the_csv_module():
    assert _writes_csv(ast.parse("import csv\ncsv.writer(out)"))
    assert _writes_csv(ast.parse("import csv as c\nc.DictWriter(out, ['a'])"))
    assert _writes_csv(ast.parse("from csv import writer"))
    assert not _writes_csv(ast.parse("import csv\ncsv.DictReader(handle)"))
    assert not _writes_csv(ast.parse("from convener.core import csv\ncsv.writer(out)"))
