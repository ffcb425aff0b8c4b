"""Invalid input and infeasible workshops produce specific, human messages."""

from __future__ import annotations

import copy

import pytest

from klimakreise.assignment import AssignmentError, Infeasible, InvalidInput, greedy, solve


def _valid() -> dict:
    return {
        "topics": [
            {"id": "mobilitaet", "min_size": 2, "max_size": 4, "max_groups": 2},
            {"id": "energie", "min_size": 2, "max_size": 4, "max_groups": 1},
        ],
        "participants": [
            {
                "id": f"p{i}",
                "preferences": ["mobilitaet", "energie"],
                "attributes": {"sector": "verwaltung" if i % 2 else "wirtschaft"},
                "fixed_topic": None,
            }
            for i in range(6)
        ],
        "diversity": [{"attribute": "sector", "value": "verwaltung", "min_per_group": 1}],
        "cost": {"ranks": [0, 1, 4], "unlisted": 100},
    }


def _edit(path: tuple, value: object) -> dict:
    problem = _valid()
    target = problem
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return problem


_DELETE = object()

INVALID_CASES = [
    (("participants", 0, "preferences"), ["verkehr"], 'participant "p0": unknown topic "verkehr"'),
    (("participants", 0, "fixed_topic"), "verkehr", 'unknown topic "verkehr" in fixed_topic'),
    (("participants", 1, "id"), "p0", 'duplicate participant id "p0"'),
    (("topics", 1, "id"), "mobilitaet", 'duplicate topic id "mobilitaet"'),
    (("topics", 0, "min_size"), 5, "min_size 5 is larger than max_size 4"),
    (("topics", 0, "max_groups"), -1, "max_groups must not be negative"),
    (("topics", 0, "max_size"), "4", "max_size must be an integer"),
    (("topics", 0, "max_size"), 4.0, "max_size must be an integer"),
    (("topics", 0, "min_size"), True, "min_size must be an integer"),
    (("topics", 0, "min_size"), 0, "min_size must be at least 1"),
    (("participants", 0, "preferences"), ["energie", "energie"], "listed twice"),
    (("participants", 0, "preferences"), "energie", '"preferences" must be a list'),
    (("participants", 0, "preferences"), _DELETE, 'missing "preferences"'),
    (("participants", 0, "attributes"), {"sector": 3}, 'attribute "sector" must be a string'),
    (("participants", 0, "attributes"), ["sector"], "attributes must be an object"),
    (("diversity", 0, "value"), 1, "value must be a string"),
    (("diversity", 0, "min_per_group"), -1, "min_per_group must not be negative"),
    (("diversity", 0, "attribute"), None, "attribute must be a non-empty string"),
    (("cost", "ranks"), [0, -1], "cost.ranks must not be negative"),
    (("cost", "unlisted"), "viel", "cost.unlisted must be a number"),
    (("topics",), "mobilitaet", '"topics" must be a list'),
    (("participants",), _DELETE, 'missing "participants"'),
]


@pytest.mark.parametrize(("path", "value", "message"), INVALID_CASES)
def test_invalid_input_is_rejected_with_a_message_naming_the_problem(path, value, message) -> None:
    with pytest.raises(InvalidInput, match=message.replace("(", r"\(")) as caught:
        solve(_edit(path, value))
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, AssignmentError)


def test_the_valid_base_case_solves() -> None:
    assert solve(_valid())["optimal"] is True


def test_non_object_input_is_invalid() -> None:
    with pytest.raises(InvalidInput):
        solve([])  # type: ignore[arg-type]


def test_bad_seed_and_time_limit_are_invalid() -> None:
    with pytest.raises(InvalidInput, match="seed"):
        solve(_valid(), seed="1")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="time limit"):
        solve(_valid(), time_limit=0)


def test_input_is_not_modified() -> None:
    problem = _valid()
    before = copy.deepcopy(problem)
    solve(problem)
    assert problem == before


def _topics(count: int, low: int, high: int, groups: int) -> list[dict]:
    return [
        {"id": f"t{k}", "min_size": low, "max_size": high, "max_groups": groups}
        for k in range(count)
    ]


def _people(count: int, **extra: object) -> list[dict]:
    return [{"id": f"p{i}", "preferences": [], **extra} for i in range(count)]


def test_more_participants_than_places_is_infeasible() -> None:
    problem = {"topics": _topics(4, 6, 12, 2), "participants": _people(120)}
    with pytest.raises(Infeasible, match=r"120 participants but at most 96 places"):
        solve(problem)
    with pytest.raises(Infeasible, match=r"120 participants but at most 96 places"):
        greedy(problem)


def test_too_many_pinned_people_in_one_topic_is_infeasible() -> None:
    topics = _topics(2, 6, 12, 1)
    topics[0]["id"] = "mobilitaet"
    people = _people(14, fixed_topic="mobilitaet") + _people(0)
    with pytest.raises(Infeasible, match=r"topic mobilitaet: 14 people are pinned but at most 12"):
        solve({"topics": topics, "participants": people})


def test_too_few_holders_of_a_diversity_value_is_infeasible() -> None:
    people = _people(40)
    for person in people[:3]:
        person["attributes"] = {"sector": "verwaltung"}
    problem = {
        "topics": _topics(2, 6, 10, 3),
        "participants": people,
        "diversity": [{"attribute": "sector", "value": "verwaltung", "min_per_group": 1}],
    }
    message = r"diversity: 4 circles need a person with sector=verwaltung but only 3 registered"
    with pytest.raises(Infeasible, match=message):
        solve(problem)


def test_fewer_people_than_any_circle_needs_is_infeasible() -> None:
    problem = {"topics": _topics(3, 6, 12, 2), "participants": _people(5)}
    with pytest.raises(Infeasible, match="5 participants but every topic needs at least 6"):
        solve(problem)


def test_not_filling_every_topic_is_fine_because_topics_may_stay_closed() -> None:
    problem = {"topics": _topics(3, 12, 15, 1), "participants": _people(30)}
    result = solve(problem)
    assert sorted(len(g["members"]) for g in result["groups"]) == [15, 15]


def test_sizes_that_cannot_add_up_give_the_general_explanation() -> None:
    problem = {"topics": _topics(2, 4, 4, 1), "participants": _people(5)}
    with pytest.raises(Infeasible, match="no grouping satisfies all sizes, pins and diversity"):
        solve(problem)


def test_pins_into_a_topic_that_cannot_open_are_explained() -> None:
    topics = _topics(2, 6, 12, 1)
    people = _people(3, fixed_topic="t0")
    with pytest.raises(Infeasible, match="topic t0: 3 people are pinned but a circle needs"):
        solve({"topics": topics, "participants": people})
