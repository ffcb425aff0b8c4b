"""The public ``solve`` entry point: validate, pre-check, optimise, disaggregate, report."""

from __future__ import annotations

import math
import random
import time
from typing import Any

from .classes import PersonClass, build_classes
from .errors import InvalidInput, NoSolutionInTime
from .feasibility import precheck
from .model import Problem, parse_problem
from .placement import people_per_topic
from .refine import refine
from .solver import Plan, solve_plan
from .split import split_topic
from .stats import Circle, format_result

OPTIMALITY_TOLERANCE = 1e-6
# Below this many classes one MIP on the full model is faster than column generation rounds.
REFINE_ABOVE_CLASSES = 2000


def seeded_order(count: int, seed: int) -> list[int]:
    """The seed's permutation of participants; it decides every tie between equal people."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    return order


def check_options(time_limit: float | None, seed: int) -> None:
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise InvalidInput(f"seed must be an integer, got {seed!r}")
    if time_limit is not None:
        if isinstance(time_limit, bool) or not isinstance(time_limit, int | float):
            raise InvalidInput(f"time limit must be a number of seconds, got {time_limit!r}")
        if not time_limit > 0:
            raise InvalidInput(f"time limit must be positive, got {time_limit}")


def _tighten_bound(problem: Problem, bound: float) -> float:
    # Integral costs make every objective an integer, so a fractional bound can be rounded up.
    if problem.cost.is_integral():
        return float(math.ceil(bound - OPTIMALITY_TOLERANCE))
    return float(bound)


def _remaining(time_limit: float | None, started: float) -> float | None:
    if time_limit is None:
        return None
    return max(time_limit - (time.perf_counter() - started), 0.01)


def _optimise(
    problem: Problem,
    base: list[PersonClass],
    position: dict[int, int],
    time_limit: float | None,
    seed: int,
    started: float,
) -> tuple[list[PersonClass], Plan, float]:
    """Solve on the refined (small) model; fall back to the full model if it falls short."""
    if len(base) <= REFINE_ABOVE_CLASSES:
        plan = solve_plan(problem, base, time_limit, seed)
        return base, plan, _tighten_bound(problem, plan.bound)
    classes, lp_bound, lp_plan = refine(problem, base, position, seed)
    bound = _tighten_bound(problem, lp_bound)
    if lp_plan is not None and lp_plan.value <= bound + OPTIMALITY_TOLERANCE:
        return classes, lp_plan, bound
    plan = solve_plan(problem, classes, _remaining(time_limit, started), seed)
    if not plan.proven or plan.value <= bound + OPTIMALITY_TOLERANCE:
        return classes, plan, bound
    # Short wish lists reached their own optimum but not the LP bound of the full model, so
    # the full model has to settle it. Its dual bound is valid too; keep the better plan.
    try:
        full = solve_plan(problem, base, _remaining(time_limit, started), seed)
    except NoSolutionInTime:
        return classes, plan, bound
    bound = max(bound, _tighten_bound(problem, full.bound))
    if full.value <= plan.value:
        return base, full, bound
    return classes, plan, bound


def solve(problem: dict[str, Any], *, time_limit: float | None = None, seed: int = 0) -> dict:
    """Assign every participant to one circle at minimum total wish cost.

    Raises InvalidInput for malformed input, Infeasible when no valid grouping exists, and
    NoSolutionInTime when ``time_limit`` ends before any grouping was found.
    """
    started = time.perf_counter()
    check_options(time_limit, seed)
    parsed = parse_problem(problem)
    precheck(parsed)
    if not parsed.participants:
        return format_result(parsed, [], bound=0.0, optimal=True, seconds=0.0)
    order = seeded_order(len(parsed.participants), seed)
    position = {person: rank for rank, person in enumerate(order)}
    base = build_classes(parsed, order)
    classes, plan, bound = _optimise(parsed, base, position, time_limit, seed, started)
    members = people_per_topic(parsed, classes, plan)
    circles = []
    for t, topic_members in enumerate(members):
        topic_members.sort(key=position.__getitem__)
        composition = plan.compositions.get(t) if plan.compositions is not None else None
        split = split_topic(parsed, topic_members, plan.groups[t], composition)
        circles.extend(Circle(t, k, people) for k, people in enumerate(split, start=1))
    result = format_result(
        parsed,
        circles,
        bound=bound,
        optimal=False,
        seconds=time.perf_counter() - started,
        extra_stats={"classes": len(base), "model_classes": len(classes)},
    )
    result["optimal"] = abs(result["objective"] - bound) <= OPTIMALITY_TOLERANCE
    return result
