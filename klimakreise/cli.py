"""The `klimakreise` command: Django's management commands plus demo, serve and assign."""

import argparse
import os
import sys
from pathlib import Path

from klimakreise.core.switches import parse_switch

USAGE_EXTRA = """
Klimakreise commands (besides Django's, e.g. migrate, createsuperuser, check):
  demo [--port 8000] [--data-dir DIR]   load the demo and serve it on 127.0.0.1
  serve [--bind 127.0.0.1:8000] [--workers N] [--access-log] [--with-worker]
                                        production server (gunicorn with ASGI workers),
                                        optionally with the email and job worker
  assign INPUT.json -o OUTPUT.json      circle assignment without a database
  worker [--once]                       send queued email and run scheduled jobs
  backup FILE / restore FILE            one archive of database, files and secret key
"""


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    command = argv[1] if len(argv) > 1 else "help"
    if command == "assign":
        # The solver needs no database, so Django is not even imported.
        from klimakreise.assignment.cli import main as assign_main

        return assign_main(argv[2:])
    if command == "demo":
        return run_demo(argv[2:])
    if command == "serve":
        return run_serve(argv[2:])
    return run_django(argv)


def run_django(argv: list[str]) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimakreise.settings")
    from django.core.management import execute_from_command_line

    if len(argv) < 2 or argv[1] in {"help", "--help", "-h"}:
        print(USAGE_EXTRA)
    execute_from_command_line(["klimakreise", *argv[1:]])
    return 0


def run_demo(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="klimakreise demo")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--data-dir", type=Path, default=Path("demo-data"))
    parser.add_argument(
        "--no-serve", action="store_true", help="only load the demo data, then exit"
    )
    options = parser.parse_args(args)
    if not 1 <= options.port <= 65535:
        parser.error("--port must be between 1 and 65535")
    data_dir = options.data_dir.resolve()
    # The demo always runs on its own SQLite file, with mail written to files. Not in debug mode
    # unless DEBUG=true is set: visitors see the same friendly error pages as in production.
    # Plain HTTP on localhost.
    os.environ["KLIMAKREISE_DATA_DIR"] = str(data_dir)
    os.environ["DATABASE_URL"] = f"sqlite:///{data_dir / 'klimakreise.sqlite3'}"
    os.environ.setdefault("DEBUG", "false")
    os.environ["SECURE_SSL_REDIRECT"] = "false"
    os.environ["SECURE_COOKIES"] = "false"
    os.environ.setdefault("EMAIL_URL", "filemail://")
    os.environ["SITE_URL"] = f"http://127.0.0.1:{options.port}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "klimakreise.settings"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo")
    if not options.no_serve:
        # Production runs `klimakreise worker` as its own process; the demo keeps it in a thread
        # so that confirmation links arrive without a second terminal.
        from klimakreise.outbox.worker import start_background_worker

        start_background_worker()
        call_command("collectstatic", interactive=False, verbosity=0)  # WhiteNoise serves them
        call_command("runserver", f"127.0.0.1:{options.port}", use_reloader=False)
    return 0


def run_serve(args: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="klimakreise serve")
    parser.add_argument("--bind", default=os.environ.get("BIND", "127.0.0.1:8000"))
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_WORKERS", "3")))
    # Accepted as before, without effect: an ASGI worker runs each ordinary request in a thread
    # of its own, and a waiting stream in none.
    parser.add_argument("--threads", type=int, default=None, help=argparse.SUPPRESS)
    parser.add_argument(
        "--access-log",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="log every request to standard output (default: the ACCESS_LOG variable, off)",
    )
    parser.add_argument(
        "--with-worker",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="also run the email and job worker (default: the WITH_WORKER variable, off)",
    )
    options = parser.parse_args(args)
    if options.with_worker is None:
        options.with_worker = _switch_from_environment(parser, "WITH_WORKER")
    if options.access_log is None:
        options.access_log = _switch_from_environment(parser, "ACCESS_LOG")
    # Under ASGI every request runs in a thread of its own: pooled connections (PostgreSQL) are
    # reused, a connection kept per thread would not be (settings.DATABASE_POOL).
    os.environ.setdefault("DATABASE_POOL", "true")
    prepare_to_serve()
    from gunicorn.app.wsgiapp import run as gunicorn_run

    sys.argv = gunicorn_argv(options)
    gunicorn_run()
    return 0


def _switch_from_environment(parser: argparse.ArgumentParser, name: str) -> bool:
    value = os.environ.get(name, "false")
    switch = parse_switch(value)
    if switch is None:
        parser.error(f"{name} must be true or false, not {value.strip()!r}")
    return switch


def gunicorn_argv(options: argparse.Namespace) -> list[str]:
    argv = [
        "gunicorn",
        "klimakreise.asgi:application",
        # ASGI workers (uvicorn): open board streams wait in the event loop without a thread,
        # so they never keep an ordinary request waiting (docs/decisions.md).
        "--worker-class=uvicorn_worker.UvicornWorker",
        f"--bind={options.bind}",
        f"--workers={options.workers}",
        "--forwarded-allow-ips=127.0.0.1",
    ]
    # Off by default, as in gunicorn itself: the reverse proxy in front logs every request
    # with the real client, and writing the log costs about a tenth of a page's time.
    if options.access_log:
        argv.append("--access-logfile=-")
    if getattr(options, "with_worker", False):
        argv.append("--config=python:klimakreise.core.serving")
    return argv


def prepare_to_serve() -> None:
    """What the server needs before gunicorn forks its workers."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "klimakreise.settings")
    import django
    from django.core.management import call_command
    from django.db import connections

    django.setup()
    call_command("check", deploy=False)
    call_command("collectstatic", interactive=False, verbosity=0)
    # Cache tables are not migrations: an upgrade that adds one must not need a manual step.
    call_command("createcachetable", verbosity=0)
    # Workers are forked from this process: an open connection would be one socket shared by
    # all of them, and their queries would get each other's answers. The same for a pool, whose
    # threads would not even survive the fork: each worker opens its own.
    connections.close_all()
    for connection in connections.all():
        if getattr(connection, "pool", None) is not None:
            connection.close_pool()


if __name__ == "__main__":
    sys.exit(main())
