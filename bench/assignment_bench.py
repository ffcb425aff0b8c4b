"""Benchmark the circle assignment (HiGHS) against the greedy baseline.

Usage: .venv/bin/python bench/assignment_bench.py [--sizes 50:5,10000:40,100000:100] [--seed 1]

Every run is a separate process started like a user would (``python -m
klimakreise.assignment``), so the times include Python start-up and JSON I/O, and peak memory is
the child's own max RSS (from os.wait4). Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SECTORS = ("verwaltung", "wirtschaft", "zivilgesellschaft", "wissenschaft")
VERWALTUNG_SHARE = 0.15
WISHES = 3
MIN_SIZE, MAX_SIZE = 6, 12


def zipf_weights(topic_count: int, exponent: float = 1.0) -> list[float]:
    return [1.0 / (k + 1) ** exponent for k in range(topic_count)]


def _wishes(rng: random.Random, topic_ids: list[str], weights: list[float]) -> list[str]:
    wishes: list[str] = []
    while len(wishes) < min(WISHES, len(topic_ids)):
        pick = rng.choices(topic_ids, weights)[0]
        if pick not in wishes:
            wishes.append(pick)
    return wishes


def _sector(rng: random.Random) -> str:
    if rng.random() < VERWALTUNG_SHARE:
        return "verwaltung"
    return rng.choice(SECTORS[1:])


def make_instance(people: int, topic_count: int, seed: int, contested: bool = False) -> dict:
    """Zipf-popular topics (s=1), 3 wishes each, 15 % verwaltung, one diversity rule.

    Seats follow the first-wish popularity with 10 % headroom (ceil, so total capacity is at
    least 1.1 × people). ``contested`` plans seats by the square root of popularity instead, as
    organisers who underestimate the favourites would: popular topics overflow.
    """
    rng = random.Random(seed)
    topic_ids = [f"t{k:03d}" for k in range(topic_count)]
    weights = zipf_weights(topic_count)
    planned = [weight**0.5 for weight in weights] if contested else weights
    planned_total = sum(planned)
    topics = [
        {
            "id": topic_id,
            "min_size": MIN_SIZE,
            "max_size": MAX_SIZE,
            "max_groups": max(1, math.ceil(people * 1.1 * share / planned_total / MAX_SIZE)),
        }
        for topic_id, share in zip(topic_ids, planned, strict=True)
    ]
    participants = [
        {
            "id": f"p{i:06d}",
            "preferences": _wishes(rng, topic_ids, weights),
            "attributes": {"sector": _sector(rng)},
        }
        for i in range(people)
    ]
    return {
        "topics": topics,
        "participants": participants,
        "diversity": [{"attribute": "sector", "value": "verwaltung", "min_per_group": 1}],
        "cost": {"ranks": [0, 1, 4], "unlisted": 100},
    }


def _run_measured(command: list[str]) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, peak RSS in MiB and exit code of one child process.

    CPU time (user + system) is reported too because wall time on a shared machine also
    counts the time other processes hold the cores.
    """
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    cpu = usage.ru_utime + usage.ru_stime
    code = os.waitstatus_to_exitcode(status)
    return time.perf_counter() - started, cpu, usage.ru_maxrss / 1024, code


def _greedy_worker(input_path: str, output_path: str) -> int:
    sys.path.insert(0, str(REPO))
    from klimakreise.assignment import greedy

    problem = json.loads(Path(input_path).read_text(encoding="utf-8"))
    result = greedy(problem, seed=0)
    Path(output_path).write_text(json.dumps(result), encoding="utf-8")
    return 0


def _profile(result: dict, people: int) -> dict:
    counts = result["stats"]["rank_counts"]

    def share(key: str) -> str:
        return f"{100 * counts.get(key, 0) / people:.1f} %"

    return {
        "1st": share("1"),
        "2nd": share("2"),
        "3rd": share("3"),
        "unlisted": share("unlisted"),
        "worst": result["stats"]["worst_rank"],
        "violations": result["stats"]["diversity_violations"] + result["stats"]["size_violations"],
    }


def run_case(
    people: int, topic_count: int, seed: int, workdir: Path, contested: bool = False
) -> list[dict]:
    problem = make_instance(people, topic_count, seed, contested)
    label = f"{people:,} / {topic_count}" + (" contested" if contested else "")
    input_path = workdir / f"in_{people}_{contested}.json"
    input_path.write_text(json.dumps(problem), encoding="utf-8")
    rows = []
    for method in ("solve", "greedy"):
        output_path = workdir / f"out_{method}_{people}_{contested}.json"
        if method == "solve":
            command = [sys.executable, "-m", "klimakreise.assignment", str(input_path)]
            command += ["-o", str(output_path)]
        else:
            command = [sys.executable, __file__, "--greedy-worker", str(input_path)]
            command += [str(output_path)]
        seconds, cpu, rss, code = _run_measured(command)
        if code != 0:
            raise SystemExit(f"{method} on {people} people failed with exit code {code}")
        result = json.loads(output_path.read_text(encoding="utf-8"))
        rows.append(
            {
                "instance": label,
                "method": "HiGHS" if method == "solve" else "greedy (RSD)",
                **_profile(result, people),
                "objective": f"{result['objective']:.0f}",
                "optimal": {True: "yes", False: "no"}[result["optimal"]]
                if method == "solve"
                else "–",
                "wall s": f"{seconds:.2f}",
                "CPU s": f"{cpu:.2f}",
                "peak MiB": f"{rss:.0f}",
            }
        )
    return rows


def markdown_table(rows: list[dict]) -> str:
    header = list(rows[0])
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(row[key]) for key in header) + " |" for row in rows]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes",
        default="50:5,10000:40,100000:100,10000:40:contested",
        help="comma-separated PEOPLE:TOPICS[:contested]",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--greedy-worker", nargs=2, metavar=("IN", "OUT"))
    args = parser.parse_args(argv)
    if args.greedy_worker:
        return _greedy_worker(*args.greedy_worker)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes.split(","):
            people, topic_count, *flags = size.split(":")
            contested = "contested" in flags
            rows.extend(run_case(int(people), int(topic_count), args.seed, Path(tmp), contested))
            print(f"done {people} people", file=sys.stderr, flush=True)
    print(markdown_table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
