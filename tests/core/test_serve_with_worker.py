"""`klimakreise serve --with-worker`: one command for a small installation's single server."""

import signal
import subprocess
import sys
import time
from pathlib import Path

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
