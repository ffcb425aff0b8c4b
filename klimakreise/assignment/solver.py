"""The HiGHS mixed-integer model over participant classes.

Variables (all integer):
  g[t]       circles opened in topic t (pins force a lower bound)
  x[c, t]    people of class c placed in topic t, for the topics class c wished
  u[t, s]    people with diversity signature s placed in topic t as an *unlisted* topic
  o[t, k], z[t, k, s]   only with rules on two or more attributes: circle k of topic t is open,
             and how many people of signature s it holds (see ``_add_per_circle_rows``)

Instead of one variable per (class, unwished topic), every class may send people into a shared
pool per signature (row: sum_t x[c, t] <= |c|, and per signature: sum x + sum_t u[t, s] = N_s).
Any grouping maps to a model solution of equal cost; a model solution maps to a grouping that
costs at most as much, because a pool person landing on a topic they wished pays their rank cost,
which is never above ``unlisted`` (classes where it could be are ``expanded`` and skip the pool).
So the optimum and HiGHS's dual bound are exact for the real problem.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

import highspy
import numpy as np

from .classes import PersonClass, Signature
from .errors import Infeasible, NoSolutionInTime
from .feasibility import raise_min_groups_infeasible
from .lp import LpBuilder, new_highs
from .model import Problem

GENERAL_INFEASIBLE = (
    "no grouping satisfies all sizes, pins and diversity rules together; "
    "try raising max_groups or lowering min_size"
)


@dataclass
class Plan:
    """What the solver decided, still per class and signature rather than per person."""

    groups: list[int]
    class_flow: dict[tuple[int, int], int]  # (class index, topic index) -> people
    pool_flow: dict[tuple[int, Signature], int]  # (topic index, signature) -> people
    compositions: dict[int, list[dict[Signature, int]]] | None
    bound: float  # valid for the model it was solved on
    proven: bool
    value: float  # the model's objective for this plan


@dataclass
class _Model:
    builder: LpBuilder = field(default_factory=LpBuilder)
    integer_flows: bool = True
    g: dict[int, int] = field(default_factory=dict)
    x: dict[tuple[int, int], int] = field(default_factory=dict)
    u: dict[tuple[int, Signature], int] = field(default_factory=dict)
    z: dict[tuple[int, int, Signature], int] = field(default_factory=dict)
    # Column lists per topic (and per signature) that make up the topic's load.
    load: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    flow_by_sig: dict[tuple[int, Signature], list[int]] = field(
        default_factory=lambda: defaultdict(list)
    )
    fixed_by_sig: dict[tuple[int, Signature], int] = field(default_factory=lambda: defaultdict(int))
    columns_of_class: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    # Row indices, so that duals can price wishes that are not in the model (see refine.py).
    class_row: dict[int, int] = field(default_factory=dict)
    pool_row: dict[Signature, int] = field(default_factory=dict)
    topic_rows: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    rule_row: dict[tuple[int, int], int] = field(default_factory=dict)


def needs_per_circle_model(problem: Problem) -> bool:
    # Rules on one attribute concern disjoint sets of people, so topic totals can always be
    # dealt out circle by circle. Rules on several attributes overlap, and then they cannot.
    return len({rule.attribute for rule in problem.diversity}) >= 2


def _add_pins(problem: Problem, classes: list[PersonClass], model: _Model) -> None:
    index = problem.topic_index
    for person_class in classes:
        if person_class.fixed_topic is None:
            continue
        t = index[person_class.fixed_topic]
        model.fixed_by_sig[t, person_class.signature] += person_class.count
        for member in person_class.members:
            person = problem.participants[member]
            model.builder.offset += problem.cost.cost(person, person_class.fixed_topic)


def _add_group_columns(problem: Problem, model: _Model) -> None:
    pinned = defaultdict(int)
    for (t, _), count in model.fixed_by_sig.items():
        pinned[t] += count
    for t, topic in enumerate(problem.topics):
        if topic.max_groups > 0:
            lower = max(math.ceil(pinned[t] / topic.max_size), topic.min_groups)
            model.g[t] = model.builder.col(0.0, lower, topic.max_groups)


def _add_class_columns(problem: Problem, classes: list[PersonClass], model: _Model) -> None:
    index = problem.topic_index
    builder = model.builder
    for ci, person_class in enumerate(classes):
        if person_class.fixed_topic is not None:
            continue
        wished = {topic_id: r for r, topic_id in enumerate(person_class.preferences, start=1)}
        topic_ids = [t.id for t in problem.topics] if person_class.expanded else wished
        entries = []
        for topic_id in topic_ids:
            t = index[topic_id]
            if t not in model.g:
                continue
            rank = wished.get(topic_id)
            cost = problem.cost.unlisted if rank is None else problem.cost.rank_cost(rank)
            col = builder.col(cost, 0.0, person_class.count, integer=model.integer_flows)
            model.x[ci, t] = col
            model.columns_of_class[ci].append(col)
            model.load[t].append(col)
            model.flow_by_sig[t, person_class.signature].append(col)
            entries.append((col, 1.0))
        if person_class.expanded:
            model.class_row[ci] = builder.row(person_class.count, person_class.count, entries)
        elif entries:
            model.class_row[ci] = builder.row(0.0, person_class.count, entries)


def _add_pool(problem: Problem, classes: list[PersonClass], model: _Model) -> None:
    pool_size: dict[Signature, int] = defaultdict(int)
    pool_entries: dict[Signature, list[tuple[int, float]]] = defaultdict(list)
    for ci, person_class in enumerate(classes):
        if person_class.fixed_topic is None and not person_class.expanded:
            pool_size[person_class.signature] += person_class.count
            pool_entries[person_class.signature].extend(
                (col, 1.0) for col in model.columns_of_class[ci]
            )
    for signature in sorted(pool_size):
        size = pool_size[signature]
        for t in model.g:
            col = model.builder.col(problem.cost.unlisted, 0.0, size, model.integer_flows)
            model.u[t, signature] = col
            model.load[t].append(col)
            model.flow_by_sig[t, signature].append(col)
            pool_entries[signature].append((col, 1.0))
        model.pool_row[signature] = model.builder.row(size, size, pool_entries[signature])


def _holder_columns(problem: Problem, model: _Model, t: int, rule_index: int) -> list[int]:
    return [
        col
        for (topic, signature), cols in model.flow_by_sig.items()
        if topic == t and signature[rule_index]
        for col in cols
    ]


def _add_topic_rows(problem: Problem, model: _Model) -> None:
    builder = model.builder
    for t, g_col in model.g.items():
        topic = problem.topics[t]
        pinned = sum(n for (topic_t, _), n in model.fixed_by_sig.items() if topic_t == t)
        load = [(col, 1.0) for col in model.load[t]]
        model.topic_rows[t] = [
            builder.row(-pinned, math.inf, [*load, (g_col, -topic.min_size)]),
            builder.row(-math.inf, -pinned, [*load, (g_col, -topic.max_size)]),
        ]
        for r, rule in enumerate(problem.diversity):
            pinned_holders = sum(
                n for (topic_t, sig), n in model.fixed_by_sig.items() if topic_t == t and sig[r]
            )
            holders = [(col, 1.0) for col in _holder_columns(problem, model, t, r)]
            model.rule_row[t, r] = builder.row(
                -pinned_holders, math.inf, [*holders, (g_col, -rule.min_per_group)]
            )


def _all_signatures(classes: list[PersonClass]) -> list[Signature]:
    return sorted({person_class.signature for person_class in classes})


def _add_per_circle_rows(problem: Problem, classes: list[PersonClass], model: _Model) -> None:
    """Model each possible circle explicitly; needed when diversity rules overlap."""
    builder = model.builder
    signatures = _all_signatures(classes)
    for t, g_col in model.g.items():
        topic = problem.topics[t]
        open_cols = [builder.col(0.0, 0.0, 1.0) for _ in range(topic.max_groups)]
        builder.row(0.0, 0.0, [*((col, 1.0) for col in open_cols), (g_col, -1.0)])
        for earlier, later in zip(open_cols, open_cols[1:], strict=False):
            builder.row(0.0, math.inf, [(earlier, 1.0), (later, -1.0)])  # no symmetric copies
        for k, open_col in enumerate(open_cols):
            for signature in signatures:
                model.z[t, k, signature] = builder.col(0.0, 0.0, topic.max_size)
            members = [(model.z[t, k, s], 1.0) for s in signatures]
            builder.row(0.0, math.inf, [*members, (open_col, -topic.min_size)])
            builder.row(-math.inf, 0.0, [*members, (open_col, -topic.max_size)])
            for r, rule in enumerate(problem.diversity):
                holders = [(model.z[t, k, s], 1.0) for s in signatures if s[r]]
                builder.row(0.0, math.inf, [*holders, (open_col, -rule.min_per_group)])
        for signature in signatures:
            pinned = model.fixed_by_sig.get((t, signature), 0)
            circles = [(model.z[t, k, signature], 1.0) for k in range(topic.max_groups)]
            flows = [(col, -1.0) for col in model.flow_by_sig.get((t, signature), [])]
            builder.row(pinned, pinned, [*circles, *flows])


def build_model(problem: Problem, classes: list[PersonClass]) -> _Model:
    model = _Model(integer_flows=needs_per_circle_model(problem))
    _add_pins(problem, classes, model)
    _add_group_columns(problem, model)
    _add_class_columns(problem, classes, model)
    _add_pool(problem, classes, model)
    _add_topic_rows(problem, model)
    if needs_per_circle_model(problem):
        _add_per_circle_rows(problem, classes, model)
    return model


def _configure(highs: highspy.Highs, problem: Problem, time_limit: float | None, seed: int) -> None:
    highs.setOptionValue("output_flag", False)
    highs.setOptionValue("threads", 1)
    highs.setOptionValue("random_seed", int(seed) % 2_147_483_647)
    highs.setOptionValue("mip_rel_gap", 0.0)
    # With integral costs any gap below 1 already proves optimality.
    highs.setOptionValue("mip_abs_gap", 0.999 if problem.cost.is_integral() else 1e-6)
    if time_limit is not None:
        highs.setOptionValue("time_limit", float(time_limit))


def _rounded(values: np.ndarray, columns: dict) -> dict:
    return {key: int(round(values[col])) for key, col in columns.items()}


def _integral_flows(highs: highspy.Highs, model: _Model, values: np.ndarray) -> np.ndarray:
    """Re-solve with the circle counts fixed, so the flows come from a simplex vertex.

    With rules on a single attribute the model for fixed g[t] is a network flow problem, whose
    vertices are integral; that is why x and u may be continuous in the MIP. Should a vertex still
    be fractional (numerics), the flows are made integer and solved again.
    """
    g_cols = np.asarray(list(model.g.values()), dtype=np.int32)
    fixed = np.round(values[g_cols])
    highs.changeColsBounds(len(g_cols), g_cols, fixed, fixed)
    kinds = np.full(len(g_cols), highspy.HighsVarType.kContinuous)
    highs.changeColsIntegrality(len(g_cols), g_cols, kinds)
    highs.setOptionValue("solver", "simplex")
    highs.setOptionValue("time_limit", math.inf)  # a small LP; its answer is needed either way
    highs.run()
    result = np.asarray(highs.getSolution().col_value)
    if np.all(np.abs(result - np.round(result)) < 1e-6):
        return result
    every_col = np.arange(model.builder.num_cols, dtype=np.int32)
    kinds = np.full(len(every_col), highspy.HighsVarType.kInteger)
    highs.changeColsIntegrality(len(every_col), every_col, kinds)
    highs.run()
    return np.asarray(highs.getSolution().col_value)


def solve_plan(
    problem: Problem, classes: list[PersonClass], time_limit: float | None, seed: int
) -> Plan:
    model = build_model(problem, classes)
    highs = new_highs()
    _configure(highs, problem, time_limit, seed)
    highs.passModel(model.builder.to_lp())
    highs.run()
    status = highs.getModelStatus()
    info = highs.getInfo()
    if status == highspy.HighsModelStatus.kInfeasible:
        raise_min_groups_infeasible(problem)
        raise Infeasible(GENERAL_INFEASIBLE, code="infeasible")
    if info.primal_solution_status != highspy.kSolutionStatusFeasible:
        raise NoSolutionInTime(
            "the time limit ended before any valid grouping was found", code="no_solution_in_time"
        )
    proven = status == highspy.HighsModelStatus.kOptimal
    bound = info.mip_dual_bound
    if not math.isfinite(bound):
        bound = info.objective_function_value if proven else model.builder.offset
    values = np.asarray(highs.getSolution().col_value)
    if not model.integer_flows:
        values = _integral_flows(highs, model, values)
    return plan_from_values(problem, model, values, bound, proven, info.objective_function_value)


def integral_solution(model: _Model, values: np.ndarray) -> bool:
    """Whether an LP solution is integral, and so also an optimum of the MIP."""
    return bool(np.all(np.abs(values - np.round(values)) < 1e-6))


def plan_from_values(
    problem: Problem, model: _Model, values: np.ndarray, bound: float, proven: bool, value: float
) -> Plan:
    return Plan(
        groups=[_rounded(values, model.g).get(t, 0) for t in range(len(problem.topics))],
        class_flow={k: v for k, v in _rounded(values, model.x).items() if v > 0},
        pool_flow={k: v for k, v in _rounded(values, model.u).items() if v > 0},
        compositions=_compositions(problem, model, values),
        bound=bound,
        proven=proven,
        value=value,
    )


def _compositions(
    problem: Problem, model: _Model, values: np.ndarray
) -> dict[int, list[dict[Signature, int]]] | None:
    if not model.z:
        return None
    counts = _rounded(values, model.z)
    result: dict[int, list[dict[Signature, int]]] = {}
    for t in model.g:
        circles = []
        for k in range(problem.topics[t].max_groups):
            circle = {s: n for (tt, kk, s), n in counts.items() if tt == t and kk == k and n > 0}
            if circle:
                circles.append(circle)
        result[t] = circles
    return result
