"""Property-based checks of ``solve`` against an independent brute force."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimakreise.assignment import Infeasible, api, solve

from .helpers import (
    PROPERTY_SETTINGS,
    assert_valid_grouping,
    brute_force_optimum,
    group_sizes_by_topic,
    problems,
    without_timing,
)


def _solve_or_none(problem: dict, seed: int = 0) -> dict | None:
    try:
        return solve(problem, seed=seed)
    except Infeasible:
        return None


@PROPERTY_SETTINGS
@given(problems())
def test_objective_equals_brute_force_optimum_and_grouping_is_valid(problem: dict) -> None:
    expected = brute_force_optimum(problem)
    result = _solve_or_none(problem)
    if expected is None:
        assert result is None, "solve found a grouping although none exists"
        return
    assert result is not None, "solve said infeasible although a grouping exists"
    assert_valid_grouping(problem, result)
    assert result["objective"] == pytest.approx(expected)
    assert result["optimal"] is True
    assert result["bound"] == pytest.approx(expected)


@PROPERTY_SETTINGS
@given(problems())
def test_column_generation_path_also_matches_brute_force(problem: dict) -> None:
    # Small inputs normally skip the refinement; force it so that path is checked as well.
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(api, "REFINE_ABOVE_CLASSES", 0)
        result = _solve_or_none(problem)
    expected = brute_force_optimum(problem)
    assert (result is None) == (expected is None)
    if result is not None:
        assert_valid_grouping(problem, result)
        assert result["objective"] == pytest.approx(expected)
        assert result["optimal"] is True


@PROPERTY_SETTINGS
@given(problems(max_people=14, max_topics=3, rules=False))
def test_circle_sizes_within_a_topic_differ_by_at_most_one(problem: dict) -> None:
    result = _solve_or_none(problem)
    if result is None:
        return
    assert_valid_grouping(problem, result)
    for topic, sizes in group_sizes_by_topic(result).items():
        assert max(sizes) - min(sizes) <= 1, (topic, sizes)


@PROPERTY_SETTINGS
@given(problems(max_people=14, max_topics=3))
def test_every_participant_is_placed_exactly_once_with_rules_honoured(problem: dict) -> None:
    result = _solve_or_none(problem)
    if result is not None:
        assert_valid_grouping(problem, result)
        assert result["stats"]["diversity_violations"] == 0


@PROPERTY_SETTINGS
@given(problems(max_people=10), st.integers(0, 2**31))
def test_same_input_and_seed_give_the_same_output(problem: dict, seed: int) -> None:
    first = _solve_or_none(problem, seed)
    second = _solve_or_none(problem, seed)
    if first is None:
        assert second is None
        return
    assert without_timing(first) == without_timing(second)


@PROPERTY_SETTINGS
@given(problems(max_people=10), st.integers(0, 1000))
def test_the_seed_never_changes_the_optimal_cost(problem: dict, seed: int) -> None:
    baseline = _solve_or_none(problem, 0)
    other = _solve_or_none(problem, seed)
    assert (baseline is None) == (other is None)
    if baseline is not None:
        assert other["objective"] == pytest.approx(baseline["objective"])
