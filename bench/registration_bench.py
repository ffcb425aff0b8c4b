"""Benchmark the registration API under `klimakreise serve` (gunicorn), plus the rush.

Usage:
  .venv/bin/python bench/registration_bench.py --db postgres [--duration 20] [--connections 6]
  .venv/bin/python bench/registration_bench.py --db sqlite --only rush

* throughput: `wrk` (apt-get install wrk) POSTs unique valid registrations for --duration seconds
  over loopback; we report registrations/s and latency percentiles (target ≥ 200/s, p99 < 100 ms).
* rush: 1,000 registrations sent at once (--rush-concurrency requests in flight) for an edition
  with 100 seats, then all 1,000 confirmed at once through the personal-link page; the edition
  must end with exactly 100 registered and 900 waitlisted, and no response other than 429 may
  be an error.

Before the throughput run a plain Django hello world (bench/reference.py) is measured with the
same workers, connections and duration; the JSON then also gives the rate and the p99 scaled to
the reference machine of the issues (where that hello world manages 2,700 requests/s).

The server runs on its own database (PostgreSQL: kk_signup_bench, recreated; SQLite: a file in a
temporary data dir) with the rate limit raised. Loopback only; bounded in count and time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from reference import hello_world_rate, scaled, scaled_latency

REPO = Path(__file__).resolve().parent.parent
PG_ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
PG_URL = "postgres://postgres@127.0.0.1:5432/kk_signup_bench"
SECRET = "registration-bench-secret-key-not-for-production-0123456789"  # noqa: S105
HOST = "127.0.0.1"

WRK_SCRIPT = """
-- setup() runs in the main Lua state and hands each thread its number as the global
-- `thread_id`; a chunk-level `local` would shadow it, and both threads would then send the same
-- addresses (duplicates answered with 202, and lock waits between the two).
local counter = 0
local threads = 0
function setup(thread) thread:set("thread_id", threads); threads = threads + 1 end
function init(args) prefix = args[1] end
request = function()
  counter = counter + 1
  local body = string.format('{"name":"Bench Person %d","email":"%s-%d-%d@example.org",' ..
    '"sector":"zivilgesellschaft","preferences":["energie","mobilitaet","gruen"],' ..
    '"consent_privacy":true,"language":"de"}', counter, prefix, thread_id, counter)
  return wrk.format("POST", "/api/v1/editions/bench-open/registrations",
    {["Content-Type"] = "application/json"}, body)
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def environment(db: str, data_dir: Path) -> dict:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="klimakreise.settings",
        KLIMAKREISE_DATA_DIR=str(data_dir),
        DATABASE_URL=PG_URL if db == "postgres" else f"sqlite:///{data_dir / 'bench.sqlite3'}",
        SECRET_KEY=SECRET,
        DEBUG="false",
        SECURE_SSL_REDIRECT="false",
        SECURE_COOKIES="false",
        KLIMAKREISE_REGISTRATION_RATE="1000000/m",
        EMAIL_URL="smtp://127.0.0.1:25",  # only queued in the outbox; no worker runs
        LOG_LEVEL="WARNING",
        SITE_URL=f"http://{HOST}",
    )
    return env


def prepare_database(db: str, env: dict) -> None:
    if db == "postgres":
        import psycopg

        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS kk_signup_bench")
            conn.execute("CREATE DATABASE kk_signup_bench")
    manage = [sys.executable, str(REPO / "manage.py")]
    subprocess.run([*manage, "migrate", "-v0"], env=env, check=True, cwd=REPO)
    subprocess.run([*manage, "createcachetable"], env=env, check=True, cwd=REPO)


def setup_django(env: dict) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    import django

    django.setup()


def make_editions() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from klimakreise.editions.models import Edition, Topic
    from klimakreise.editions.services import create_series

    series = create_series(title="Bench", slug="bench")
    start = timezone.now() + timedelta(days=30)
    for slug, capacity in (("bench-open", None), ("bench-rush", 100)):
        edition = Edition.objects.create(
            series=series,
            number=1 if capacity is None else 2,
            title=slug,
            slug=slug,
            start=start,
            end=start + timedelta(hours=3),
            status=Edition.Status.REGISTRATION_OPEN,
            capacity=capacity,
        )
        for position, topic in enumerate(("energie", "mobilitaet", "gruen")):
            Topic.objects.create(edition=edition, slug=topic, title=topic, position=position)


