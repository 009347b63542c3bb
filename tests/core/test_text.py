import pytest
from django.core.exceptions import ValidationError

from convener.core.text import multi_line, one_line, validate_single_line

BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


@pytest.mark.parametrize("brk", BREAKS)
def test_a_line_break_of_any_kind_is_refused_with_a_clear_message(brk):
    with pytest.raises(ValidationError, match="one line: remove the line break"):
        validate_single_line(f"Evil{brk}second line")


@pytest.mark.parametrize("char", ["\x00", "\x01", "\x1b", "\x7f", "\x9b"])
def test_an_invisible_control_character_is_refused(char):
    with pytest.raises(ValidationError, match="control character"):
        validate_single_line(f"Evil{char}title")


@pytest.mark.parametrize("text", ["Opening plenary", "Data use: a panel, with Q&A", "Ñandú · 数据 — ok", "a\tb"])
def test_ordinary_one_line_text_passes(text):
    validate_single_line(text)


@pytest.mark.parametrize("brk", BREAKS)
def test_one_line_folds_stored_breaks_into_one_space(brk):
    assert one_line(f"Evil {brk} second{brk}{brk}line\x01!") == "Evil second line !"


def test_one_line_keeps_ordinary_spacing():
    assert one_line("A  title, as typed") == "A  title, as typed"


@pytest.mark.parametrize("brk", BREAKS)
def test_multi_line_writes_every_break_as_a_newline_and_drops_control_characters(brk):
    assert multi_line(f"First{brk}second\x00\x1b line\twith tab") == "First\nsecond line\twith tab"
