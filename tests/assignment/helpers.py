"""Independent reference code for the assignment tests: strategies, checker, brute force.

Nothing here imports the library's internals, so a bug there cannot hide in the oracle.
"""

from __future__ import annotations

import itertools
from collections import Counter
from functools import cache
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# The repo-wide autouse fixture is function-scoped but does not touch what these tests use.
PROPERTY_SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

RULE_CHOICES = [
    {"attribute": "sector", "value": "verwaltung", "min_per_group": 1},
    {"attribute": "sector", "value": "wirtschaft", "min_per_group": 1},
    {"attribute": "gender", "value": "f", "min_per_group": 1},
    {"attribute": "sector", "value": "verwaltung", "min_per_group": 2},
]


@st.composite
def topics(draw: Any, max_topics: int = 3, must_run: bool = False) -> list[dict]:
    count = draw(st.integers(1, max_topics))
    result = []
    for k in range(count):
        low = draw(st.integers(1, 3))
        topic = {
            "id": f"topic{k}",
            "min_size": low,
            "max_size": draw(st.integers(low, low + 3)),
            "max_groups": draw(st.integers(0, 2)),
        }
        if must_run:
            topic["min_groups"] = draw(st.integers(0, topic["max_groups"]))
        result.append(topic)
    return result


@st.composite
def participant(draw: Any, index: int, topic_ids: list[str]) -> dict:
    wishes = draw(st.permutations(topic_ids))[: draw(st.integers(0, len(topic_ids)))]
    attributes = {}
    sector = draw(st.sampled_from([None, "verwaltung", "wirtschaft", "wissenschaft"]))
    if sector:
        attributes["sector"] = sector
    if draw(st.booleans()):
        attributes["gender"] = draw(st.sampled_from(["f", "m"]))
    person = {"id": f"p{index}", "preferences": list(wishes), "attributes": attributes}
    if draw(st.integers(0, 5)) == 0:
        person["fixed_topic"] = draw(st.sampled_from(topic_ids))
    return person


@st.composite
def problems(
    draw: Any, max_people: int = 8, max_topics: int = 3, rules: bool = True, must_run: bool = False
) -> dict:
    topic_list = draw(topics(max_topics, must_run))
    topic_ids = [t["id"] for t in topic_list]
    people = [draw(participant(i, topic_ids)) for i in range(draw(st.integers(0, max_people)))]
    problem: dict[str, Any] = {"topics": topic_list, "participants": people}
    if rules:
        chosen = draw(st.lists(st.sampled_from(RULE_CHOICES), max_size=2))
        unique = {(r["attribute"], r["value"]): r for r in chosen}
        problem["diversity"] = list(unique.values())
    cost = draw(
        st.sampled_from(
            [
                None,
                {"ranks": [0, 1, 4], "unlisted": 100},
                {"ranks": [0, 3], "unlisted": 2},  # a second wish costs more than no wish
                {"ranks": [1, 2.5], "unlisted": 7.25},
            ]
        )
    )
    if cost is not None:
        problem["cost"] = cost
    return problem


def wish_cost(problem: dict, person: dict, topic_id: str) -> float:
    cost = problem.get("cost") or {}
    ranks = cost.get("ranks", [])
    if topic_id not in person["preferences"]:
        return float(cost.get("unlisted", 100))
    rank = person["preferences"].index(topic_id) + 1
    return float(ranks[rank - 1] if rank <= len(ranks) else (rank - 1) ** 2)


def holds(rule: dict, person: dict) -> bool:
    return (person.get("attributes") or {}).get(rule["attribute"]) == rule["value"]


def _circle_ok(problem: dict, members: tuple[tuple[bool, ...], ...], topic: dict) -> bool:
    rules = problem.get("diversity") or []
    if not topic["min_size"] <= len(members) <= topic["max_size"]:
        return False
    return all(
        sum(sig[r] for sig in members) >= rule["min_per_group"] for r, rule in enumerate(rules)
    )