def start_server(env: dict, port: int, workers: int, threads: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "klimakreise.cli", "serve", f"--bind={HOST}:{port}"]
    server = subprocess.Popen(
        [*command, f"--workers={workers}", f"--threads={threads}"],
        env=env,
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            status, _, _ = request(port, "GET", "/api/v1/editions/bench-open")
            if status == 200:
                return server
        except OSError:
            pass
        time.sleep(0.3)
    server.kill()
    raise SystemExit("server did not start within 60 s")


def request(port, method, path, body=None, headers=None):
    conn = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.getheader("Set-Cookie") or "", response.read()
    finally:
        conn.close()


def throughput(port: int, duration: int, connections: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT)
    command = [
        "wrk",
        "-t2",
        f"-c{connections}",
        f"-d{duration}s",
        "--latency",
        "-s",
        script.name,
        f"http://{HOST}:{port}",
        "--",
        f"r{int(time.time())}",
    ]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    os.unlink(script.name)
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    percentiles = dict(re.findall(r"^\s+(\d+)%\s+([\d.]+\w+)", out, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    from klimakreise.registrations.models import Registration

    return {
        # Every request must have stored a new registration (a 202 for a repeated address
        # would be cheaper work and inflate the rate).
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "stored": Registration.objects.filter(edition__slug="bench-open").count(),
        "requests_per_s": rate,
        "latency": percentiles,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "raw": out,
    }


def add_scaled(result: dict, hello: float) -> None:
    """Add the hello world and the numbers scaled to the reference machine to `result`."""
    result["hello_world_requests_per_s"] = hello
    result["requests_per_s_scaled_to_reference"] = round(scaled(result["requests_per_s"], hello), 2)
    p99 = _milliseconds(result["latency"]["99"])
    result["p99_scaled_to_reference"] = f"{scaled_latency(p99, hello):.2f}ms"


def _milliseconds(wrk_time: str) -> float:
    """wrk prints times as e.g. 812.00us, 25.31ms or 1.02s."""
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", wrk_time).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def rush(port: int, count: int, concurrency: int) -> dict:
    from klimakreise.registrations.links import make_token
    from klimakreise.registrations.models import Registration

    def register(i):
        body = {
            "name": f"Rush {i}",
            "email": f"rush-{i}@example.net",
            "sector": "verwaltung",
            "preferences": ["gruen", "energie"],
            "consent_privacy": True,
        }
        status, _, data = request(
            port,
            "POST",
            "/api/v1/editions/bench-rush/registrations",
            json.dumps(body),
            {"Content-Type": "application/json"},
        )
        return status, json.loads(data).get("id") if status == 201 else None

    def confirm(pk):
        path = f"/r/{make_token(Registration(pk=pk, link_version=1))}/confirm/"
        status, cookie, _ = request(port, "GET", path)
        if status != 200:
            return status
        csrf = re.search(r"csrftoken=([^;]+)", cookie).group(1)
        status, _, _ = request(
            port,
            "POST",
            path,
            f"csrfmiddlewaretoken={csrf}",
            {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={csrf}"},
        )
        return status

    started = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        created = list(pool.map(register, range(count)))
    register_seconds = time.monotonic() - started
    ids = [pk for status, pk in created if pk]
    started = time.monotonic()
    with ThreadPoolExecutor(concurrency) as pool:
        confirmed = list(pool.map(confirm, ids))
    confirm_seconds = time.monotonic() - started
    statuses = Registration.objects.filter(edition__slug="bench-rush").values_list(
        "status", flat=True
    )
    return {
        "register_status_codes": _count(s for s, _ in created),
        "confirm_status_codes": _count(confirmed),
        "register_seconds": round(register_seconds, 2),
        "confirm_seconds": round(confirm_seconds, 2),
        "final": _count(statuses),
    }


def _count(values) -> dict:
    counts: dict = {}
    for value in values:
        counts[value] = counts.get(value, 0) + 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--only", choices=["throughput", "rush"])
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=1, help="gunicorn threads per worker")
    parser.add_argument("--duration", type=int, default=20, choices=range(1, 121))
    parser.add_argument("--connections", type=int, default=6)
    parser.add_argument("--rush-count", type=int, default=1000)
    parser.add_argument("--rush-concurrency", type=int, default=100)
    options = parser.parse_args()
    if options.only != "rush" and not shutil.which("wrk"):
        raise SystemExit("wrk is needed for the throughput run: apt-get install wrk")
    data_dir = Path(tempfile.mkdtemp(prefix="signup-bench-"))
    env = environment(options.db, data_dir)
    prepare_database(options.db, env)
    setup_django(env)
    make_editions()
    if options.only != "rush":
        hello = hello_world_rate(options.workers, options.connections, options.duration)
    port = free_port()
    server = start_server(env, port, options.workers, options.threads)
    results = {"db": options.db, "workers": options.workers, "threads": options.threads}
    try:
        if options.only != "rush":
            results["throughput"] = throughput(port, options.duration, options.connections)
            add_scaled(results["throughput"], hello)
            print(results["throughput"].pop("raw"))
        if options.only != "throughput":
            results["rush"] = rush(port, options.rush_count, options.rush_concurrency)
    finally:
        server.terminate()
        server.wait(timeout=30)
        shutil.rmtree(data_dir, ignore_errors=True)
    print(json.dumps(results, indent=2))
    ok = True
    if "throughput" in results:
        # A rate with errors in it means nothing: every registration must have been stored.
        ok = results["throughput"]["non_2xx"] == 0
        print("throughput:", "OK" if ok else "FAILED (answers other than 2xx)")
    rush_result = results.get("rush")
    if rush_result:
        expected = {"registered": 100, "waitlisted": options.rush_count - 100}
        rush_ok = (
            rush_result["final"] == expected
            and set(rush_result["register_status_codes"]) <= {201, 429}
            and set(rush_result["confirm_status_codes"]) <= {302, 429}
        )
        print("rush:", "OK" if rush_ok else "FAILED")
        ok = ok and rush_ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
