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
