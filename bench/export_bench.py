"""Benchmark a public page while anonymous clients download exports with changing query strings.

Usage: .venv/bin/python bench/export_bench.py [--data-dir DIR] [--source DIR] [--clients 6]
                                            [--duration 30] [--workers 3] [--port 8732]

Loads the demo into a fresh SQLite data dir (unless DIR already holds one) and starts the
production server (`klimakreise serve`, gunicorn) on the loopback interface. Then `--clients`
threads download the exports of the demo's published results one after the other, cycling
through the formats (PDF, HTML, Markdown, WordPress) with a new query string each time
(`…/results/export/pdf/?x=17`), while one more thread requests the public edition page and the
results page one after the other and records each answer's latency. Prints the page latencies
(p50, p95, max) and what the export requests got (status counts, CPU seconds of the server's
processes), as a Markdown table for docs/benchmarks.md.

`--source DIR` runs another checkout of the code (e.g. a worktree of the commit before issue 13),
with this checkout's virtualenv, to measure before and after on the same machine. All export
clients share one address, so with the build rate limit they get 429 while a build is missing.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import results_bench
from reference import stop_server
from results_bench import load_demo, start_server

SLUG = "magdeburg-2022"
PAGES = [f"/e/{SLUG}/", f"/e/{SLUG}/results/"]
FORMATS = ["pdf", "html", "markdown", "wordpress"]


def get(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


def export_client(port: int, stop_at: float, statuses: Counter, numbers) -> None:
    for fmt in itertools.cycle(FORMATS):
        if time.monotonic() >= stop_at:
            return
        statuses[get(port, f"/e/{SLUG}/results/export/{fmt}/?x={next(numbers)}")] += 1


def page_client(port: int, stop_at: float, latencies: list[float], errors: Counter) -> None:
    for path in itertools.cycle(PAGES):
        if time.monotonic() >= stop_at:
            return
        start = time.perf_counter()
        status = get(port, path)
        latencies.append((time.perf_counter() - start) * 1000)
        if status != 200:
            errors[status] += 1


def server_cpu_seconds(server) -> float:
    """User + system CPU of the gunicorn master and its workers (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, parent = int(stat.parent.name), int(fields[1])
        if server.pid in (pid, parent):
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def measure(port: int, server, clients: int, duration: int) -> dict:
    stop_at = time.monotonic() + duration
    statuses, errors, latencies = Counter(), Counter(), []
    numbers = itertools.count()
    cpu_before = server_cpu_seconds(server)
    threads = [
        threading.Thread(target=export_client, args=(port, stop_at, statuses, numbers))
        for _ in range(clients)
    ]
    threads.append(threading.Thread(target=page_client, args=(port, stop_at, latencies, errors)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return {
        "p50": statistics.median(latencies),
        "p95": latencies[int(len(latencies) * 0.95) - 1],
        "max": latencies[-1],
        "pages": len(latencies),
        "page_errors": dict(errors),
        "exports": dict(sorted(statuses.items())),
        "cpu": server_cpu_seconds(server) - cpu_before,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="demo data dir (default: a temporary one)")
    parser.add_argument("--source", type=Path, help="another checkout of the code to run")
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--duration", type=int, default=30, help="seconds of load")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=8732)
    options = parser.parse_args()
    if options.source:  # `python -m` puts the working directory first on the path
        results_bench.REPO = options.source.resolve()
        os.environ["PYTHONPATH"] = str(results_bench.REPO)
    data_dir = (options.data_dir or Path(tempfile.mkdtemp(prefix="kk-bench-"))).resolve()
    load_demo(data_dir)
    load_before = os.getloadavg()[0]
    server = start_server(data_dir, options.port, options.workers, cached=True)
    try:
        for path in PAGES:  # warm the page cache
            get(options.port, path)
        result = measure(options.port, server, options.clients, options.duration)
    finally:
        stop_server(server)
    print(
        f"{options.clients} export clients + 1 page client, {options.duration} s; gunicorn with "
        f"{options.workers} sync workers; {os.cpu_count()} CPUs; load average before: "
        f"{load_before:.1f}; code: {options.source or 'this checkout'}\n"
    )
    print("| public pages p50 | p95 | max | page requests | export answers | server CPU |")
    print("|---:|---:|---:|---:|---|---:|")
    exports = ", ".join(f"{count}× {status}" for status, count in result["exports"].items())
    print(
        f"| {result['p50']:.0f} ms | {result['p95']:.0f} ms | {result['max']:.0f} ms "
        f"| {result['pages']} | {exports} | {result['cpu']:.0f} s |"
    )
    if result["page_errors"]:
        print(f"\npage errors: {result['page_errors']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
