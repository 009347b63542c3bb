"""``convener import`` and ``convener export``: a meeting's program in and out of files.

  convener import FILE --meeting SLUG [--format markdown|frab-json|frab-xml] [--dry-run]
  convener export --meeting SLUG --format markdown|frab-json|frab-xml|ics [--output FILE]

``import`` prints what it creates (with ``--dry-run``: what it would create, writing
nothing). A file it cannot read is refused whole, with the line or JSON/XML path
of the problem; nothing is written then.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from convener.core.cli import InputError

if TYPE_CHECKING:  # pragma: no cover
    from convener.program.models import Meeting

IMPORT_FORMATS = ("markdown", "frab-json", "frab-xml")
EXPORT_FORMATS = ("markdown", "frab-json", "frab-xml", "ics")


def _meeting(slug: str) -> Meeting:
    """The meeting by its slug; the model is imported here, after ``django.setup()``."""
    from convener.program.models import Meeting

    meeting = Meeting.objects.filter(slug=slug).first()
    if meeting is None:
        known = ", ".join(Meeting.objects.order_by("slug").values_list("slug", flat=True)[:10]) or "none yet"
        raise InputError(f"no meeting with the slug {slug!r} (meetings: {known})")
    return meeting


def run_import(args: argparse.Namespace) -> int:
    from convener.programio import exchange

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    meeting = _meeting(args.meeting)
    text = exchange.decode(data)
    format = args.format or exchange.guess_format(path.name, text)
    try:
        report = exchange.import_program(meeting=meeting, text=text, format=format, dry_run=args.dry_run)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    print("\n".join(report.lines()))
    return 0


def run_export(args: argparse.Namespace) -> int:
    from convener.programio import exchange

    meeting = _meeting(args.meeting)
    text = exchange.export_program(meeting=meeting, format=args.format, base_url=args.base_url)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def add_parser(sub: argparse._SubParsersAction, setup: Callable[[], None]) -> None:  # type: ignore[type-arg]
    """``setup`` prepares Django (``convener.cli`` owns that) before a command touches the database."""

    def with_django(run: Callable[[argparse.Namespace], int]) -> Callable[[argparse.Namespace], int]:
        def wrapped(args: argparse.Namespace) -> int:
            setup()
            return run(args)

        return wrapped

    importer = sub.add_parser(
        "import",
        help="import a program (Markdown page, frab JSON or XML) into a meeting",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    importer.add_argument("file", help="the file to import")
    importer.add_argument("--meeting", required=True, metavar="SLUG", help="the meeting's slug")
    importer.add_argument(
        "--format", choices=IMPORT_FORMATS, help="the file's format (default: from its extension, else its content)"
    )
    importer.add_argument("--dry-run", action="store_true", help="print what would be created, write nothing")
    importer.set_defaults(func=with_django(run_import))

    exporter = sub.add_parser(
        "export",
        help="export a meeting's program (Markdown page, frab JSON or XML, ICS)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    exporter.add_argument("--meeting", required=True, metavar="SLUG", help="the meeting's slug")
    exporter.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    exporter.add_argument("--output", "-o", metavar="FILE", help="write here instead of standard output")
    exporter.add_argument(
        "--base-url",
        default="http://localhost:8000",
        help="the site's address, for the session links in the file (default %(default)s)",
    )
    exporter.set_defaults(func=with_django(run_export))
