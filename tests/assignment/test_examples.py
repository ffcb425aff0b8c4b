"""Hand-made situations whose right answer can be worked out on paper."""

from __future__ import annotations

import pytest

from klimakreise.assignment import Infeasible, greedy, solve

from .helpers import assert_valid_grouping, group_sizes_by_topic


def _person(pid: str, *wishes: str, sector: str | None = None, fixed: str | None = None):
    person: dict = {"id": pid, "preferences": list(wishes)}
    if sector:
        person["attributes"] = {"sector": sector}
    if fixed:
        person["fixed_topic"] = fixed
    return person


def _topic(tid: str, low: int, high: int, groups: int) -> dict:
    return {"id": tid, "min_size": low, "max_size": high, "max_groups": groups}


def test_everyone_gets_their_first_wish_when_there_is_room() -> None:
    problem = {
        "topics": [_topic("a", 2, 3, 1), _topic("b", 2, 3, 1)],
        "participants": [
            _person(f"p{i}", *(("a", "b") if i < 3 else ("b", "a"))) for i in range(5)
        ],
    }
    result = solve(problem)
    assert result["objective"] == 0
    assert result["stats"]["rank_counts"]["1"] == 5
    assert result["stats"]["worst_rank"] == 1


def test_overflow_goes_to_the_second_wish_at_its_rank_cost() -> None:
    problem = {
        "topics": [_topic("a", 1, 2, 1), _topic("b", 1, 5, 1)],
        "participants": [_person(f"p{i}", "a", "b") for i in range(4)],
        "cost": {"ranks": [0, 7], "unlisted": 100},
    }
    result = solve(problem)
    assert result["objective"] == 14  # two people cannot fit into a
    assert result["stats"]["rank_counts"] == {"1": 2, "2": 2, "unlisted": 0, "fixed": 0}


def test_default_cost_extends_squares_beyond_the_given_ranks() -> None:
    problem = {
        "topics": [_topic(t, 1, 1, 1) for t in "abcd"],
        "participants": [_person(f"p{i}", "a", "b", "c", "d") for i in range(4)],
        "cost": {"ranks": [0]},
    }
    assert solve(problem)["objective"] == 0 + 1 + 4 + 9


def test_pinned_people_stay_in_their_topic_even_when_unwished() -> None:
    problem = {
        "topics": [_topic("a", 1, 3, 1), _topic("b", 1, 3, 1)],
        "participants": [_person("p1", "a", fixed="b"), _person("p2", "a"), _person("p3", "a")],
    }
    result = solve(problem)
    by_member = {m: g["topic"] for g in result["groups"] for m in g["members"]}
    assert by_member["p1"] == "b"
    assert result["stats"]["rank_counts"]["fixed"] == 1
    assert result["objective"] == 100  # the pin costs "unlisted"; the others get "a"


def test_diversity_rule_spreads_the_scarce_sector_over_circles() -> None:
    people = [_person(f"v{i}", "a", sector="verwaltung") for i in range(2)]
    people += [_person(f"w{i}", "a", sector="wirtschaft") for i in range(6)]
    problem = {
        "topics": [_topic("a", 4, 4, 2)],
        "participants": people,
        "diversity": [{"attribute": "sector", "value": "verwaltung", "min_per_group": 1}],
    }
    result = solve(problem)
    assert_valid_grouping(problem, result)
    assert sorted(sum(m.startswith("v") for m in g["members"]) for g in result["groups"]) == [1, 1]


def test_other_attribute_values_are_spread_evenly() -> None:
    people = [_person(f"x{i}", "a", sector="wissenschaft") for i in range(6)]
    people += [_person(f"y{i}", "a", sector="wirtschaft") for i in range(6)]
    problem = {"topics": [_topic("a", 2, 4, 3)], "participants": people}
    result = solve(problem)
    assert group_sizes_by_topic(result) == {"a": [4, 4, 4]}
    for group in result["groups"]:
        assert sum(m.startswith("x") for m in group["members"]) == 2


