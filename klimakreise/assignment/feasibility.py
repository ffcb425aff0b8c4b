"""Cheap necessary conditions, checked before solving so failures read like a sentence."""

from __future__ import annotations

import math
from collections import Counter

from .errors import Infeasible
from .model import Problem


def _participants(count: int) -> str:
    return "1 participant" if count == 1 else f"{count} participants"


def _pinned(count: int) -> str:
    return "1 person is pinned" if count == 1 else f"{count} people are pinned"


def _pinned_per_topic(problem: Problem) -> Counter:
    return Counter(p.fixed_topic for p in problem.participants if p.fixed_topic is not None)


def check_places(problem: Problem) -> None:
    """Enough seats overall and for every topic's pinned people."""
    total = len(problem.participants)
    places = sum(topic.capacity for topic in problem.topics)
    if total > places:
        raise Infeasible(
            f"{_participants(total)} but at most {places} places (topics × max_groups × max_size)",
            code="too_few_places",
            participants=total,
            places=places,
        )
    pinned = _pinned_per_topic(problem)
    for topic in problem.topics:
        if pinned[topic.id] > topic.capacity:
            raise Infeasible(
                f"topic {topic.id}: {_pinned(pinned[topic.id])} but at most "
                f"{topic.capacity} places (max_groups × max_size)",
                code="too_few_places_for_pinned",
                topic=topic.id,
                pinned=pinned[topic.id],
                places=topic.capacity,
            )


def check_circles_can_open(problem: Problem) -> None:
    """Someone has to be placed, so at least one circle must be able to reach min_size."""
    total = len(problem.participants)
    pinned = _pinned_per_topic(problem)
    for topic in problem.topics:
        if pinned[topic.id] and topic.min_size > total:
            raise Infeasible(
                f"topic {topic.id}: {_pinned(pinned[topic.id])} but a circle needs at "
                f"least {topic.min_size} and there are only {_participants(total)}",
                code="pinned_circle_too_small",
                topic=topic.id,
                pinned=pinned[topic.id],
                min_size=topic.min_size,
                participants=total,
            )
    if not total:
        return
    openable = [t.min_size for t in problem.topics if t.max_groups > 0]
    if not openable:
        raise Infeasible(
            f"{_participants(total)} but no topic may open a circle (max_groups is 0 everywhere)",
            code="no_circle_may_open",
            participants=total,
        )
    if min(openable) > total:
        raise Infeasible(
            f"{_participants(total)} but every topic needs at least {min(openable)} people to "
            "open a circle",
            code="too_few_to_open",
            participants=total,
            min_size=min(openable),
        )


def _forced_circles(problem: Problem) -> dict[str, int]:
    """Circles each topic opens in any valid grouping: for its pinned people and its minimum."""
    pinned = _pinned_per_topic(problem)
    return {t.id: max(math.ceil(pinned[t.id] / t.max_size), t.min_groups) for t in problem.topics}


def _minimums(problem: Problem) -> str:
    parts = [
        f"{t.id} {t.min_groups} × at least {t.min_size}" for t in problem.topics if t.min_groups > 0
    ]
    return ", ".join(parts)


def _must_run_note(problem: Problem) -> str:
    minimums = _minimums(problem)
    return f" (topics that must run: {minimums})" if minimums else ""


def raise_min_groups_infeasible(problem: Problem) -> None:
    """When topics must run, name them: they are the likeliest reason nothing fits."""
    musts = {t.id: t.min_groups for t in problem.topics if t.min_groups > 0}
    if not musts:
        return
    raise Infeasible(
        f"the topics that must run cannot all open their circles ({_minimums(problem)}) "
        f"together with all sizes, pins and diversity rules; lower min_groups",
        code="min_groups_infeasible",
        topics=musts,
    )


def check_min_groups(problem: Problem) -> None:
    """The circles that must open need enough people (pinned people stay in their topic)."""
    musts = {t.id: t.min_groups for t in problem.topics if t.min_groups > 0}
    if not musts:
        return
    pinned = _pinned_per_topic(problem)
    needed = sum(
        max(t.min_groups * t.min_size, pinned[t.id]) for t in problem.topics if t.min_groups
    )
    available = len(problem.participants) - sum(
        pinned[t.id] for t in problem.topics if not t.min_groups
    )
    if needed > available:
        raise Infeasible(
            f"the topics that must run need at least {needed} people ({_minimums(problem)}) "
            f"but only {_participants(available)} can join them",
            code="min_groups_too_few_people",
            topics=musts,
            needed=needed,
            available=available,
        )


def fewest_circles(problem: Problem) -> int:
    """A lower bound on how many circles any valid grouping opens."""
    forced = _forced_circles(problem)
    circles = sum(forced.values())
    seats = sum(forced[t.id] * t.max_size for t in problem.topics)
    spare = sorted(
        (t.max_size for t in problem.topics for _ in range(t.max_groups - forced[t.id])),
        reverse=True,
    )
    for size in spare:
        if seats >= len(problem.participants):
            break
        seats += size
        circles += 1
    return circles


def check_diversity(problem: Problem) -> None:
    """Every circle needs its diversity members, and people cannot be in two circles."""
    circles = fewest_circles(problem)
    for rule in problem.diversity:
        registered = sum(1 for p in problem.participants if rule.holds(p))
        needed = circles * rule.min_per_group
        if registered < needed:
            who = "a person" if rule.min_per_group == 1 else f"{rule.min_per_group} people"
            circle_word = "circle needs" if circles == 1 else "circles need"
            raise Infeasible(
                f"diversity: {circles} {circle_word} {who} with {rule.label} "
                f"but only {registered} registered{_must_run_note(problem)}",
                code="too_few_for_diversity",
                circles=circles,
                per_circle=rule.min_per_group,
                attribute=rule.attribute,
                value=rule.value,
                registered=registered,
            )


def precheck(problem: Problem) -> None:
    """Raise :class:`Infeasible` with a specific message for the common impossible inputs."""
    check_places(problem)
    check_min_groups(problem)
    check_circles_can_open(problem)
    check_diversity(problem)
