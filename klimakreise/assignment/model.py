"""Parse and validate the input dict into immutable dataclasses."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .errors import InvalidInput

DEFAULT_UNLISTED_COST = 100.0


@dataclass(frozen=True)
class Topic:
    id: str
    min_size: int
    max_size: int
    max_groups: int
    min_groups: int = 0  # circles that must open ("findet sicher statt")

    @property
    def capacity(self) -> int:
        return self.max_groups * self.max_size


@dataclass(frozen=True)
class Participant:
    id: str
    preferences: tuple[str, ...]
    attributes: Mapping[str, str]
    fixed_topic: str | None

    def rank_of(self, topic_id: str) -> int | None:
        """1-based rank of ``topic_id`` in this person's wishes, None if not wished."""
        try:
            return self.preferences.index(topic_id) + 1
        except ValueError:
            return None


@dataclass(frozen=True)
class DiversityRule:
    attribute: str
    value: str
    min_per_group: int

    def holds(self, person: Participant) -> bool:
        return person.attributes.get(self.attribute) == self.value

    @property
    def label(self) -> str:
        return f"{self.attribute}={self.value}"


@dataclass(frozen=True)
class CostModel:
    ranks: tuple[float, ...] = ()
    unlisted: float = DEFAULT_UNLISTED_COST

    def rank_cost(self, rank: int) -> float:
        # Ranks beyond the given list continue the default (r-1)^2 curve.
        if rank <= len(self.ranks):
            return self.ranks[rank - 1]
        return float((rank - 1) ** 2)

    def cost(self, person: Participant, topic_id: str) -> float:
        rank = person.rank_of(topic_id)
        return self.unlisted if rank is None else self.rank_cost(rank)

    def is_integral(self) -> bool:
        return all(float(c).is_integer() for c in (*self.ranks, self.unlisted))


@dataclass(frozen=True)
class Problem:
    topics: tuple[Topic, ...]
    participants: tuple[Participant, ...]
    diversity: tuple[DiversityRule, ...] = ()
    cost: CostModel = field(default_factory=CostModel)

    @property
    def topic_index(self) -> dict[str, int]:
        return {topic.id: i for i, topic in enumerate(self.topics)}

    @property
    def max_wishes(self) -> int:
        return max((len(p.preferences) for p in self.participants), default=0)


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise InvalidInput(message)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return (_is_int(value) or isinstance(value, float)) and math.isfinite(value)


def _non_negative_int(value: Any, where: str) -> int:
    _require(_is_int(value), f"{where} must be an integer, got {value!r}")
    _require(value >= 0, f"{where} must not be negative, got {value}")
    return value


def _non_empty_str(value: Any, where: str) -> str:
    _require(isinstance(value, str) and value != "", f"{where} must be a non-empty string")
    return value


def _list_field(data: Mapping[str, Any], key: str, where: str, required: bool) -> list[Any]:
    if key not in data or (data[key] is None and not required):
        _require(not required, f'{where}: missing "{key}"')
        return []
    value = data[key]
    _require(isinstance(value, list), f'{where}: "{key}" must be a list')
    return value


def parse_topic(raw: Any, position: int) -> Topic:
    where = f"topic #{position + 1}"
    _require(isinstance(raw, Mapping), f"{where} must be an object")
    topic_id = _non_empty_str(raw.get("id"), f"{where}: id")
    where = f'topic "{topic_id}"'
    sizes = {
        key: _non_negative_int(raw.get(key), f"{where}: {key}")
        for key in ("min_size", "max_size", "max_groups")
    }
    _require(sizes["min_size"] >= 1, f"{where}: min_size must be at least 1")
    _require(
        sizes["min_size"] <= sizes["max_size"],
        f"{where}: min_size {sizes['min_size']} is larger than max_size {sizes['max_size']}",
    )
    min_groups = raw.get("min_groups", 0)
    min_groups = 0 if min_groups is None else _non_negative_int(min_groups, f"{where}: min_groups")
    _require(
        min_groups <= sizes["max_groups"],
        f"{where}: min_groups {min_groups} is larger than max_groups {sizes['max_groups']}",
    )
    return Topic(topic_id, sizes["min_size"], sizes["max_size"], sizes["max_groups"], min_groups)


