"""``convener gameshow import FILE --session ID`` and ``export``: all or nothing, errors with line and field."""

from __future__ import annotations

import json

import pytest

from convener import cli
from convener.gameshow.models import Show
from convener.gameshow.questionset import parse

pytestmark = pytest.mark.django_db


def test_import_then_export_round_trips(game, question_text, tmp_path, capsys):
    source = tmp_path / "set.yaml"
    source.write_text(question_text, encoding="utf-8")
    assert cli.main(["gameshow", "import", str(source), "--session", str(game.pk)]) == 0
    assert "10 rounds" in capsys.readouterr().out
    assert Show.objects.get(session=game).rounds.count() == 10
    assert cli.main(["gameshow", "export", "--session", str(game.pk)]) == 0
    assert parse(capsys.readouterr().out) == parse(question_text)
    target = tmp_path / "out.json"
    assert cli.main(["gameshow", "export", str(target), "--session", str(game.pk)]) == 0
    assert json.loads(target.read_text())["title"].startswith("GBIF.org")
    assert parse(target.read_text()) == parse(question_text)


def test_a_bad_file_imports_nothing_and_says_where(game, question_text, tmp_path, capsys):
    source = tmp_path / "bad.yaml"
    source.write_text(question_text.replace("grade: wrong", "grade: nope"), encoding="utf-8")
    assert cli.main(["gameshow", "import", str(source), "--session", str(game.pk)]) == 1
    err = capsys.readouterr().err
    assert "nothing imported" in err and "line 15, rounds[1].poll.options[3].grade: 'nope' is not a grade" in err
    assert not Show.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["gameshow", "import", "/nonexistent.yaml", "--session", "1"], "/nonexistent.yaml"),
        (["gameshow", "export", "--session", "99999"], "no such session"),
    ],
)
def test_bad_arguments_get_a_message(game, args, message, capsys):
    assert cli.main(args) == 1
    assert message in capsys.readouterr().err


def test_export_of_a_session_without_a_show(game, capsys):
    assert cli.main(["gameshow", "export", "--session", str(game.pk)]) == 1
    assert "no game show" in capsys.readouterr().err
