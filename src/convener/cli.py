"""The ``convener`` command: wiring only; each subcommand calls a module that does the work."""

from __future__ import annotations

import argparse
import os
import sys


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convener.settings")
    import django

    django.setup()


def cmd_manage(args: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convener.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["convener manage", *args])
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "manage":
        return cmd_manage(argv[1:])
    parser = argparse.ArgumentParser(prog="convener", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("manage", help="run a Django management command (convener manage migrate …)")
    args = parser.parse_args(argv)
    parser.error(f"unknown command {args.command}")
    return 2


if __name__ == "__main__":
    sys.exit(main())
