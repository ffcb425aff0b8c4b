"""`klimakreise worker` as a real process: SIGTERM/SIGINT finish the email being sent, then stop.

A service manager sends SIGTERM and, after its stop timeout, SIGKILL: a worker that drained
the whole queue first would be killed mid-send (and that email marked "may have gone out").
"""

import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.core.test_cli import production_env, run_cli

from .conftest import SmtpServerProcess, free_port

QUEUE = (
    "import django; django.setup(); "
    "from klimakreise.outbox.services import queue_email; "
    "[queue_email(to=f'p{n}@example.org', subject=f'Mail {n:02d}', text='Hallo') "
    "for n in range({count})]"
)
QUEUED_EMAILS = 17
SECONDS_PER_EMAIL = 1.0


@pytest.fixture
def slow_smtp_server(tmp_path):
    folder = tmp_path / "smtp"
    folder.mkdir()
    (folder / "delay").write_text(str(SECONDS_PER_EMAIL))
    server = SmtpServerProcess(folder, free_port())
    yield server
    server.stop()


@pytest.fixture
def worker_env(tmp_path, slow_smtp_server):
    data = tmp_path / "data"
    data.mkdir()
    env = production_env(
        data,
        EMAIL_URL=f"smtp://127.0.0.1:{slow_smtp_server.port}",
        OUTBOX_POLL_SECONDS="0.2",
        DJANGO_SETTINGS_MODULE="klimakreise.settings",
    )
    assert run_cli("migrate", "--verbosity=0", env=env).returncode == 0
    queue = QUEUE.replace("{count}", str(QUEUED_EMAILS))
    subprocess.run([sys.executable, "-c", queue], env=env, check=True)
    return env


def start_worker(env) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "klimakreise.cli", "worker"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def statuses(env) -> dict[str, list[str]]:
    database = sqlite3.connect(env["DATABASE_URL"].removeprefix("sqlite:///"))
    try:
        rows = database.execute("SELECT status, subject FROM outbox_outboxemail").fetchall()
    finally:
        database.close()
    found: dict[str, list[str]] = {}
    for status, subject in rows:
        found.setdefault(status, []).append(subject)
    return found


def wait_for_first_mail(server: SmtpServerProcess, worker: subprocess.Popen) -> None:
    """Until the server accepted one email (then the worker is mid-queue)."""
    for _ in range(600):
        if server.messages or worker.poll() is not None:
            return
        time.sleep(0.05)


@pytest.mark.parametrize("stop_signal", [signal.SIGTERM, signal.SIGINT])
def test_a_stop_signal_finishes_the_current_email_and_leaves_the_rest_queued(
    worker_env, slow_smtp_server, stop_signal
):
    worker = start_worker(worker_env)
    try:
        wait_for_first_mail(slow_smtp_server, worker)
        assert worker.poll() is None, worker.stdout.read()
        worker.send_signal(stop_signal)
        # Draining the queue would take about QUEUED_EMAILS × SECONDS_PER_EMAIL.
        output, _ = worker.communicate(timeout=5 * SECONDS_PER_EMAIL)
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()
    assert worker.returncode == 0, output
    assert "Worker stopped." in output

    found = statuses(worker_env)
    subjects = slow_smtp_server.subjects()
    assert sorted(found.get("sent", [])) == sorted(subjects)
    assert len(subjects) == len(set(subjects))  # none went out twice
    assert 1 <= len(subjects) <= 3
    assert set(found) <= {"sent", "queued"}  # nothing left "sending" (it may have gone out)
    assert len(found["queued"]) == QUEUED_EMAILS - len(subjects)


def test_a_restarted_worker_sends_the_rest_exactly_once(worker_env, slow_smtp_server):
    (slow_smtp_server.folder / "delay").write_text("0.3")
    worker = start_worker(worker_env)
    wait_for_first_mail(slow_smtp_server, worker)
    worker.send_signal(signal.SIGTERM)
    worker.communicate(timeout=10)
    (slow_smtp_server.folder / "delay").unlink()

    result = run_cli("worker", "--once", env=worker_env)

    assert result.returncode == 0, result.stderr
    subjects = slow_smtp_server.subjects()
    assert sorted(subjects) == [f"Mail {n:02d}" for n in range(QUEUED_EMAILS)]
    assert set(statuses(worker_env)) == {"sent"}
