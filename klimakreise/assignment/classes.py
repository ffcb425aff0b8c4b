"""Aggregate interchangeable participants into classes.

Two people are interchangeable for the optimisation when they have the same wish list, the
same pin and the same *diversity signature* (which diversity rules they count for). Other
attributes only matter for spreading people inside a topic, which happens after solving.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Participant, Problem

Signature = tuple[bool, ...]


@dataclass
class PersonClass:
    preferences: tuple[str, ...]
    fixed_topic: str | None
    signature: Signature
    members: list[int]  # participant indices, in the seeded order
    # True when some wish costs more than an unlisted topic: such a class cannot use the shared
    # "unlisted" pool (it would be charged too little there), so it gets a variable per topic.
    expanded: bool = False

    @property
    def count(self) -> int:
        return len(self.members)


def signature_of(problem: Problem, person: Participant) -> Signature:
    return tuple(rule.holds(person) for rule in problem.diversity)


def _needs_expansion(problem: Problem, wish_count: int) -> bool:
    unlisted = problem.cost.unlisted
    return any(problem.cost.rank_cost(r) > unlisted for r in range(1, wish_count + 1))


def build_classes(problem: Problem, order: list[int]) -> list[PersonClass]:
    """Group participants (visited in ``order``) into classes, sorted deterministically."""
    by_key: dict[tuple, PersonClass] = {}
    expands = [_needs_expansion(problem, n) for n in range(problem.max_wishes + 1)]
    rules = [(rule.attribute, rule.value) for rule in problem.diversity]
    for index in order:
        person = problem.participants[index]
        signature = tuple(person.attributes.get(a) == v for a, v in rules)
        key = (person.fixed_topic or "", person.preferences, signature)
        person_class = by_key.get(key)
        if person_class is None:
            person_class = PersonClass(person.preferences, person.fixed_topic, signature, [])
            person_class.expanded = person.fixed_topic is None and expands[len(person.preferences)]
            by_key[key] = person_class
        person_class.members.append(index)
    return [by_key[key] for key in sorted(by_key)]
