"""Benchmark: pin-board refresh under `klimakreise serve`.

500 viewers (members with their personal link, each with their own session) in 50 circles poll
their board fragment every 3 s with If-None-Match (≈170 requests/s); a few of them add a card now
and then, so some refreshes answer 200 with the new board and the rest 304. Loopback only, bounded
by --seconds.

    .venv/bin/python bench/board_bench.py [--seconds 60] [--workers 3] [--database-url URL]

Without --database-url a fresh SQLite file under /tmp/boards-bench is used; for PostgreSQL pass
e.g. postgres://postgres@127.0.0.1:5432/kk_boards_bench (the database is created if missing).
The cache is the configured default (the database cache, as in production).

Machines differ between sessions, so a plain Django hello world (bench/reference.py, needs wrk) is
measured first with the same gunicorn workers, and the p95 latencies are also given scaled to the
reference machine of the issues (where that hello world manages 2,700 requests/s).
"""

import argparse
import heapq
import http.client
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from reference import REFERENCE_HELLO_WORLD, hello_world_rate, require_wrk, scaled_latency

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path("/tmp/boards-bench")
CIRCLES, MEMBERS_PER_CIRCLE, CARDS_PER_CIRCLE, POLL_SECONDS = 50, 10, 12, 3.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=48, help="client threads")
    parser.add_argument("--writes-per-second", type=float, default=1.0)
    parser.add_argument("--database-url", default="")
    options = parser.parse_args()
    if not 5 <= options.seconds <= 600:
        parser.error("--seconds must be between 5 and 600")
    require_wrk()
    env = _environment(options.database_url)
    links = _prepare(env)
    hello = hello_world_rate(workers=options.workers)
    port = _free_port()
    server = _serve(env, port, options.workers)
    try:
        viewers = [Viewer(port, circle_pk, token) for circle_pk, token in links]
        for viewer in viewers:
            viewer.open()
        result = _run(viewers, options)
    finally:
        server.terminate()
        server.wait(timeout=30)
    _report(result, options, hello)
    return 0


def _environment(database_url: str) -> dict:
    if DATA_DIR.exists():
        shutil.rmtree(DATA_DIR)
    DATA_DIR.mkdir(parents=True)
    url = database_url or f"sqlite:///{DATA_DIR / 'bench.sqlite3'}"
    return os.environ | {
        "KLIMAKREISE_DATA_DIR": str(DATA_DIR),
        "DATABASE_URL": url,
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECRET_KEY": "board-bench-only",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "klimakreise.settings",
    }


SEED = """
import django, json, sys
django.setup()
from datetime import timedelta
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
call_command("migrate", interactive=False, verbosity=0)
from klimakreise.boards.models import Card
from klimakreise.circles.models import Circle, CircleMember
from klimakreise.editions.models import Edition, Topic
from klimakreise.editions.services import create_series
from klimakreise.registrations.links import make_token
from klimakreise.registrations.models import Registration
circles, members, cards = map(int, sys.argv[1:4])
series = create_series(title="Bench", slug="bench")
start = timezone.now()
edition = Edition.objects.create(series=series, number=1, title="Bench", slug="bench",
    start=start, end=start + timedelta(hours=3), status="running")
sector = series.sectors.first()
links = []
for c in range(circles):
    topic = Topic.objects.create(edition=edition, title=f"Thema {c}", slug=f"t{c}", position=c)
    circle = Circle.objects.create(edition=edition, topic=topic)
    Card.objects.bulk_create(Card(circle=circle, column=("ideas", "next_steps")[i % 2],
        position=i, text=f"Karte {i} im Kreis {c}") for i in range(cards))
    for m in range(members):
        r = Registration.objects.create(edition=edition, status="registered", name=f"P {c}-{m}",
            email=f"p{c}-{m}@example.org", sector=sector, privacy_notice_version="1")
        CircleMember.objects.create(circle=circle, registration=r)
        links.append([circle.pk, make_token(r)])
print(json.dumps({"links": links, "vendor": connection.vendor}))
"""


