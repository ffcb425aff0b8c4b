"""Shrink the model by only spelling out the wishes that can matter (exact column generation).

With 100,000 people there are tens of thousands of distinct wish lists, but most people end up
with their first wish. So the model starts with classes that only know their first wish
(people with the same first wish and signature merge into one class) and everything else goes
through the ``unlisted`` pool. The LP relaxation is solved, and its duals price every wish that
is not yet in the model: a wish with negative reduced cost could improve the LP, so the classes
owning it are refined to a longer wish prefix and the LP is solved again. When no wish prices
out, the LP value is the LP optimum of the *full* model (the duals are feasible for it), i.e. a
valid lower bound for the real problem, and the MIP is solved on the small model. If that MIP
does not reach the bound, the caller falls back to the full model.
"""

from __future__ import annotations

import highspy
import numpy as np

from .classes import PersonClass, Signature
from .errors import Infeasible
from .feasibility import raise_min_groups_infeasible
from .lp import new_highs
from .model import Problem
from .solver import (
    GENERAL_INFEASIBLE,
    Plan,
    _configure,
    _Model,
    build_model,
    integral_solution,
    plan_from_values,
)

PRICING_TOLERANCE = 1e-7


def aggregate(
    base: list[PersonClass], depth: list[int], position: dict[int, int]
) -> list[PersonClass]:
    """Merge base classes that agree on their first ``depth`` wishes and their signature."""
    merged: dict[tuple, PersonClass] = {}
    for i, person_class in enumerate(base):
        if person_class.fixed_topic is not None or person_class.expanded:
            key: tuple = ("kept", i)
            prefix = person_class.preferences
        else:
            prefix = person_class.preferences[: depth[i]]
            key = ("prefix", prefix, person_class.signature)
        target = merged.get(key)
        if target is None:
            merged[key] = PersonClass(
                prefix,
                person_class.fixed_topic,
                person_class.signature,
                list(person_class.members),
                person_class.expanded,
            )
        else:
            target.members.extend(person_class.members)
    result = [merged[key] for key in sorted(merged, key=repr)]
    for person_class in result:
        person_class.members.sort(key=position.__getitem__)
    return result


def _topic_prices(problem: Problem, model: _Model, duals: np.ndarray) -> dict:
    """Dual price of putting one person of signature s into topic t (all rows but the class)."""
    prices: dict[tuple[int, Signature], float] = {}
    for signature, pool_row in model.pool_row.items():
        for t, rows in model.topic_rows.items():
            price = duals[pool_row] + sum(duals[row] for row in rows)
            for r in range(len(problem.diversity)):
                if signature[r]:
                    price += duals[model.rule_row[t, r]]
            prices[t, signature] = price
    return prices


def _deepen(
    problem: Problem,
    base: list[PersonClass],
    depth: list[int],
    class_dual: list[float],
    prices: dict,
) -> bool:
    """Lengthen by one wish the prefix of every class with a wish of negative reduced cost.

    One wish at a time: early duals are poor (everyone outside the prefix is "unlisted"), and
    going straight to the cheapest priced wish would spell out nearly every wish list.
    """
    index = problem.topic_index
    changed = False
    for i, person_class in enumerate(base):
        if person_class.fixed_topic is not None or person_class.expanded:
            continue
        for rank in range(depth[i] + 1, len(person_class.preferences) + 1):
            key = (index[person_class.preferences[rank - 1]], person_class.signature)
            if key not in prices:
                continue  # the topic cannot open a circle
            reduced = problem.cost.rank_cost(rank) - class_dual[i] - prices[key]
            if reduced < -PRICING_TOLERANCE:
                depth[i] += 1
                changed = True
                break
    return changed


def _solve_relaxation(problem: Problem, model: _Model, seed: int) -> highspy.Highs:
    highs = new_highs()
    _configure(highs, problem, None, seed)
    lp = model.builder.to_lp()
    lp.integrality_ = []
    highs.passModel(lp)
    highs.run()
    status = highs.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        raise_min_groups_infeasible(problem)
        raise Infeasible(GENERAL_INFEASIBLE, code="infeasible")
    if status != highspy.HighsModelStatus.kOptimal:
        raise RuntimeError(f"LP relaxation ended with status {status}")
    return highs


def refine(
    problem: Problem, base: list[PersonClass], position: dict[int, int], seed: int
) -> tuple[list[PersonClass], float, Plan | None]:
    """Classes for the MIP, the LP bound of the full model, and a plan if the LP is integral.

    An LP vertex whose circle counts (and flows) are integral is a MIP optimum already, so
    then no branch and bound is needed at all.
    """
    depth = [min(1, len(c.preferences)) for c in base]
    while True:
        classes = aggregate(base, depth, position)
        owner = _owner_of_base(base, classes)
        model = build_model(problem, classes)
        highs = _solve_relaxation(problem, model, seed)
        duals = np.asarray(highs.getSolution().row_dual)
        class_dual = [
            duals[model.class_row[owner[i]]] if owner[i] in model.class_row else 0.0
            for i in range(len(base))
        ]
        prices = _topic_prices(problem, model, duals)
        if not _deepen(problem, base, depth, class_dual, prices):
            break
    lp_value = highs.getInfo().objective_function_value
    values = np.asarray(highs.getSolution().col_value)
    if not integral_solution(model, values):
        rounded = _round_circle_counts(highs, model, values)
        if rounded is None:
            return classes, lp_value, None
        values, value = rounded
        return classes, lp_value, plan_from_values(problem, model, values, lp_value, False, value)
    return classes, lp_value, plan_from_values(problem, model, values, lp_value, True, lp_value)


def _round_circle_counts(
    highs: highspy.Highs, model: _Model, values: np.ndarray
) -> tuple[np.ndarray, float] | None:
    """Fix the LP's circle counts to rounded values and re-solve (warm, so it is quick).

    This is LP rounding, not a search: with integral circle counts the flow part has integral
    vertices (single-attribute rules), so any optimal vertex is a valid grouping. The caller
    accepts it only if it meets the LP bound; otherwise the MIP decides.
    """
    g_cols = np.asarray(list(model.g.values()), dtype=np.int32)
    lp_counts = values[g_cols]
    lower = np.asarray(model.builder.lower)[g_cols]
    upper = np.asarray(model.builder.upper)[g_cols]
    for rounding in (np.round, np.ceil, np.floor):
        counts = np.clip(rounding(lp_counts - 1e-9), lower, upper)
        highs.changeColsBounds(len(g_cols), g_cols, counts, counts)
        highs.run()
        if highs.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            continue
        rounded = np.asarray(highs.getSolution().col_value)
        if integral_solution(model, rounded):
            return rounded, highs.getInfo().objective_function_value
    return None


def _owner_of_base(base: list[PersonClass], classes: list[PersonClass]) -> list[int]:
    """Index of the aggregated class that holds each base class."""
    by_member = {}
    for ci, person_class in enumerate(classes):
        for member in person_class.members:
            by_member[member] = ci
    return [by_member[c.members[0]] for c in base]
