"""``convener import`` and ``convener export`` on the command line."""

from __future__ import annotations

import json
from datetime import date

import pytest

from convener.cli import main
from convener.program.models import Theme
from convener.programio.models import UnscheduledSession
from tests.factories import MeetingFactory
from tests.programio.conftest import REFERENCE_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(slug="gnm-2021", start_date=date(2021, 6, 28), end_date=date(2021, 7, 2))


def test_import_dry_run_prints_what_it_would_create_and_writes_nothing(meeting, capsys):
    assert main(["import", str(REFERENCE_PAGE), "--meeting", "gnm-2021", "--dry-run"]) == 0

    out = capsys.readouterr().out
    assert out.startswith("Dry run: nothing written. Import into")
    assert "unscheduled sessions (to place) would create: 13" in out
    assert "    - Theme 4: Content and use" in out
    assert "guests would create (confirm them): 5" in out
    assert not UnscheduledSession.objects.exists() and not Theme.objects.filter(meeting=meeting).exists()


def test_import_writes_the_program_and_export_gives_it_back(meeting, tmp_path, capsys):
    assert main(["import", str(REFERENCE_PAGE), "--meeting", "gnm-2021", "--format", "markdown"]) == 0
    assert UnscheduledSession.objects.filter(meeting=meeting).count() == 13
    capsys.readouterr()

    target = tmp_path / "program.md"
    assert main(["export", "--meeting", "gnm-2021", "--format", "markdown", "--output", str(target)]) == 0
    page = target.read_text(encoding="utf-8")
    assert "### Theme 4: Content and use" in page
    assert "+ [Sensitive Species Data](<https://vimeo.com/564610096/5da158d4ff>) (from 23 June 2021)" in page

    assert main(["export", "--meeting", "gnm-2021", "--format", "frab-json"]) == 0
    assert json.loads(capsys.readouterr().out)["schedule"]["conference"]["acronym"] == "gnm_2021"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "{file}", "--meeting", "nope"], "no meeting with the slug 'nope'"),
        (["import", "{missing}", "--meeting", "gnm-2021"], "cannot read"),
        (
            ["import", "{file}", "--meeting", "gnm-2021", "--format", "frab-json"],
            "program.md: line 1: this looks like a Markdown page, not JSON",
        ),
    ],
)
def test_bad_input_is_one_line_without_a_traceback(meeting, tmp_path, capsys, args, message):
    page = tmp_path / "program.md"
    page.write_text("## A session\n", encoding="utf-8")
    argv = [a.format(file=page, missing=tmp_path / "missing.md") for a in args]

    assert main(argv) == 1

    err = capsys.readouterr().err
    assert err.startswith("convener: ") and message in err and "Traceback" not in err


def test_a_broken_page_is_refused_with_its_file_and_line(meeting, tmp_path, capsys):
    page = tmp_path / "broken.md"
    page.write_text("---\ntitle: S\ntime_zone: Europe/Atlantis\n---\n## A\n", encoding="utf-8")

    assert main(["import", str(page), "--meeting", "gnm-2021"]) == 1

    assert "broken.md: line 3: unknown time zone 'Europe/Atlantis'" in capsys.readouterr().err
