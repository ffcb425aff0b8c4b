"""Real processes for tests that need them: the `klimakreise` command in a fresh data folder
(or a database of its own on PostgreSQL), long-running servers in their own process group, free
ports, and waiting until something is ready."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg

from tests.conftest import skip_or_fail

REPO = Path(__file__).resolve().parents[2]
POSTGRES = "postgres://postgres@127.0.0.1:5432/"
CLI = "import sys; from klimakreise.cli import main; sys.exit(main(['klimakreise', *sys.argv[1:]]))"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def environment(data_dir: Path, database_url: str = "", **extra: str) -> dict:
    """A production-like environment for child processes (plain HTTP on 127.0.0.1)."""
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DATABASE_URL"}}
    env.update(
        KLIMAKREISE_DATA_DIR=str(data_dir),
        DJANGO_SETTINGS_MODULE="klimakreise.settings",
        DEBUG="false",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        **extra,
    )
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def run(env: dict, *args: str, stdin: str = "", check: bool = True):
    """`python -m ARGS` to its end, e.g. a test's helper module in a child process."""
    command = [sys.executable, "-m", *args]
    result = subprocess.run(
        command, env=env, cwd=REPO, input=stdin, capture_output=True, text=True, timeout=120
    )
    if check and result.returncode != 0:
        raise AssertionError(f"{args} failed:\n{result.stdout}\n{result.stderr}")
    return result


def klimakreise(env: dict, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """One `klimakreise` command to its end."""
    command = [sys.executable, "-c", CLI, *args]
    result = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"{args} failed:\n{result.stdout}\n{result.stderr}")
    return result


def start(env: dict, *args: str, log: Path) -> subprocess.Popen:
    """A long-running `klimakreise` command in a process group of its own (gunicorn's master
    and its workers, or the worker), so that one signal reaches all of them."""
    with log.open("ab") as output:
        return subprocess.Popen(
            [sys.executable, "-c", CLI, *args],
            env=env,
            cwd=REPO,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def kill_group(process: subprocess.Popen) -> None:
    """`kill -9` of every process in the group: no handler runs, nothing is flushed."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=10)
    # The workers are not children of this process; wait until the kernel has them all gone.
    wait_until(lambda: not _group_alive(process.pid), seconds=10)


def stop_group(process: subprocess.Popen) -> None:
    """Stop the group politely, then firmly (cleanup after a test)."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        kill_group(process)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def wait_until(ready: Callable[[], object], *, seconds: float, every: float = 0.1):
    """The first true value of `ready()`; fails after `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = ready()
        if value:
            return value
        time.sleep(every)
    raise AssertionError(f"not ready after {seconds} s: {ready}")


def answers(url: str) -> int | None:
    """The status the URL answers with, None while nothing listens."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


@contextlib.contextmanager
def postgres_databases(*sides: str) -> Iterator[list[str]]:
    """Empty PostgreSQL databases of their own (dropped afterwards), as URLs."""
    names = [f"kk_test_{uuid.uuid4().hex[:8]}_{side}" for side in sides]
    try:
        admin = psycopg.connect(POSTGRES + "postgres", autocommit=True)
    except psycopg.OperationalError:
        skip_or_fail("PostgreSQL is not running on 127.0.0.1:5432")
    with admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield [POSTGRES + name for name in names]
        finally:
            for name in names:
                admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
