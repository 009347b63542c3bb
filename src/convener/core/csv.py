"""The one way to write CSV: every cell of every export is safe to open in a spreadsheet.

A cell whose text starts with ``=``, ``+``, ``-`` or ``@`` (also after leading
white space, which spreadsheets skip) or with a tab or carriage return can be run
as a formula by Excel, LibreOffice or Google Sheets (CSV injection). Following
OWASP, such a cell is written with a leading ``'``, which spreadsheets show as
text. Plain numbers such as ``-3`` or ``+1.5`` are not formulas and stay numbers.

Every module that writes CSV uses ``writer`` or ``write_rows`` from here; a test
fails if another module calls ``csv.writer`` or ``csv.DictWriter`` itself.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import IO, Any

FORMULA_START = ("=", "+", "-", "@")
CONTROL_START = ("\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def safe_cell(value: object) -> object:
    """``value`` as a spreadsheet will not run it: formula-looking text gets a leading ``'``; others unchanged."""
    if not isinstance(value, str) or _NUMBER.fullmatch(value):
        return value
    if value.startswith(CONTROL_START) or value.lstrip().startswith(FORMULA_START):
        return "'" + value
    return value


class SafeWriter:
    """A ``csv.writer`` that passes every cell through ``safe_cell``."""

    def __init__(self, out: IO[str], **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[object]) -> None:
        self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(out: IO[str], **options: Any) -> SafeWriter:
    """Like ``csv.writer(out, **options)``, with every cell made safe."""
    return SafeWriter(out, **options)


def write_rows(out: IO[str], rows: Iterable[Iterable[object]], **options: Any) -> None:
    """Write ``rows`` (header first, if any) to ``out``, every cell made safe."""
    writer(out, **options).writerows(rows)


def to_text(rows: Iterable[Iterable[object]], **options: Any) -> str:
    """``rows`` as CSV text, every cell made safe."""
    out = io.StringIO()
    write_rows(out, rows, **options)
    return out.getvalue()
