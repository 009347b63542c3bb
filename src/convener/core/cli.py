"""What the CSV-in, CSV-out planning commands share: their sub-command set-up and their one error type."""

from __future__ import annotations

import argparse
from collections.abc import Callable


class InputError(Exception):
    """Bad input the user can fix; ``convener`` prints it without a traceback and exits 1."""


def csv_command(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    *,
    summary: str,
    doc: str | None,
    columns: str,
    run: Callable[[argparse.Namespace], int],
) -> argparse.ArgumentParser:
    """A ``convener <name> people.csv …`` sub-command: the module's docstring as its help, a CSV of people first."""
    parser = sub.add_parser(name, help=summary, description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("people", help=f"CSV with columns {columns}")
    parser.set_defaults(func=run)
    return parser
