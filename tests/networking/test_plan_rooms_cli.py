"""`convener plan-rooms` as a user runs it."""

import csv
import subprocess
import sys
from itertools import combinations


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "convener.cli", "plan-rooms", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_it_plans_rounds_without_repeats_and_writes_the_plan(tmp_path):
    people = tmp_path / "people.csv"
    with people.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "node", "region", "email"])
        for i in range(23):  # 23 people: rooms of 3-5 do not divide evenly
            writer.writerow([f"p{i}", f"node{i % 8}", f"region{i % 4}", f"p{i}@example.org"])
    out = tmp_path / "rooms.csv"
    result = run(str(people), "--room-size", "3-5", "--rounds", "4", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert "repeat meetings        0" in result.stdout
    assert "planning 4 rounds" in result.stderr  # the progress bar
    with out.open() as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 4 * 23
    met = set()
    for r in range(1, 5):
        rooms = {}
        for row in rows:
            if row["round"] == str(r):
                rooms.setdefault(row["room"], []).append(row["id"])
        assert all(3 <= len(members) <= 5 for members in rooms.values())
        pairs = {frozenset(p) for members in rooms.values() for p in combinations(members, 2)}
        assert not pairs & met
        met |= pairs


def test_bad_input_gets_a_clear_message(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("id\na\nb\n")
    result = run(str(people), "--room-size", "3-5", "--rounds", "2", "--output", str(tmp_path / "x.csv"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    result = run(str(people), "--room-size", "five", "--output", str(tmp_path / "x.csv"))
    assert result.returncode == 1 and "use a range such as 3-5" in result.stderr


def test_the_plan_neutralises_formulas_from_the_people_file(tmp_path):
    people = tmp_path / "people.csv"
    with people.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "email"])
        writer.writerow(["=cmd|'/Ccalc'!A0", "@SUM(1+1)@example.org"])
        for i in range(5):
            writer.writerow([f"p{i}", f"p{i}@example.org"])
    out = tmp_path / "rooms.csv"
    result = run(str(people), "--room-size", "3-4", "--rounds", "1", "--output", str(out))
    assert result.returncode == 0, result.stderr
    with out.open() as handle:
        rows = list(csv.DictReader(handle))
    evil = next(row for row in rows if "cmd" in row["id"])
    assert (evil["id"], evil["email"]) == ("'=cmd|'/Ccalc'!A0", "'@SUM(1+1)@example.org")


# --- issue 14: any CSV, clear errors ----------------------------------------------------------------------------------


def write_people(path, rows, header=("id", "languages"), encoding="utf-8"):
    with path.open("w", newline="", encoding=encoding) as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)


def test_a_latin_1_file_is_read_with_a_note(tmp_path):
    people = tmp_path / "people.csv"
    write_people(people, [["José", "es"], *[[f"p{i}", "es"] for i in range(5)]], encoding="latin-1")
    out = tmp_path / "rooms.csv"
    result = run(str(people), "--room-size", "3", "--rounds", "1", "--output", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and "not UTF-8" in result.stderr
    assert "José" in out.read_text(encoding="utf-8")


def test_a_blank_languages_cell_means_no_language_and_the_plan_names_who_had_none_shared(tmp_path):
    people = tmp_path / "people.csv"
    write_people(people, [["nolang", ""], *[[f"p{i}", "fr"] for i in range(8)]])
    result = run(str(people), "--room-size", "3", "--rounds", "2", "--output", str(tmp_path / "rooms.csv"))
    assert result.returncode == 0, result.stderr
    assert "not placed with a shared language: nolang" in result.stdout
    assert "rooms without a shared language  2" in result.stdout  # one room a round, not English by default


def test_bad_options_are_refused_before_any_progress_bar(tmp_path):
    people = tmp_path / "people.csv"
    write_people(people, [[f"p{i}", "en"] for i in range(6)])
    out = str(tmp_path / "rooms.csv")
    for args, message in [
        (("--time-budget", "nan"), "--time-budget nan"),
        (("--time-budget", "inf"), "--time-budget inf"),
        (("--time-budget", "0"), "--time-budget 0"),
        (("--room-size", "3-"), "use a range such as 3-5"),
        (("--room-size", "-3"), "use a range such as 3-5"),
        (("--room-size", "7-9"), "cannot be split into rooms of 7-9"),
    ]:
        result = run(str(people), "--rounds", "2", "--output", out, *args)
        assert result.returncode == 1, args
        assert message in result.stderr, (args, result.stderr)
        assert "planning" not in result.stderr and "Traceback" not in result.stderr, result.stderr


def test_a_plan_with_repeats_not_proven_unavoidable_says_so(tmp_path):
    people = tmp_path / "people.csv"
    write_people(people, [[f"p{i}", "en"] for i in range(36)])
    out = str(tmp_path / "rooms.csv")
    result = run(str(people), "--room-size", "4", "--rounds", "11", "--time-budget", "1", "--output", out)
    assert result.returncode == 0, result.stderr
    assert "not proven best" in result.stdout
