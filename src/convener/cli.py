"""The ``convener`` command: wiring only; each subcommand calls a module that does the work."""

from __future__ import annotations

import argparse
import errno
import os
import socket
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from convener.demo import DemoResult

DESCRIPTION = """\
  convener demo     a fresh demo meeting in <data dir>/convener.sqlite3, then serve it
  convener serve    serve the site (uvicorn, ASGI) from the configured database
  convener manage   any Django management command (convener manage migrate …)
  convener worker   run the background tasks (announcement mail, reminders)
  convener plan-slots people.csv --duration 90 --dates A..B --repeats 2
                    rank start times across time zones (no database needed)
  convener plan-rooms people.csv --room-size 3-5 --rounds 6
                    plan breakout rounds so nobody meets twice (no database needed)
  convener import program.md --meeting SLUG [--format markdown|frab-json|frab-xml] [--dry-run]
                    read a program page or frab schedule into a meeting
  convener export --meeting SLUG --format markdown|frab-json|frab-xml|ics
                    write a meeting's program out
  convener gameshow import FILE --session ID | export --session ID [FILE]
                    a game show's question set, YAML or JSON
"""

ASGI_APP = "convener.asgi:application"
LOCAL_HOSTS = ("127.0.0.1", "localhost")
ANY_HOST = ("0.0.0.0", "::", "")  # noqa: S104 - names, not a bind


class CommandError(Exception):
    """A problem the operator can fix; printed without a traceback."""


def _django_setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convener.settings")
    import django

    django.setup()


def cmd_manage(args: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convener.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["convener manage", *args])
    return 0


# --------------------------------------------------------------------------
# serve
# --------------------------------------------------------------------------


def _database_label() -> str:
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        return str(db["NAME"])
    return f"{db.get('NAME')} on {db.get('HOST') or 'localhost'}"


def unapplied_migrations() -> list[str]:
    """The migrations the configured database still needs, as ``app.name`` labels."""
    from django.db import DatabaseError, connection
    from django.db.migrations.executor import MigrationExecutor

    try:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        raise CommandError(f"cannot read the database ({_database_label()}): {exc}") from exc
    return [f"{migration.app_label}.{migration.name}" for migration, backwards in plan]


def check_migrated(command: str = "serve") -> None:
    """Refuse to run on a database that still needs migrations."""
    pending = unapplied_migrations()
    if pending:
        shown = ", ".join(pending[:5]) + (" …" if len(pending) > 5 else "")
        raise CommandError(
            f"the database ({_database_label()}) has {len(pending)} unapplied migration(s): "
            f"{shown}.\nRun `convener manage migrate` first, then `convener {command}` again."
        )


def check_ready() -> None:
    """Refuse to serve a site that would fail: unapplied migrations, uncollected static files."""
    from django.conf import settings

    check_migrated()
    backend = settings.STORAGES["staticfiles"]["BACKEND"]
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if "Manifest" in backend and not manifest.exists():
        raise CommandError(
            f"static files have not been collected into {settings.STATIC_ROOT}.\n"
            "Run `convener manage collectstatic --noinput` first, then `convener serve` again."
        )


