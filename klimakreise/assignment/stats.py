"""Objective, rank profile and rule checks for a finished grouping."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import Participant, Problem

UNLISTED = "unlisted"
FIXED = "fixed"


@dataclass(frozen=True)
class Circle:
    topic: int  # index into problem.topics
    index: int  # 1-based within the topic
    members: list[int]  # participant indices


def outcome(person: Participant, topic_id: str) -> str:
    """How a placement counts in the rank profile.

    A pinned person counts with their rank when they wished the topic they were pinned to,
    otherwise as "fixed": the pin, not the solver, decided it.
    """
    rank = person.rank_of(topic_id)
    if rank is not None:
        return str(rank)
    return FIXED if person.fixed_topic == topic_id else UNLISTED


def _empty_profile(max_wishes: int) -> dict[str, int]:
    profile = {str(r): 0 for r in range(1, max_wishes + 1)}
    profile[UNLISTED] = 0
    profile[FIXED] = 0
    return profile


def _worst_rank(outcomes: list[str]) -> int | str | None:
    if UNLISTED in outcomes:
        return UNLISTED
    ranks = [int(o) for o in outcomes if o.isdigit()]
    return max(ranks, default=None)


def diversity_violations(problem: Problem, circles: list[Circle]) -> int:
    """Number of (circle, rule) pairs where the circle has too few members with the value."""
    people = problem.participants
    return sum(
        1
        for circle in circles
        for rule in problem.diversity
        if sum(1 for i in circle.members if rule.holds(people[i])) < rule.min_per_group
    )


def size_violations(problem: Problem, circles: list[Circle]) -> int:
    return sum(
        1
        for circle in circles
        if not problem.topics[circle.topic].min_size
        <= len(circle.members)
        <= problem.topics[circle.topic].max_size
    )


def objective(problem: Problem, circles: list[Circle]) -> float:
    return float(
        sum(
            problem.cost.cost(problem.participants[i], problem.topics[circle.topic].id)
            for circle in circles
            for i in circle.members
        )
    )


def build_stats(problem: Problem, circles: list[Circle], seconds: float) -> dict[str, Any]:
    max_wishes = problem.max_wishes
    profile = _empty_profile(max_wishes)
    attributes = sorted({rule.attribute for rule in problem.diversity})
    by_attribute: dict[str, dict[str, dict[str, int]]] = {a: {} for a in attributes}
    outcomes = []
    for circle in circles:
        topic_id = problem.topics[circle.topic].id
        for i in circle.members:
            person = problem.participants[i]
            result = outcome(person, topic_id)
            outcomes.append(result)
            profile[result] += 1
            for attribute in attributes:
                value = person.attributes.get(attribute)
                if value is not None:
                    by_value = by_attribute[attribute]
                    by_value.setdefault(value, _empty_profile(max_wishes))[result] += 1
    return {
        "rank_counts": profile,
        "by_attribute": {a: dict(sorted(v.items())) for a, v in by_attribute.items()},
        "worst_rank": _worst_rank(outcomes),
        "diversity_violations": diversity_violations(problem, circles),
        "size_violations": size_violations(problem, circles),
        "circles": len(circles),
        "seconds": round(seconds, 4),
    }


def format_result(
    problem: Problem,
    circles: list[Circle],
    *,
    bound: float | None,
    optimal: bool,
    seconds: float,
    extra_stats: dict[str, Any] | None = None,
) -> dict[str, Any]:
    ordered = sorted(circles, key=lambda c: (c.topic, c.index))
    people = problem.participants
    stats = build_stats(problem, ordered, seconds)
    stats.update(extra_stats or {})
    return {
        "groups": [
            {
                "topic": problem.topics[c.topic].id,
                "index": c.index,
                "members": [people[i].id for i in sorted(c.members)],
            }
            for c in ordered
        ],
        "objective": objective(problem, ordered),
        "bound": bound,
        "optimal": optimal,
        "stats": stats,
    }
