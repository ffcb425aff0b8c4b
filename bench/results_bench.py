"""Benchmark the public results page and the public edition page under `klimakreise serve`.

Usage: .venv/bin/python bench/results_bench.py [--data-dir DIR] [--workers 3] [--duration 10]
                                             [--connections 16] [--port 8731]

Loads the demo into a fresh SQLite data dir (unless DIR already holds one), then starts the
production server (gunicorn through `klimakreise serve`) twice on the loopback interface: once as
configured (anonymous pages come from the page cache) and once with KLIMAKREISE_PAGE_CACHE=false
(every request renders the page). The load generator is wrk (`apt-get install -y wrk`), bounded by
--duration and --connections; without wrk a small threaded Python client is used. Prints a
Markdown table for docs/benchmarks.md.

Machines differ between sessions, so a plain Django hello world (bench/reference.py) is measured
first under the same conditions (needs wrk), and each rate is also given scaled to the reference
machine of the issues, where that hello world manages 2,700 requests/s.
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from reference import (
    REFERENCE_HELLO_WORLD,
    hello_world_rate,
    scaled,
    stop_server,
    wait_until_answering,
)

REPO = Path(__file__).resolve().parent.parent
PAGES = {
    "results page": "/e/magdeburg-2022/results/",
    "edition page": "/e/magdeburg-2022/",
}


def server_env(data_dir: Path, cached: bool) -> dict[str, str]:
    return {
        **os.environ,
        "KLIMAKREISE_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'klimakreise.sqlite3'}",
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "KLIMAKREISE_PAGE_CACHE": "true" if cached else "false",
        "LOG_LEVEL": "WARNING",
    }


def load_demo(data_dir: Path) -> None:
    if (data_dir / "klimakreise.sqlite3").exists():
        return
    subprocess.run(
        [sys.executable, "-m", "klimakreise.cli", "demo", "--no-serve", "--data-dir", data_dir],
        cwd=REPO,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def start_server(data_dir: Path, port: int, workers: int, cached: bool) -> subprocess.Popen:
    command = [sys.executable, "-m", "klimakreise.cli", "serve"]
    command += [f"--bind=127.0.0.1:{port}", f"--workers={workers}"]
    server = subprocess.Popen(
        command,
        cwd=REPO,
        env=server_env(data_dir, cached),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    if wait_until_answering(server, f"http://127.0.0.1:{port}/", seconds=120):
        return server
    stop_server(server)
    raise SystemExit("The server did not start within two minutes.")


def check_page(port: int, path: str) -> int:
    """The page must answer 200 (this also warms the page cache)."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=30) as response:
        body = response.read()
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}")
    return len(body)


def run_wrk(url: str, duration: int, connections: int) -> tuple[float, str]:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    if "Non-2xx" in output:
        raise SystemExit(f"wrk saw errors:\n{output}")
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+(\S+)", output)
    return rate, p99.group(1) if p99 else "?"


def run_python_client(url: str, duration: int, connections: int) -> tuple[float, str]:
    """Fallback without wrk: `connections` threads, one request after the other each."""
    host, path = url.removeprefix("http://").split("/", 1)
    done, stop_at, errors = [0] * connections, time.monotonic() + duration, []

    def worker(slot: int) -> None:
        while time.monotonic() < stop_at:
            connection = http.client.HTTPConnection(host, timeout=30)
            connection.request("GET", "/" + path)
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status != 200:
                errors.append(response.status)
            done[slot] += 1

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(connections)]
    start = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{len(errors)} requests failed, e.g. {errors[0]}")
    return sum(done) / (time.monotonic() - start), "–"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="demo data dir (default: a temporary one)")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8731)
    options = parser.parse_args()
    data_dir = (options.data_dir or Path(tempfile.mkdtemp(prefix="kk-bench-"))).resolve()
    load_demo(data_dir)
    load_before = os.getloadavg()[0]
    measure = run_wrk if shutil.which("wrk") else run_python_client
    hello = None  # without wrk there is no comparable hello world
    if measure is run_wrk:
        hello = hello_world_rate(options.workers, options.connections, options.duration)
    rows = []
    for cached in (True, False):
        server = start_server(data_dir, options.port, options.workers, cached)
        try:
            for name, path in PAGES.items():
                size = check_page(options.port, path)
                url = f"http://127.0.0.1:{options.port}{path}"
                rate, p99 = measure(url, options.duration, options.connections)
                rows.append((name, "cached" if cached else "uncached", rate, p99, size))
        finally:
            stop_server(server)
    hello_text = f"{hello:,.0f} requests/s" if hello else "not measured (needs wrk)"
    print(
        f"load generator: {measure.__name__}, {options.connections} connections, "
        f"{options.duration} s each; gunicorn with {options.workers} sync workers; "
        f"{os.cpu_count()} CPUs; load average before: {load_before:.1f}; "
        f"plain Django hello world: {hello_text}\n"
    )
    reference = f"{REFERENCE_HELLO_WORLD:,}"
    print(
        "| page | page cache | requests/s | p99 latency | page size "
        f"| scaled to reference (hello world {reference}) |"
    )
    print("|---|---|---:|---:|---:|---:|")
    for name, mode, rate, p99, size in rows:
        print(
            f"| {name} | {mode} | {rate:,.0f} | {p99} | {size / 1024:.0f} KiB "
            f"| {_scaled_text(rate, hello)} |"
        )
    if hello:
        print(f"| plain Django hello world | – | {hello:,.0f} | – | – | {reference} |")
    return 0


def _scaled_text(rate: float, hello: float | None) -> str:
    return f"{scaled(rate, hello):,.0f}" if hello else "–"


if __name__ == "__main__":
    sys.exit(main())
