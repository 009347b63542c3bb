"""`convener plan-slots` as a user runs it: a CSV in, ranked starts and repeats out."""

import csv
import subprocess
import sys

import pytest

PEOPLE = [
    ("ana", "America/Bogota", "Latin America"),
    ("bo", "Europe/Copenhagen", "Europe"),
    ("chen", "Asia/Shanghai", "Asia"),
    ("dev", "Asia/Kathmandu", "Asia"),
    ("ema", "Pacific/Auckland", "Oceania"),
    ("fay", "America/Los_Angeles", "North America"),
]


def run(*args, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "convener.cli", "plan-slots", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=cwd,
    )


@pytest.fixture
def people_csv(tmp_path):
    path = tmp_path / "people.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "zone", "region"])
        writer.writerows(PEOPLE)
    return path


def test_it_ranks_starts_and_plans_two_repeats(people_csv, tmp_path):
    out = tmp_path / "ranked.csv"
    result = run(
        str(people_csv),
        "--duration",
        "90",
        "--dates",
        "2021-06-28..2021-07-02",
        "--repeats",
        "2",
        "--output",
        str(out),
        "--rotate",
    )
    assert result.returncode == 0, result.stderr
    assert "6 people in 6 zones; 5 dates" in result.stdout
    assert "Best 2 repeat(s)" in result.stdout
    with out.open() as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 5 * 96
    costs = [float(row["cost"]) for row in rows]
    assert costs == sorted(costs)
    assert "ranking slots" in result.stderr  # the progress bar
    rotation = result.stdout.split("Rotation:")[1].split("\n\n")[0].strip().splitlines()[1:]
    assert len(rotation) == 5 and all("night for:" in line for line in rotation)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dates", "2021-07-02..2021-06-28"], "ends before it starts"),
        (["--dates", "soon"], "use YYYY-MM-DD..YYYY-MM-DD"),
        (["--dates", "2021-06-28", "--repeats", "9"], "--repeats must be between 1 and 4"),
        (["--dates", "2021-06-28", "--zone", "Mars/Base"], "not an IANA time zone"),
    ],
)
def test_bad_options_get_a_clear_message(people_csv, args, message):
    result = run(str(people_csv), *args)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_zone_in_the_file_names_the_line(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("id,zone\nana,America/Bogota\nbo,Europe/Atlantis\n")
    result = run(str(path), "--dates", "2021-06-28")
    assert result.returncode == 1
    assert "line 3: 'Europe/Atlantis' is not an IANA time zone" in result.stderr


def test_a_missing_column_is_named(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,tz\nana,America/Bogota\n")
    result = run(str(path), "--dates", "2021-06-28")
    assert result.returncode == 1
    assert "the header needs the columns id, zone" in result.stderr
