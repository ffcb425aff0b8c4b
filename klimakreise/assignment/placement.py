"""Turn the solver's per-class numbers back into concrete people per topic."""

from __future__ import annotations

from collections import defaultdict

from .classes import PersonClass, Signature
from .model import Problem
from .solver import Plan


def people_per_topic(problem: Problem, classes: list[PersonClass], plan: Plan) -> list[list[int]]:
    """Members of every topic; class members are taken in their (seeded) order."""
    index = problem.topic_index
    per_topic: list[list[int]] = [[] for _ in problem.topics]
    pools: dict[Signature, list[int]] = defaultdict(list)
    flows_of_class: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for (ci, t), flow in sorted(plan.class_flow.items()):
        flows_of_class[ci].append((t, flow))
    for ci, person_class in enumerate(classes):
        if person_class.fixed_topic is not None:
            per_topic[index[person_class.fixed_topic]].extend(person_class.members)
            continue
        taken = 0
        for t, flow in flows_of_class[ci]:
            per_topic[t].extend(person_class.members[taken : taken + flow])
            taken += flow
        if not person_class.expanded:
            pools[person_class.signature].extend(person_class.members[taken:])
    for signature, people in sorted(pools.items()):
        quotas = {t: n for (t, s), n in plan.pool_flow.items() if s == signature}
        _place_pool(problem, people, quotas, per_topic)
    return per_topic


def _place_pool(
    problem: Problem, people: list[int], quotas: dict[int, int], per_topic: list[list[int]]
) -> None:
    """Fill the pool's topic quotas, letting people land on a topic they wished when possible.

    Everyone here shares one diversity signature, so who takes which slot does not affect any
    constraint; a wished slot only lowers the cost below the model's ``unlisted`` charge.
    """
    index = problem.topic_index
    quotas = dict(quotas)
    leftovers = []
    for person_index in people:
        wishes = problem.participants[person_index].preferences
        target = next((index[w] for w in wishes if quotas.get(index[w], 0) > 0), None)
        if target is None:
            leftovers.append(person_index)
            continue
        quotas[target] -= 1
        per_topic[target].append(person_index)
    remaining = iter(leftovers)
    for t in sorted(quotas):
        for _ in range(quotas[t]):
            per_topic[t].append(next(remaining))