def _prepare(env) -> list:
    import json

    if env["DATABASE_URL"].startswith("postgres"):
        name = env["DATABASE_URL"].rsplit("/", 1)[1]
        admin = env["DATABASE_URL"].rsplit("/", 1)[0] + "/postgres"
        subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
        subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    args = [str(CIRCLES), str(MEMBERS_PER_CIRCLE), str(CARDS_PER_CIRCLE)]
    out = subprocess.run(
        [sys.executable, "-c", SEED, *args], env=env, cwd=ROOT, check=True, capture_output=True
    )
    data = json.loads(out.stdout.decode().strip().splitlines()[-1])
    print(f"seeded {len(data['links'])} viewers on {data['vendor']}", file=sys.stderr)
    return data["links"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(env, port, workers):
    command = [sys.executable, "-m", "klimakreise.cli", "serve", f"--bind=127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, f"--workers={workers}"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300  # check + collectstatic first
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return server
        except OSError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("the server did not start")


class Viewer:
    """One browser: a session from the personal link, the board's ETag, a CSRF token."""

    def __init__(self, port, circle_pk, token):
        self.port, self.circle_pk, self.token = port, circle_pk, token
        self.cookies: dict[str, str] = {}
        self.etag = ""

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        cookie = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        all_headers = {"Cookie": cookie, "Accept-Language": "de", **(headers or {})}
        connection.request(method, path, body=body, headers=all_headers)
        response = connection.getresponse()
        data = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, rest = value.split("=", 1)
                self.cookies[name] = rest.split(";", 1)[0]
        connection.close()
        return response, data

    def open(self):
        response, _ = self.request("GET", f"/circles/{self.circle_pk}/?t={self.token}")
        assert response.status == 302, response.status
        self.poll()

    def poll(self) -> int:
        headers = {"HX-Request": "true"} | ({"If-None-Match": self.etag} if self.etag else {})
        response, _ = self.request("GET", f"/circles/{self.circle_pk}/board/", headers=headers)
        if response.status == 200:
            self.etag = response.getheader("ETag")
        return response.status

    def add_card(self) -> int:
        body = urlencode({"column": "ideas", "text": f"Neue Idee {random.random():.6f}"})
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "X-CSRFToken": self.cookies.get("csrftoken", ""),
            "Referer": f"http://127.0.0.1:{self.port}/",
            "HX-Request": "true",
        }
        if not self.cookies.get("csrftoken"):
            self.request("GET", f"/circles/{self.circle_pk}/")
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        path = f"/circles/{self.circle_pk}/cards/add/"
        response, _ = self.request("POST", path, body=body, headers=headers)
        return response.status


def _run(viewers, options) -> dict:
    """Each viewer polls every 3 s (spread evenly); latency is measured per request."""
    start = time.monotonic() + 1
    schedule = [(start + i * POLL_SECONDS / len(viewers), i, "poll") for i in range(len(viewers))]
    if options.writes_per_second:
        writes = int(options.seconds * options.writes_per_second)
        schedule += [
            (start + k / options.writes_per_second, random.randrange(len(viewers)), "write")
            for k in range(writes)
        ]
    heapq.heapify(schedule)
    end = start + options.seconds
    lock = threading.Lock()
    samples = {"poll": [], "write": []}
    statuses: dict[int, int] = {}
    late = []

    def worker():
        while True:
            with lock:
                if not schedule or schedule[0][0] > end:
                    return
                due, index, kind = heapq.heappop(schedule)
                if kind == "poll":
                    heapq.heappush(schedule, (due + POLL_SECONDS, index, kind))
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            late.append(max(0.0, -wait))
            began = time.monotonic()
            try:
                viewer = viewers[index]
                status = viewer.poll() if kind == "poll" else viewer.add_card()
            except OSError:
                status = 0
            elapsed = time.monotonic() - began
            with lock:
                samples[kind].append(elapsed)
                key = status if kind == "poll" else -status
                statuses[key] = statuses.get(key, 0) + 1

    threads = [threading.Thread(target=worker) for _ in range(options.threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"samples": samples, "statuses": statuses, "late": late}


def _percentile(values, q):
    if not values:
        return float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


def _p95(values, hello) -> str:
    """The measured p95 in ms, with the same scaled to the reference machine."""
    p95 = _percentile(values, 95)
    return f"{p95:.1f} (scaled to reference: {scaled_latency(p95, hello):.1f})"


def _report(result, options, hello):
    polls = result["samples"]["poll"]
    writes = result["samples"]["write"]
    statuses = result["statuses"]
    print(f"duration {options.seconds} s, gunicorn workers {options.workers}")
    print(
        f"plain Django hello world: {hello:,.0f} requests/s"
        f" (reference machine: {REFERENCE_HELLO_WORLD:,}; wrk -t2 -c16, 8 s)"
    )
    polled = {k: v for k, v in statuses.items() if k >= 0}
    added = {-k: v for k, v in statuses.items() if k < 0}
    print(f"refreshes: {len(polls)} ({len(polls) / options.seconds:.0f}/s), statuses {polled}")
    print(
        f"refresh latency ms: p50 {_percentile(polls, 50):.1f}  p95 {_p95(polls, hello)}"
        f"  p99 {_percentile(polls, 99):.1f}  max {max(polls) * 1000:.1f}"
    )
    if writes:
        print(f"card adds: {len(writes)}, statuses {added}, p95 ms {_p95(writes, hello)}")
    print(f"client lateness p95 {_percentile(result['late'], 95):.1f} ms (load generator)")


if __name__ == "__main__":
    sys.exit(main())