def _parse_attributes(raw: Any, where: str) -> dict[str, str]:
    if raw is None:
        return {}
    _require(isinstance(raw, Mapping), f"{where}: attributes must be an object")
    attributes: dict[str, str] = {}
    for key, value in raw.items():
        if value is None:  # an unknown value is the same as not having the attribute
            continue
        _require(
            isinstance(value, str), f'{where}: attribute "{key}" must be a string, got {value!r}'
        )
        attributes[key] = value
    return attributes


def parse_participant(raw: Any, position: int, topic_ids: set[str]) -> Participant:
    where = f"participant #{position + 1}"
    _require(isinstance(raw, Mapping), f"{where} must be an object")
    person_id = _non_empty_str(raw.get("id"), f"{where}: id")
    where = f'participant "{person_id}"'
    wishes = _list_field(raw, "preferences", where, required=True)
    # Set operations first: this runs for 100,000 people, and almost all of them are fine.
    if not (all(type(w) is str for w in wishes) and topic_ids.issuperset(wishes)):
        for wish in wishes:
            _non_empty_str(wish, f"{where}: every preference")
            _require(wish in topic_ids, f'{where}: unknown topic "{wish}" in preferences')
    if len(set(wishes)) != len(wishes):
        twice = next(w for i, w in enumerate(wishes) if w in wishes[:i])
        raise InvalidInput(f'{where}: topic "{twice}" is listed twice in preferences')
    fixed = raw.get("fixed_topic")
    if fixed is not None:
        _non_empty_str(fixed, f"{where}: fixed_topic")
        _require(fixed in topic_ids, f'{where}: unknown topic "{fixed}" in fixed_topic')
    attributes = _parse_attributes(raw.get("attributes"), where)
    return Participant(person_id, tuple(wishes), attributes, fixed)


def parse_rule(raw: Any, position: int) -> DiversityRule:
    where = f"diversity rule #{position + 1}"
    _require(isinstance(raw, Mapping), f"{where} must be an object")
    attribute = _non_empty_str(raw.get("attribute"), f"{where}: attribute")
    value = raw.get("value")
    _require(isinstance(value, str), f"{where}: value must be a string, got {value!r}")
    minimum = _non_negative_int(raw.get("min_per_group"), f"{where}: min_per_group")
    return DiversityRule(attribute, value, minimum)


def parse_cost(raw: Any) -> CostModel:
    if raw is None:
        return CostModel()
    _require(isinstance(raw, Mapping), "cost must be an object")
    ranks = raw.get("ranks", [])
    _require(isinstance(ranks, list), "cost.ranks must be a list of numbers")
    for value in ranks:
        _require(_is_number(value), f"cost.ranks must contain numbers, got {value!r}")
        _require(value >= 0, f"cost.ranks must not be negative, got {value}")
    unlisted = raw.get("unlisted", DEFAULT_UNLISTED_COST)
    _require(_is_number(unlisted), f"cost.unlisted must be a number, got {unlisted!r}")
    _require(unlisted >= 0, f"cost.unlisted must not be negative, got {unlisted}")
    return CostModel(tuple(float(v) for v in ranks), float(unlisted))


def _check_unique(ids: list[str], kind: str) -> None:
    seen: set[str] = set()
    for item in ids:
        _require(item not in seen, f'duplicate {kind} id "{item}"')
        seen.add(item)


def parse_problem(raw: Any) -> Problem:
    """Validate ``raw`` (the documented input dict) and return a :class:`Problem`."""
    _require(isinstance(raw, Mapping), "input must be a JSON object")
    topics = tuple(
        parse_topic(t, i) for i, t in enumerate(_list_field(raw, "topics", "input", True))
    )
    _check_unique([t.id for t in topics], "topic")
    topic_ids = {t.id for t in topics}
    people_raw = _list_field(raw, "participants", "input", True)
    participants = tuple(parse_participant(p, i, topic_ids) for i, p in enumerate(people_raw))
    _check_unique([p.id for p in participants], "participant")
    rules = tuple(
        parse_rule(r, i) for i, r in enumerate(_list_field(raw, "diversity", "input", False))
    )
    seen_rules = {(r.attribute, r.value) for r in rules}
    _require(len(seen_rules) == len(rules), "diversity: the same attribute value is listed twice")
    # A rule asking for zero people constrains nothing; dropping it keeps the model small.
    rules = tuple(r for r in rules if r.min_per_group > 0)
    return Problem(topics, participants, rules, parse_cost(raw.get("cost")))