def topic_splittable(problem: dict, topic: dict, signatures: tuple[tuple[bool, ...], ...]) -> bool:
    """Can people with these rule signatures fill 0..max_groups valid circles of ``topic``?"""

    @cache
    def search(remaining: tuple, circles: tuple) -> bool:
        if not remaining:
            enough = len(circles) >= topic.get("min_groups", 0)
            return enough and all(_circle_ok(problem, circle, topic) for circle in circles)
        head, rest = remaining[0], remaining[1:]
        tried = set()
        for k, circle in enumerate(circles):
            if circle in tried or len(circle) >= topic["max_size"]:
                continue
            tried.add(circle)
            grown = tuple(sorted((*circle, head)))
            if search(rest, tuple(sorted((*circles[:k], grown, *circles[k + 1 :])))):
                return True
        if len(circles) < topic["max_groups"]:
            return search(rest, tuple(sorted((*circles, (head,)))))
        return False

    return search(tuple(sorted(signatures)), ())


def brute_force_optimum(problem: dict) -> float | None:
    """Minimum cost over every topic assignment that can be split validly; None if none."""
    rules = problem.get("diversity") or []
    topic_list = problem["topics"]
    people = problem["participants"]
    signature = [tuple(holds(rule, p) for rule in rules) for p in people]
    choices = [
        [p["fixed_topic"]] if p.get("fixed_topic") else [t["id"] for t in topic_list]
        for p in people
    ]
    splittable: dict[tuple, bool] = {}
    best = None
    for assignment in itertools.product(*choices):
        cost = sum(wish_cost(problem, p, t) for p, t in zip(people, assignment, strict=True))
        if best is not None and cost >= best:
            continue
        feasible = True
        for k, topic in enumerate(topic_list):
            members = tuple(
                sorted(s for s, t in zip(signature, assignment, strict=True) if t == topic["id"])
            )
            if (k, members) not in splittable:
                splittable[k, members] = topic_splittable(problem, topic, members)
            if not splittable[k, members]:
                feasible = False
                break
        if feasible:
            best = cost
    return best


def assert_valid_grouping(problem: dict, result: dict) -> None:
    """Everything the output promises, checked from the raw input dicts."""
    people = {p["id"]: p for p in problem["participants"]}
    topic_by_id = {t["id"]: t for t in problem["topics"]}
    placed = Counter(m for g in result["groups"] for m in g["members"])
    assert placed == Counter(list(people)), "everyone exactly once"
    per_topic: dict[str, list[dict]] = {}
    for group in result["groups"]:
        per_topic.setdefault(group["topic"], []).append(group)
        topic = topic_by_id[group["topic"]]
        assert topic["min_size"] <= len(group["members"]) <= topic["max_size"]
        for rule in problem.get("diversity") or []:
            have = sum(holds(rule, people[m]) for m in group["members"])
            assert have >= rule["min_per_group"], (group, rule)
        for member in group["members"]:
            fixed = people[member].get("fixed_topic")
            assert fixed in (None, group["topic"]), "pins honoured"
    for topic in problem["topics"]:
        assert len(per_topic.get(topic["id"], [])) >= topic.get("min_groups", 0), "must run"
    for topic_id, groups in per_topic.items():
        assert len(groups) <= topic_by_id[topic_id]["max_groups"]
        assert [g["index"] for g in groups] == list(range(1, len(groups) + 1))
    expected = sum(
        wish_cost(problem, people[m], g["topic"]) for g in result["groups"] for m in g["members"]
    )
    assert abs(result["objective"] - expected) < 1e-9


def group_sizes_by_topic(result: dict) -> dict[str, list[int]]:
    sizes: dict[str, list[int]] = {}
    for group in result["groups"]:
        sizes.setdefault(group["topic"], []).append(len(group["members"]))
    return sizes


def without_timing(result: dict) -> dict:
    stats = {k: v for k, v in result["stats"].items() if k != "seconds"}
    return {**result, "stats": stats}