def check_port_free(host: str, port: int, *, command: str) -> None:
    """Refuse early, before any work, when the server could not listen on ``host:port``."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET  # as uvicorn chooses
    with socket.socket(family, socket.SOCK_STREAM) as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does: TIME_WAIT is free
        try:
            sock.bind((host, port))
        except OSError as exc:
            other = port + 1 if port < 65535 else port - 1
            hint = f"Pick another port with --port, e.g. `convener {command} --port {other}`."
            if exc.errno == errno.EADDRINUSE:
                raise CommandError(
                    f"port {port} on {host} is already in use (another convener, or another server?).\n{hint}"
                ) from None
            raise CommandError(f"cannot listen on {host} port {port}: {exc.strerror}.\n{hint}") from None


def serve(*, host: str, port: int, workers: int) -> int:
    import uvicorn
    from django.conf import settings
    from django.db import connections

    connections.close_all()  # the server's threads open their own
    if workers > 1 and not settings.REDIS_URL:
        print(
            "convener: warning: with more than one worker, live updates only reach the people "
            "on the same worker unless CONVENER_REDIS_URL is set.",
            file=sys.stderr,
        )
    uvicorn.run(ASGI_APP, host=host, port=port, workers=workers, lifespan="off")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    check_port_free(args.host, args.port, command="serve")
    _django_setup()
    check_ready()
    return serve(host=args.host, port=args.port, workers=args.workers)


# --------------------------------------------------------------------------
# demo
# --------------------------------------------------------------------------


def _site_url(host: str, port: int) -> str:
    shown = "127.0.0.1" if host in ANY_HOST else host
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def _demo_environment(host: str) -> Path:
    """Empty the data dir's own database for the demo; must run before django.setup().

    The demo lives where every other command looks, ``<data dir>/convener.sqlite3``,
    so ``convener manage`` and ``convener serve`` see it afterwards. A configured
    database (CONVENER_DATABASE_URL) is never touched: the demo refuses instead.
    """
    from convener.core import env

    database = env.data_dir() / "convener.sqlite3"
    configured = [name for name in ("CONVENER_DATABASE_URL", "CONVENER_DATABASE_URL_FILE") if os.environ.get(name)]
    if configured:
        raise CommandError(
            f"{configured[0]} is set, and `convener demo` never touches a configured database: it builds "
            f"its own, {database}, replacing what is there.\nRun it without {configured[0]} and with a data "
            f"dir of its own, e.g. `env -u {configured[0]} CONVENER_DATA_DIR=./demo convener demo`."
        )
    if database.exists():
        print(f"convener demo: replacing the database {database} with a fresh demo meeting.", file=sys.stderr)
    os.environ["CONVENER_HTTPS"] = "false"  # plain http on this machine
    os.environ["CONVENER_DEBUG"] = "false"
    hosts = list(LOCAL_HOSTS)
    if host not in ANY_HOST and host not in hosts:
        hosts.append(host)
    if not os.environ.get("CONVENER_ALLOWED_HOSTS"):
        os.environ["CONVENER_ALLOWED_HOSTS"] = ",".join(hosts)
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    return database


def _print_demo(result: DemoResult, *, database: Path, url: str, serving: bool) -> None:
    counts = ", ".join(f"{n} {label}" for label, n in result.counts.items())
    roles = ", ".join(f"{n} {role}{'s' if n != 1 else ''}" for role, n in result.roles.items())
    what = {
        "organiser@example.org": "organiser (the Organise menu: /m/gnm-demo/organise/)",
        "participant@example.org": "participant",
        "guest@example.org": "guest",
    }
    width = max(len(login.email) for login in result.logins)
    lines = [
        "",
        f"The demo meeting is ready: {result.meeting.name}",
        f"  {counts}",
        f"  people: {roles}",
        f"  database: {database}",
        "",
        f"Open {url} and sign in at {url}accounts/login/ with:",
        *(
            f"  {login.email:<{width}}  password: {login.password}   {what.get(login.email, '')}"
            for login in result.logins
        ),
        "The passwords are new on every run of `convener demo`.",
        "It is this data dir's database: `convener manage …` and `convener serve` use it too.",
    ]
    if not serving:
        lines += [
            "",
            "To serve it later (same data dir):",
            "  CONVENER_HTTPS=false convener serve",
        ]
    print("\n".join(lines), flush=True)


def cmd_demo(args: argparse.Namespace) -> int:
    import time

    from tqdm import tqdm

    started = time.perf_counter()
    if not args.no_serve:
        check_port_free(args.host, args.port, command="demo")
    database = _demo_environment(args.host)
    _django_setup()

    from django.core.management import call_command

    from convener.demo import build_demo

    with tqdm(total=2, desc="database", unit="step", file=sys.stderr) as bar:
        call_command("migrate", verbosity=0, interactive=False)
        bar.update()
        bar.set_description("static files")
        call_command("collectstatic", verbosity=0, interactive=False)
        bar.update()

        def progress(label: str, done: int, total: int) -> None:
            if bar.total != 2 + total:
                bar.total = 2 + total
            bar.set_description(label[:40])
            bar.n = 2 + done
            bar.refresh()

        result = build_demo(progress=progress)
    elapsed = time.perf_counter() - started
    print(f"Built in {elapsed:.1f} s.", file=sys.stderr)
    url = _site_url(args.host, args.port)
    _print_demo(result, database=database, url=url, serving=not args.no_serve)
    if args.no_serve:
        return 0
    from convener import worker

    print(f"\nServing on {url} — press Ctrl+C to stop.\n", flush=True)
    background = worker.start_in_background()  # announcement mail and reminders
    try:
        return serve(host=args.host, port=args.port, workers=args.workers)
    finally:
        background.terminate()
        background.wait(timeout=10)


# --------------------------------------------------------------------------
# the parser
# --------------------------------------------------------------------------


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (1–65535)")
    return port


def _workers(text: str) -> int:
    try:
        workers = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if workers < 1:
        raise argparse.ArgumentTypeError("at least one worker is needed")
    return workers


def _server_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default %(default)s)")
    parser.add_argument("--port", type=_port, default=8000, help="port (default %(default)s)")
    parser.add_argument(
        "--workers",
        type=_workers,
        default=1,
        help="ASGI worker processes (default %(default)s; more than one needs CONVENER_REDIS_URL for live features)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="convener", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="command")
    sub.add_parser("manage", help="run a Django management command (convener manage migrate …)")
    demo = sub.add_parser(
        "demo",
        help="build a fresh demo meeting in <data dir>/convener.sqlite3 and serve it",
        description="Build a fresh demo meeting in <data dir>/convener.sqlite3 (CONVENER_DATA_DIR, "
        "default ./var), replacing the database there, print the sign-in details, then serve it over "
        "plain http. Refuses when CONVENER_DATABASE_URL is set, and when the port is busy.",
    )
    _server_options(demo)
    demo.add_argument("--no-serve", action="store_true", help="build the demo, then exit")
    demo.set_defaults(func=cmd_demo)
    serve_parser = sub.add_parser(
        "serve",
        help="serve the site with uvicorn",
        description="Serve the site (ASGI: pages, API and websockets) from the configured "
        "database. Refuses while migrations are unapplied.",
    )
    _server_options(serve_parser)
    serve_parser.set_defaults(func=cmd_serve)
    from convener import worker
    from convener.gameshow import cli as gameshow_cli
    from convener.networking import plan_rooms_cli
    from convener.programio import cli as programio_cli
    from convener.scheduling import plan_slots_cli

    plan_slots_cli.add_parser(sub)
    plan_rooms_cli.add_parser(sub)
    worker.add_parser(sub)
    programio_cli.add_parser(sub, _django_setup)
    gameshow_cli.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "manage":
        return cmd_manage(argv[1:])
    args = build_parser().parse_args(argv)
    from django.core.exceptions import ImproperlyConfigured

    from convener.core.cli import InputError

    try:
        return args.func(args)
    except (CommandError, ImproperlyConfigured, InputError) as exc:
        print(f"convener: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
