"""Baseline for comparison: random serial dictatorship.

People are visited in the seed's random order and take their best-ranked wish that still has
room (max_groups × max_size seats); who finds no wished seat goes to the topic with the most
free seats. Circles are opened as needed (ceil(members / max_size)) and filled evenly. Unlike
``solve`` it does not look ahead, so circles may end below min_size or miss diversity members;
both are counted in the stats instead of being prevented.
"""

from __future__ import annotations

import math
import time
from typing import Any

from .api import check_options, seeded_order
from .feasibility import check_places
from .model import Problem, parse_problem
from .split import split_topic
from .stats import Circle, format_result


def _serial_dictatorship(problem: Problem, order: list[int]) -> list[list[int]]:
    index = problem.topic_index
    free = [topic.capacity for topic in problem.topics]
    members: list[list[int]] = [[] for _ in problem.topics]
    pinned_first = sorted(order, key=lambda i: problem.participants[i].fixed_topic is None)
    for i in pinned_first:
        person = problem.participants[i]
        if person.fixed_topic is not None:
            choice = index[person.fixed_topic]
        else:
            wished = (index[w] for w in person.preferences if free[index[w]] > 0)
            # max() keeps the first topic among equals, so ties follow the input order.
            choice = next(wished, max(range(len(free)), key=free.__getitem__))
        free[choice] -= 1
        members[choice].append(i)
    return members


def greedy(problem: dict[str, Any], *, seed: int = 0) -> dict:
    """Same input and output format as ``solve``; ``bound`` is None and ``optimal`` False."""
    started = time.perf_counter()
    check_options(None, seed)
    parsed = parse_problem(problem)
    check_places(parsed)
    order = seeded_order(len(parsed.participants), seed)
    circles = []
    for t, members in enumerate(_serial_dictatorship(parsed, order)):
        count = math.ceil(len(members) / parsed.topics[t].max_size)
        split = split_topic(parsed, members, count)
        circles.extend(Circle(t, k, people) for k, people in enumerate(split, start=1))
    return format_result(
        parsed, circles, bound=None, optimal=False, seconds=time.perf_counter() - started
    )
