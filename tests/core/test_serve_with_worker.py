"""`klimakreise serve --with-worker`: one command for a small installation's single server."""

import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from klimakreise.core import serving
from tests.core.test_cli import answer, free_port, production_env, run_cli

QUEUE_ONE_EMAIL = (
    "import django; django.setup(); "
    "from klimakreise.outbox.services import queue_email; "
    "queue_email(to='ada@example.org', subject='Hallo', text='Hallo Ada')"
)


def test_the_server_sends_queued_email_and_stops_with_its_worker(tmp_path):
    env = production_env(
        tmp_path,
        EMAIL_URL="filemail://",
        OUTBOX_POLL_SECONDS="0.2",
        DJANGO_SETTINGS_MODULE="klimakreise.settings",
    )
    assert run_cli("migrate", "--verbosity=0", env=env).returncode == 0
    subprocess.run([sys.executable, "-c", QUEUE_ONE_EMAIL], env=env, check=True)
    port = free_port()
    command = [sys.executable, "-m", "klimakreise.cli", "serve", f"--bind=127.0.0.1:{port}"]
    server = subprocess.Popen([*command, "--workers=1", "--with-worker"], env=env)
    try:
        assert answer(f"http://127.0.0.1:{port}/", seconds=60) == 200
        assert _mail_arrives(Path(tmp_path) / "mail", seconds=30)
    finally:
        server.send_signal(signal.SIGTERM)
        assert server.wait(timeout=40) == 0
    assert not _running_workers(tmp_path)


def _mail_arrives(folder: Path, *, seconds: float) -> bool:
    until = time.monotonic() + seconds
    while time.monotonic() < until:
        if folder.is_dir() and any("Hallo Ada" in f.read_text() for f in folder.iterdir()):
            return True
        time.sleep(0.2)
    return False


def _running_workers(data_dir) -> list[str]:
    """Worker processes that still run with this test's data folder."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            environ = (proc / "environ").read_bytes()
            cmdline = (proc / "cmdline").read_bytes()
        except (OSError, ValueError):
            continue
        if f"KLIMAKREISE_DATA_DIR={data_dir}".encode() in environ and b"worker" in cmdline:
            found.append(proc.name)
    return found


class _Log:
    def __init__(self):
        self.lines = []

    def info(self, message, *args):
        self.lines.append(message % args)

    warning = info


def _keep_running(monkeypatch, tmp_path, exit_codes: list[int]) -> list[str]:
    """Run the keeper with a worker command that exits with the next of `exit_codes` each
    start; the starts it made."""
    starts = tmp_path / "starts"
    script = (
        f"import pathlib, sys; p = pathlib.Path({str(starts)!r}); codes = {exit_codes!r}; "
        "n = len(p.read_text().split()) if p.exists() else 0; "
        "p.write_text(p.read_text() + ' x' if p.exists() else 'x'); sys.exit(codes[n])"
    )
    monkeypatch.setattr(serving, "WORKER", [sys.executable, "-c", script])
    monkeypatch.setattr(serving, "RESTART_PAUSE", 0)
    monkeypatch.setitem(serving._state, "stopping", False)
    monkeypatch.setitem(serving._state, "process", None)
    keeper = threading.Thread(target=serving._keep_worker_running, args=(_Log(),), daemon=True)
    keeper.start()
    keeper.join(timeout=30)
    still_running = keeper.is_alive()
    serving._state["stopping"] = True  # ends a keeper that would go on restarting
    keeper.join(timeout=30)
    assert not still_running, "the keeper went on starting workers"
    return starts.read_text().split()


def test_a_worker_that_stopped_cleanly_is_not_started_again(monkeypatch, tmp_path):
    """E.g. the service manager sent SIGTERM to the whole group: the worker finished its email
    and exited with 0; starting it again would only have it killed mid-send."""
    assert len(_keep_running(monkeypatch, tmp_path, [0, 0, 0])) == 1


def test_a_crashed_worker_is_started_again(monkeypatch, tmp_path):
    assert len(_keep_running(monkeypatch, tmp_path, [1, 2, 0, 0])) == 3