def test_groups_are_ordered_by_topic_order_then_index_and_members_sorted() -> None:
    problem = {
        "topics": [_topic("z", 1, 2, 2), _topic("a", 1, 2, 2)],
        "participants": [_person(f"p{i}", "a" if i % 2 else "z") for i in range(8)],
    }
    result = solve(problem)
    keys = [(g["topic"], g["index"]) for g in result["groups"]]
    assert keys == [("z", 1), ("z", 2), ("a", 1), ("a", 2)]
    order = {p["id"]: i for i, p in enumerate(problem["participants"])}
    for group in result["groups"]:
        assert group["members"] == sorted(group["members"], key=order.__getitem__)


def test_rules_on_two_attributes_that_overlap_are_satisfied_per_circle() -> None:
    # AB, BC, CA holders plus fillers: topic totals allow it, circles need the right mix.
    def person(pid: str, **attributes: str) -> dict:
        return {"id": pid, "preferences": ["t"], "attributes": attributes}

    people = [person("ab", x="1", y="1"), person("bc", y="1", z="1"), person("ca", z="1", x="1")]
    people += [person(f"f{i}") for i in range(3)]
    rules = [{"attribute": a, "value": "1", "min_per_group": 1} for a in "xyz"]
    problem = {"topics": [_topic("t", 3, 3, 2)], "participants": people, "diversity": rules}
    # Two circles of three would need each circle to cover x, y and z: impossible with these
    # three people, so only one circle of three... which cannot hold six people.
    with pytest.raises(Infeasible, match="no grouping"):
        solve(problem)
    problem["topics"] = [_topic("t", 3, 6, 2)]
    result = solve(problem)
    assert_valid_grouping(problem, result)


def test_time_limit_still_returns_a_valid_grouping_with_both_numbers() -> None:
    people = [_person(f"p{i}", "a", "b", "c") for i in range(30)]
    problem = {
        "topics": [_topic(t, 3, 5, 3) for t in "abc"],
        "participants": people,
    }
    result = solve(problem, time_limit=5.0)
    assert_valid_grouping(problem, result)
    assert result["bound"] <= result["objective"]
    assert result["optimal"] == (result["bound"] == result["objective"])


def test_empty_workshop_gives_no_groups() -> None:
    result = solve({"topics": [_topic("a", 1, 2, 1)], "participants": []})
    assert result["groups"] == []
    assert result["objective"] == 0
    assert result["optimal"] is True


def test_greedy_baseline_places_everyone_and_reports_violations() -> None:
    people = [_person(f"v{i}", "a", sector="verwaltung") for i in range(2)]
    people += [_person(f"w{i}", "b", sector="wirtschaft") for i in range(4)]
    problem = {
        "topics": [_topic("a", 2, 4, 1), _topic("b", 2, 4, 1)],
        "participants": people,
        "diversity": [{"attribute": "sector", "value": "verwaltung", "min_per_group": 1}],
    }
    result = greedy(problem)
    placed = sorted(m for g in result["groups"] for m in g["members"])
    assert placed == sorted(p["id"] for p in people)
    assert result["bound"] is None and result["optimal"] is False
    assert result["stats"]["diversity_violations"] == 1  # circle "b" has nobody from verwaltung
    assert solve(problem)["stats"]["diversity_violations"] == 0


def test_greedy_lets_earlier_people_take_their_first_wish() -> None:
    problem = {
        "topics": [_topic("a", 1, 1, 1), _topic("b", 1, 1, 1)],
        "participants": [_person("p1", "a", "b"), _person("p2", "a", "b")],
    }
    result = greedy(problem, seed=3)
    assert result["stats"]["rank_counts"] == {"1": 1, "2": 1, "unlisted": 0, "fixed": 0}
    assert result["objective"] == 1
