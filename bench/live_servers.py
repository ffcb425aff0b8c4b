"""The app processes of bench/live_push.py, and what they cost (CPU, database work).

Each process listens on its own port, so the benchmark decides which process a viewer or a writer
talks to (a shared port would leave that to the kernel). `serve` starts them as production does
(`klimakreise serve`, one worker each); `uvicorn` starts the ASGI application directly, for code
whose `serve` runs WSGI workers only (where each open stream holds a thread).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServerSet:
    def __init__(self, env: dict, root: Path, log_dir: Path, count: int, kind: str):
        self.env, self.root, self.log_dir, self.kind = env, root, log_dir, kind
        self.ports = [free_port() for _ in range(count)]
        self.processes: list[subprocess.Popen] = []

    def command(self, port: int) -> list[str]:
        if self.kind == "uvicorn":
            return [
                sys.executable,
                "-m",
                "uvicorn",
                "klimakreise.asgi:application",
                "--host=127.0.0.1",
                f"--port={port}",
                "--no-access-log",
                "--log-level=warning",
                "--timeout-graceful-shutdown=3",
            ]
        return [
            sys.executable,
            "-m",
            "klimakreise.cli",
            "serve",
            f"--bind=127.0.0.1:{port}",
            "--workers=1",
        ]

    def start(self) -> None:
        """One after the other: `serve` runs collectstatic first, into the same directory."""
        for number, port in enumerate(self.ports):
            log = open(self.log_dir / f"server-{number}.log", "wb")  # noqa: SIM115 (kept open)
            process = subprocess.Popen(
                self.command(port),
                env=self.env,
                cwd=self.root,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            self.processes.append(process)
            self._wait_until_listening(process, port)
        print(f"servers on ports {self.ports} (logs in {self.log_dir})", file=sys.stderr)

    def _wait_until_listening(self, process, port) -> None:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.stop()
                raise SystemExit(f"the server on port {port} exited; see {self.log_dir}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit(f"the server on port {port} did not start")

    def cpu_seconds(self) -> float:
        """User and system CPU of every process in the servers' sessions (workers included)."""
        sessions = {p.pid for p in self.processes}
        ticks = 0
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) in sessions:  # field 6 of stat: the session id
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def database_counters(url: str, before: dict | None = None) -> dict:
    """Transactions and rows read in the benchmark's database (pg_stat_database), or the
    difference to `before`. Each query outside a transaction block is a transaction of its own."""
    query = (
        "select xact_commit + xact_rollback, tup_returned, tup_fetched, numbackends"
        " from pg_stat_database where datname = current_database()"
    )
    time.sleep(0.6)  # the statistics collector reports every 500 ms
    out = subprocess.run(["psql", url, "-Atc", query], check=True, capture_output=True, text=True)
    transactions, returned, fetched, backends = map(int, out.stdout.strip().split("|"))
    now = {
        "transactions": transactions,
        "rows_returned": returned,
        "rows_fetched": fetched,
        "at": time.monotonic(),
    }
    if before is None:
        return now | {"connections": backends}
    seconds = now["at"] - before["at"]
    return {
        "transactions/s": round((transactions - before["transactions"]) / seconds),
        "rows returned/s": round((returned - before["rows_returned"]) / seconds),
        "connections at the end": backends,
    }
