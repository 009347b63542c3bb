"""One-line text: titles and names that end up in calendars, feeds and file headers.

A title or name is one line. ``validate_single_line`` refuses line and
paragraph breaks (everything ``str.splitlines`` splits on) and other invisible
control characters where text is entered (model fields, forms, the admin, the
API). ``one_line`` and ``multi_line`` make text that is already stored safe to
write into formats where a stray break or control character corrupts the file
(iCalendar, Atom).
"""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

# What str.splitlines() treats as the end of a line: LF, CR, VT, FF, FS, GS, RS, NEL, LS, PS.
LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
# C0 and C1 control characters other than tab and the line breaks above.
_CONTROLS = "".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if chr(c) not in LINE_BREAKS + "\t")

_BREAK = re.compile(f"[{re.escape(LINE_BREAKS)}]")
_CONTROL = re.compile(f"[{re.escape(_CONTROLS)}]")
# A break, tab or control character with any white space or control characters around it.
_UNSAFE = re.escape(LINE_BREAKS + _CONTROLS + "\t")
_UNSAFE_RUN = re.compile(f"[\\s{re.escape(_CONTROLS)}]*[{_UNSAFE}][\\s{re.escape(_CONTROLS)}]*")
_CRLF_OR_BREAK = re.compile(f"\r\n|[{re.escape(LINE_BREAKS)}]")


def validate_single_line(value: str) -> None:
    """Refuse a line break or a control character: titles and names are one line of visible text."""
    if _BREAK.search(value):
        raise ValidationError("Keep this on one line: remove the line break.", code="line_break")
    if _CONTROL.search(value):
        raise ValidationError("Remove the invisible control character from this text.", code="control_character")


def one_line(text: str) -> str:
    """``text`` on one line: every run of breaks, tabs and control characters becomes one space."""
    return _UNSAFE_RUN.sub(" ", text).strip()


def multi_line(text: str) -> str:
    """``text`` with every kind of line break as ``\\n`` and other control characters (but tab) removed."""
    return _CONTROL.sub("", _CRLF_OR_BREAK.sub("\n", text))
