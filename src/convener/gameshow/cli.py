"""``convener gameshow import FILE --session ID`` and ``convener gameshow export --session ID [FILE]``.

A question set is YAML or JSON (see docs/gameshow.md). Import checks the whole file first: any error, named
by line and field, and nothing is imported. A show that has started is never replaced. Export writes YAML,
or JSON with ``--format json`` or a FILE ending in .json; without FILE it prints to standard output.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from convener.core.cli import InputError


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convener.settings")
    import django

    django.setup()


def _session(session_id: int):  # type: ignore[no-untyped-def]
    from convener.program.models import Session

    session = Session.objects.select_related("meeting").filter(pk=session_id).first() if session_id > 0 else None
    if session is None:
        raise InputError(f"--session {session_id}: no such session")
    return session


def run_import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: {getattr(exc, 'strerror', None) or 'not UTF-8 text'}") from None
    _setup()
    from django.core.exceptions import ValidationError

    from convener.gameshow import services

    session = _session(args.session)
    try:
        show = services.show_import(session=session, by=None, text=text, trusted=True)
    except ValidationError as exc:
        raise InputError(f"{path}: nothing imported\n  " + "\n  ".join(exc.messages)) from None
    print(f"Imported “{show.title}” into session {session.pk} ({session.title}): {show.rounds.count()} rounds")
    return 0


def run_export(args: argparse.Namespace) -> int:
    _setup()
    from convener.gameshow import questionset, selectors, services

    session = _session(args.session)
    show = selectors.show_for(session)
    if show is None:
        raise InputError(f"--session {args.session}: this session has no game show")
    fmt = args.format or ("json" if args.file and args.file.endswith(".json") else "yaml")
    text = questionset.dump(services.question_set(show), fmt=fmt)
    if args.file:
        Path(args.file).write_text(text, encoding="utf-8")
        print(f"Exported “{show.title}” to {args.file}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def add_parser(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser(
        "gameshow",
        help="import or export a game show's question set (YAML or JSON)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="gameshow_command", required=True, metavar="import|export")
    imp = actions.add_parser("import", help="import a question set into a game show session")
    imp.add_argument("file", help="the question set, YAML or JSON")
    imp.add_argument("--session", type=int, required=True, help="the id of a session of kind game show")
    imp.set_defaults(func=run_import)
    exp = actions.add_parser("export", help="write a session's question set")
    exp.add_argument("file", nargs="?", help="where to write it (default: standard output)")
    exp.add_argument("--session", type=int, required=True)
    exp.add_argument("--format", choices=["yaml", "json"])
    exp.set_defaults(func=run_export)
