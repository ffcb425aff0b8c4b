"""Topics that must run: ``min_groups`` opens at least that many circles, optimally."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given

from klimakreise.assignment import Infeasible, InvalidInput, api, cli, solve

from .helpers import (
    PROPERTY_SETTINGS,
    assert_valid_grouping,
    brute_force_optimum,
    group_sizes_by_topic,
    problems,
)


def _problem(people: int = 12, min_groups: int = 1) -> dict:
    # Everyone wishes "mobilitaet" first; without the rule "energie" would stay closed.
    return {
        "topics": [
            {"id": "mobilitaet", "min_size": 3, "max_size": 12, "max_groups": 2},
            {
                "id": "energie",
                "min_size": 3,
                "max_size": 6,
                "max_groups": 2,
                "min_groups": min_groups,
            },
        ],
        "participants": [
            {"id": f"p{i}", "preferences": ["mobilitaet", "energie"]} for i in range(people)
        ],
    }


def test_a_topic_nobody_needs_stays_closed_without_min_groups() -> None:
    result = solve(_problem(min_groups=0))
    assert "energie" not in group_sizes_by_topic(result)


def test_min_groups_opens_the_topic_with_the_cheapest_people() -> None:
    result = solve(_problem(min_groups=1))
    assert group_sizes_by_topic(result)["energie"] == [3]
    assert result["objective"] == 3  # three people on their second wish, cost 1 each
    assert result["optimal"] is True


def test_min_groups_two_opens_two_circles() -> None:
    result = solve(_problem(min_groups=2))
    assert sorted(group_sizes_by_topic(result)["energie"]) == [3, 3]


@pytest.mark.parametrize("value", [-1, 3, "1", 1.5, True])
def test_min_groups_outside_0_to_max_groups_is_invalid(value) -> None:
    problem = _problem()
    problem["topics"][1]["min_groups"] = value
    with pytest.raises(InvalidInput, match="min_groups"):
        solve(problem)


def test_too_few_people_for_the_must_run_topics_names_them() -> None:
    problem = _problem(people=5)
    problem["topics"][0]["min_groups"] = 1
    with pytest.raises(Infeasible) as caught:
        solve(problem)
    message = str(caught.value)
    assert "mobilitaet 1 × at least 3" in message and "energie 1 × at least 3" in message
    assert "6 people" in message and "5 participants" in message
    assert caught.value.code == "min_groups_too_few_people"


def test_must_run_topics_that_clash_with_diversity_are_named() -> None:
    problem = _problem(people=8, min_groups=2)
    for person in problem["participants"][:1]:
        person["attributes"] = {"sector": "verwaltung"}
    problem["diversity"] = [{"attribute": "sector", "value": "verwaltung", "min_per_group": 1}]
    with pytest.raises(Infeasible, match="energie 2 × at least 3"):
        solve(problem)


@PROPERTY_SETTINGS
@given(problems(must_run=True))
def test_with_min_groups_the_objective_equals_brute_force(problem: dict) -> None:
    expected = brute_force_optimum(problem)
    try:
        result = solve(problem)
    except Infeasible:
        result = None
    assert (result is None) == (expected is None)
    if result is not None:
        assert_valid_grouping(problem, result)
        assert result["objective"] == pytest.approx(expected)
        assert result["optimal"] is True


@PROPERTY_SETTINGS
@given(problems(must_run=True))
def test_with_min_groups_the_column_generation_path_matches_brute_force(problem: dict) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(api, "REFINE_ABOVE_CLASSES", 0)
        try:
            result = solve(problem)
        except Infeasible:
            result = None
    expected = brute_force_optimum(problem)
    assert (result is None) == (expected is None)
    if result is not None:
        assert_valid_grouping(problem, result)
        assert result["objective"] == pytest.approx(expected)


def _write(tmp_path: Path, problem: dict) -> str:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(problem), "utf-8")
    return str(path)


def test_cli_exits_2_for_min_groups_above_max_groups(tmp_path, capsys) -> None:
    problem = _problem()
    problem["topics"][1]["min_groups"] = 3
    assert cli.main([_write(tmp_path, problem)]) == 2
    assert "min_groups 3 is larger than max_groups 2" in capsys.readouterr().err


def test_cli_exits_3_naming_the_topics_and_numbers(tmp_path, capsys) -> None:
    assert cli.main([_write(tmp_path, _problem(people=2))]) == 3
    error = capsys.readouterr().err
    assert "energie 1 × at least 3" in error and "only 2 participants" in error
