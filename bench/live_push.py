"""Benchmark: board changes pushed live to 500 viewers in 50 circles (issue 16, point 2).

Two or more app processes (each on its own port) share one PostgreSQL database. 500 viewers
(members with their personal link, each with their own session) listen to their circle's stream,
spread over the processes; in each circle one member adds a card every 5 s through one process,
so that about half the viewers learn of the change through another process than the one that
saved it.
Each viewer does what the board's script does (bench/live_clients.py): on an event with a newer
revision it fetches the board fragment again. Mid-run some viewers drop their connection for
30 s and reconnect with Last-Event-ID.

    .venv/bin/python bench/live_push.py [--refresh each|end] [--processes 2] [--seconds 60]
        [--redis-url URL] [--database-url postgres://postgres@127.0.0.1:5432/kk_bench_live]
        [--server serve|uvicorn] [--source OTHER_CHECKOUT] [--env NAME=VALUE]

docs/benchmarks.md ("Live push (issue 16)") has the runs, what they mean and their limits.

Measured: the time from a save's answer (its X-Board-Revision) to the event with that revision
at each other viewer of the circle, and to that viewer holding a board of that revision. Checked:
every viewer received every change of its circle once (the CardChange log), no `reload` event,
and each viewer's final board has the database's cards. Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

from live_clients import Viewer, prepare_writer, write_card
from live_servers import ServerSet, database_counters

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path("/tmp/kk-live-bench")
TARGET_P95 = 1.0  # seconds, from the save's answer to the event at the other viewers

SEED = """
import django, json, sys
django.setup()
from datetime import timedelta
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
call_command("migrate", interactive=False, verbosity=0)
call_command("createcachetable", verbosity=0)
call_command("collectstatic", interactive=False, verbosity=0)  # pages name hashed static files
from klimakreise.boards.models import Card
from klimakreise.circles.models import Circle, CircleMember
from klimakreise.editions.models import Edition, Topic
from klimakreise.editions.services import create_series
from klimakreise.registrations.links import make_token
from klimakreise.registrations.models import Registration
circles, members, cards = map(int, sys.argv[1:4])
series = create_series(title="Live bench", slug="live-bench")
start = timezone.now()
edition = Edition.objects.create(series=series, number=1, title="Live", slug="live",
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
        links.append([circle.pk, m, make_token(r)])
print(json.dumps({"links": links, "vendor": connection.vendor}))
"""

FINAL = """
import django, json, sys
django.setup()
from klimakreise.boards.models import Card, CardChange
circles = json.loads(sys.argv[1])
out = {}
for pk in circles:
    log = CardChange.objects.filter(circle_id=pk).order_by("pk")
    changes = list(log.values_list("pk", flat=True))
    cards = dict(Card.objects.filter(circle_id=pk).values_list("pk", "text"))
    out[pk] = {"changes": changes, "cards": {str(k): v for k, v in cards.items()}}
print(json.dumps(out))
"""


def main() -> int:
    options = _options()
    env = _environment(options)
    links = _prepare(env, options)
    code = options.source.resolve() if options.source else ROOT
    servers = ServerSet(
        env | {"PYTHONPATH": str(code)}, code, DATA_DIR, options.processes, options.server
    )
    try:
        servers.start()
        result = asyncio.run(_run(links, servers, options))
    finally:
        servers.stop()
    result["final"] = _final_state(env, sorted({v.circle for v in result["viewers"]}))
    return _report(result, options)


def _options():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--processes", type=int, default=2, help="app processes, one port each")
    parser.add_argument("--server", choices=["serve", "uvicorn"], default="serve")
    parser.add_argument("--seconds", type=int, default=60, help="how long the writers write")
    parser.add_argument("--circles", type=int, default=50)
    parser.add_argument("--members", type=int, default=10, help="viewers per circle")
    parser.add_argument("--interval", type=float, default=5.0, help="seconds between changes")
    parser.add_argument("--disconnect", type=int, default=50, help="viewers that drop out")
    parser.add_argument("--disconnect-at", type=float, default=15.0)
    parser.add_argument("--disconnect-for", type=float, default=30.0)
    parser.add_argument(
        "--refresh",
        choices=["each", "end"],
        default="each",
        help="fetch the board on each event as the browser does, or once at the end only",
    )
    parser.add_argument(
        "--database-url", default="postgres://postgres@127.0.0.1:5432/kk_bench_live"
    )
    parser.add_argument("--redis-url", default="", help="EVENTS_REDIS_URL for the fan-out")
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE for the servers")
    parser.add_argument("--source", type=Path, help="another checkout of the code to serve")
    parser.add_argument("--json", type=Path, help="also write the numbers to this file")
    options = parser.parse_args()
    if not 2 <= options.members <= 100 or not 1 <= options.circles <= 500:
        parser.error("--members must be 2..100 and --circles 1..500")
    if options.disconnect and options.disconnect_at + options.disconnect_for >= options.seconds:
        parser.error("the dropped viewers must reconnect before the writers stop")
    if options.disconnect_at < 2 * options.interval:
        parser.error("--disconnect-at: let each circle change twice before viewers drop out")
    return options


def _environment(options) -> dict:
    if DATA_DIR.exists():
        shutil.rmtree(DATA_DIR)
    DATA_DIR.mkdir(parents=True)
    env = os.environ | {
        "KLIMAKREISE_DATA_DIR": str(DATA_DIR),
        "DATABASE_URL": options.database_url,
        "DEBUG": "false",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_COOKIES": "false",
        "SECRET_KEY": "live-bench-only",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "klimakreise.settings",
        "BOARD_STREAM": "true",
        # Redis pub/sub channels are shared by every database of a server: one of our own.
        "EVENTS_CHANNEL": "kk_bench_live",
    }
    if options.redis_url:
        env["EVENTS_REDIS_URL"] = options.redis_url
    for pair in options.env:
        name, _, value = pair.partition("=")
        env[name] = value
    return env


def _prepare(env, options) -> list:
    url = options.database_url
    if not url.startswith("postgres"):
        raise SystemExit("--database-url: several processes need PostgreSQL")
    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    subprocess.run(["psql", admin, "-qc", f"DROP DATABASE IF EXISTS {name}"], check=True)
    subprocess.run(["psql", admin, "-qc", f"CREATE DATABASE {name}"], check=True)
    args = [str(options.circles), str(options.members), "12"]
    out = subprocess.run(
        [sys.executable, "-c", SEED, *args], env=env, cwd=ROOT, check=True, capture_output=True
    )
    data = json.loads(out.stdout.decode().strip().splitlines()[-1])
    print(f"seeded {len(data['links'])} viewers on {data['vendor']}", file=sys.stderr)
    return data["links"]


def _final_state(env, circles) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", FINAL, json.dumps(circles)],
        env=env,
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    return {int(k): v for k, v in json.loads(out.stdout.decode().splitlines()[-1]).items()}


async def _gather_limited(coroutines, limit=16):
    gate = asyncio.Semaphore(limit)

    async def one(coroutine):
        async with gate:
            return await coroutine

    return await asyncio.gather(*(one(c) for c in coroutines))


async def _run(links, servers, options) -> dict:
    """Sign in, open every stream, write for --seconds while some viewers drop out, settle.
    Server CPU and database work are counted while the writers write."""
    ports = servers.ports
    viewers = [
        Viewer(
            circle=pk,
            index=m,
            port=ports[(pk + m) % len(ports)],
            token=token,
            follow=options.refresh == "each",
        )
        for pk, m, token in links
    ]
    writers = {v.circle: v for v in viewers if v.index == 0}
    await _gather_limited(v.sign_in() for v in viewers)
    write_port = {pk: ports[pk % len(ports)] for pk in writers}
    sessions = dict(
        zip(
            writers,
            await _gather_limited(prepare_writer(v, write_port[pk]) for pk, v in writers.items()),
            strict=True,
        )
    )
    listening = {v: asyncio.create_task(v.listen()) for v in viewers}
    if not await _until(lambda: all(v.opens for v in viewers), 60, ""):
        opened = sum(1 for v in viewers if v.opens)
        errors = [e for v in viewers for e in v.stream_errors]
        raise SystemExit(
            f"only {opened} of {len(viewers)} streams opened in 60 s;"
            f" {len(errors)} failed attempts, e.g. {errors[:1]}; see {DATA_DIR}/server-*.log"
        )
    await asyncio.sleep(2)
    lag = asyncio.create_task(_loop_lag(samples := []))
    dropped = _pick_dropped(viewers, options.disconnect)
    before = await asyncio.to_thread(database_counters, options.database_url)
    cpu_before = servers.cpu_seconds()
    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    tasks = [
        _write_loop(sessions[pk], write_port[pk], pk, i, t0, options)
        for i, pk in enumerate(sorted(writers))
    ]
    outage = _drop_out(dropped, listening, t0, options)
    written = await asyncio.gather(*tasks, outage)
    writes = [w for loop in written[:-1] for w in loop]
    writing = time.perf_counter() - t0  # longer than --seconds when saves answer late
    cpu = servers.cpu_seconds() - cpu_before
    database = await asyncio.to_thread(database_counters, options.database_url, before)
    newest = {}
    for w in writes:
        newest[w.circle] = max(newest.get(w.circle, 0), w.revision)
    if options.refresh == "end":
        await asyncio.sleep(3)  # events still on their way
        await _gather_limited((v.refresh() for v in viewers), limit=8)
    settled = await _until(
        lambda: all(v.board_revision >= newest.get(v.circle, 0) for v in viewers), 20, ""
    )
    await asyncio.sleep(1)  # events still on their way to viewers that already refreshed
    for task in [*listening.values(), lag]:
        task.cancel()
    await asyncio.gather(*listening.values(), lag, return_exceptions=True)
    return {
        "viewers": viewers,
        "writers": writers,
        "writes": writes,
        "dropped": dropped,
        "outage": written[-1],
        "settled": settled,
        "lag": samples,
        "t0": t0,
        "server_cpu": cpu,
        "writing": writing,
        "load": (load, os.getloadavg()[0]),
        "database": database,
    }


async def _until(condition, seconds, what) -> bool:
    deadline = time.perf_counter() + seconds
    while not condition():
        if time.perf_counter() > deadline:
            if what:
                raise SystemExit(f"gave up waiting for {what}")
            return False
        await asyncio.sleep(0.1)
    return True


async def _loop_lag(samples: list) -> None:
    """How late the client's event loop wakes up: a late loop delays every arrival it records."""
    while True:
        before = time.perf_counter()
        await asyncio.sleep(0.05)
        samples.append(time.perf_counter() - before - 0.05)


def _pick_dropped(viewers, count) -> list[Viewer]:
    """One non-writer per circle first, so that the outage touches as many circles as it can."""
    candidates = sorted((v for v in viewers if v.index), key=lambda v: (v.index, v.circle))
    return candidates[:count]


async def _write_loop(session, port, circle, slot, t0, options) -> list:
    writes = []
    offset = slot * options.interval / options.circles  # circles take turns, evenly spread
    k = 0
    while (due := t0 + offset + k * options.interval) < t0 + options.seconds:
        await asyncio.sleep(max(0.0, due - time.perf_counter()))
        text = f"Kreis {circle}, Änderung {k} <{random.randrange(10**6)}> & mehr"
        try:
            writes.append(await write_card(session, port, circle, text))
        except (OSError, ConnectionError, asyncio.IncompleteReadError) as error:
            print(f"write failed: {error!r}", file=sys.stderr)
        k += 1
    return writes


async def _drop_out(dropped, listening, t0, options) -> dict:
    """Cut the streams of `dropped` (the board stays as it was), then let them reconnect."""
    if not dropped:
        return {}
    await asyncio.sleep(max(0.0, t0 + options.disconnect_at - time.perf_counter()))
    for viewer in dropped:
        listening[viewer].cancel()
    await asyncio.gather(*(listening[v] for v in dropped), return_exceptions=True)
    left = time.perf_counter()
    await asyncio.sleep(options.disconnect_for)
    back = time.perf_counter()
    for viewer in dropped:
        listening[viewer] = asyncio.create_task(viewer.listen())
    return {"left": left, "back": back}


def _percentiles(values) -> dict:
    if len(values) < 2:
        return {}
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return {"p50": cuts[49], "p95": cuts[94], "p99": cuts[98], "max": max(values)}


def _ms(numbers: dict) -> str:
    return "  ".join(f"{k} {v * 1000:.0f}" for k, v in numbers.items()) + " ms"


def _latencies(result) -> dict:
    """Per write, per other viewer of its circle that was connected at the time."""
    outage = result["outage"]
    dropped = set(map(id, result["dropped"]))
    by_circle: dict[int, list[Viewer]] = {}
    for viewer in result["viewers"]:
        by_circle.setdefault(viewer.circle, []).append(viewer)
    event, shown, cross, same, missing = [], [], [], [], 0
    from_sent = []
    for write in result["writes"]:
        if write.status != 200:
            continue  # not saved: no event to wait for (counted under the save answers)
        for viewer in by_circle[write.circle]:
            if viewer.index == 0:
                continue
            away = id(viewer) in dropped and outage["left"] <= write.at <= outage["back"] + 1
            if away:
                continue
            arrived = viewer.received.get(write.revision)
            if arrived is None:
                missing += 1
                continue
            event.append(arrived - write.at)
            from_sent.append(arrived - write.sent)
            (same if viewer.port == result["writers"][write.circle].port else cross).append(
                arrived - write.at
            )
            board = next((t for r, t in viewer.shown if r >= write.revision), None)
            if board is not None:
                shown.append(board - write.at)
    saves = [w.at - w.sent for w in result["writes"]]
    return {
        "event": event,
        "from_sent": from_sent,
        "saves": saves,
        "shown": shown,
        "cross": cross,
        "same": same,
        "missing": missing,
    }


def _checks(result) -> dict:
    """Every viewer against the database: all changes received once, final board equal."""
    final = result["final"]
    missed, wrong_board, extra = [], [], 0
    for viewer in result["viewers"]:
        expected = set(final[viewer.circle]["changes"])  # the seed wrote no history
        got = set(viewer.received)
        if expected - got:
            missed.append((viewer.circle, viewer.index, sorted(expected - got)))
        extra += len(got - expected)
        cards = {int(k): v for k, v in final[viewer.circle]["cards"].items()}
        if viewer.cards != cards:
            wrong_board.append((viewer.circle, viewer.index, viewer.board_revision))
    dropped = result["dropped"]
    catch_up = []
    back = result["outage"].get("back", 0)
    for viewer in dropped:
        gap = [t for r, t in viewer.received.items() if t >= back]
        if gap:
            catch_up.append(min(gap) - back)
    return {
        "missed": missed,
        "wrong_board": wrong_board,
        "extra": extra,
        "duplicates": sum(v.duplicates for v in result["viewers"]),
        "reloads": sum(len(v.reloads) for v in result["viewers"]),
        "dropped_reloads": sum(len(v.reloads) for v in dropped),
        "catch_up": catch_up,
    }


def _around(viewer, result) -> list:
    """The events a viewer got around its first reload, timed from the run's start (s)."""
    at, t0 = viewer.reloads[0], result["t0"]
    got = [(round(t - t0, 2), kind, rid) for t, kind, rid in viewer.log if abs(t - at) < 10]
    saved = [
        (round(w.sent - t0, 2), "saved", str(w.revision), round(w.at - t0, 2))
        for w in result["writes"]
        if w.circle == viewer.circle and abs(w.at - at) < 10
    ]
    return sorted(got + saved)


def _report(result, options) -> int:
    viewers, writes = result["viewers"], result["writes"]
    lat, checks = _latencies(result), _checks(result)
    statuses: dict[int, int] = {}
    for write in writes:
        statuses[write.status] = statuses.get(write.status, 0) + 1
    refreshes: dict[int, int] = {}
    for viewer in viewers:
        for status, count in viewer.refresh_statuses.items():
            refreshes[status] = refreshes.get(status, 0) + count
    errors = [e for v in viewers for e in v.stream_errors]
    ok_writes = statuses.get(200, 0) == len(writes) and len(writes) > 0
    p95 = _percentiles(lat["event"]).get("p95", float("inf"))
    met = {
        "p95 event < 1 s": p95 < TARGET_P95,
        "changes written at the planned rate": result["writing"] < options.seconds + 5,
        "every save answered 200": ok_writes,
        "no viewer missed a change": not checks["missed"] and not lat["missing"],
        "every final board equals the database": not checks["wrong_board"],
        "dropped viewers caught up without reload": checks["dropped_reloads"] == 0,
    }
    lines = [
        f"processes {options.processes} ({options.server}), fan-out "
        + (f"Redis {options.redis_url}" if options.redis_url else "without Redis"),
        f"viewers {len(viewers)} in {len({v.circle for v in viewers})} circles,"
        f" changes {len(writes)} planned in {options.seconds} s (one per circle every"
        f" {options.interval:g} s), written in {result['writing']:.0f} s, answers {statuses}",
        f"save answered after: {_ms(_percentiles(lat['saves']))}",
        f"event after the save was sent: {_ms(_percentiles(lat['from_sent']))}",
        f"event after save, other viewers ({len(lat['event'])}): {_ms(_percentiles(lat['event']))}",
        f"  same process ({len(lat['same'])}): {_ms(_percentiles(lat['same']))}",
        f"  other process ({len(lat['cross'])}): {_ms(_percentiles(lat['cross']))}",
        f"board of that revision shown ({len(lat['shown'])}): {_ms(_percentiles(lat['shown']))}"
        + ("" if options.refresh == "each" else " (--refresh end: once, after the run)"),
        f"missing events: {lat['missing']} (connected), viewers with a gap vs CardChange:"
        f" {len(checks['missed'])}, duplicates {checks['duplicates']}, reloads {checks['reloads']}",
        f"final boards different from the database: {len(checks['wrong_board'])}"
        f" (settled: {result['settled']})",
        f"dropped {len(result['dropped'])} viewers for {options.disconnect_for:g} s: reloads"
        f" {checks['dropped_reloads']}, first event after reconnecting:"
        f" {_ms(_percentiles(checks['catch_up']))}",
        f"board refreshes {refreshes}, stream errors {len(errors)}"
        + (f" e.g. {errors[0]}" if errors else ""),
        f"client loop lag: {_ms(_percentiles(result['lag']))}; load average (1 min) before"
        f" {result['load'][0]:.1f}, after {result['load'][1]:.1f} (2 cores)",
        f"server CPU while writing {result['server_cpu']:.1f} s in"
        f" {result['writing']:.0f} s, database {result['database']}",
    ]
    lines += [f"{'met ' if ok else 'MISSED'}  {name}" for name, ok in met.items()]
    print("\n".join(lines))
    if checks["missed"]:
        print(f"e.g. missed: {checks['missed'][:3]}", file=sys.stderr)
    for viewer in viewers:
        if viewer.reloads:
            print(
                f"reload at circle {viewer.circle} viewer {viewer.index}: {_around(viewer, result)}"
            )
    if checks["wrong_board"]:
        print(f"e.g. wrong board: {checks['wrong_board'][:3]}", file=sys.stderr)
    if options.json:
        options.json.write_text(json.dumps({"report": lines, "met": met}, indent=1))
    return 0 if all(met.values()) else 1


if __name__ == "__main__":
    socket.setdefaulttimeout(30)
    sys.exit(main())
