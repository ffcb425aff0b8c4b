"""Split one topic's members into circles.

Circle sizes differ by at most one where possible, every circle first gets the members its
diversity rules ask for, and then everybody else is dealt out so that each attribute value is
spread as evenly as possible over the topic's circles.
"""

from __future__ import annotations

from collections import deque

from .classes import Signature, signature_of
from .model import Participant, Problem


def balanced_sizes(people: int, circles: int) -> list[int]:
    base, extra = divmod(people, circles)
    return [base + (1 if k < extra else 0) for k in range(circles)]


class _Circles:
    """Circles under construction, with running counts of each rule's holders."""

    def __init__(self, problem: Problem, targets: list[int]) -> None:
        self.problem = problem
        self.targets = targets
        self.members: list[list[int]] = [[] for _ in targets]
        self.holder_counts = [[0] * len(problem.diversity) for _ in targets]

    def person(self, index: int) -> Participant:
        return self.problem.participants[index]

    def _count(self, k: int, index: int, delta: int) -> None:
        person = self.person(index)
        for r, rule in enumerate(self.problem.diversity):
            if rule.holds(person):
                self.holder_counts[k][r] += delta

    def add(self, k: int, index: int) -> None:
        self.members[k].append(index)
        self._count(k, index, 1)

    def remove(self, k: int, index: int) -> None:
        self.members[k].remove(index)
        self._count(k, index, -1)

    def has_room(self, k: int) -> bool:
        return len(self.members[k]) < self.targets[k]


def _spread_key(problem: Problem, index: int) -> tuple:
    # People with equal attributes end up next to each other, so dealing them one after the
    # other round-robins each attribute-value class over the circles.
    return tuple(sorted(problem.participants[index].attributes.items()))


def _deal_round_robin(circles: _Circles, people: list[int], cycle: deque[int]) -> None:
    """Deal ``people`` (already in spread order) to the circles in ``cycle`` one by one."""
    for person in people:
        k = cycle.popleft()
        circles.add(k, person)
        if circles.has_room(k):
            cycle.append(k)


def _deal_diversity_first(circles: _Circles, members: list[int]) -> set[int]:
    placed: set[int] = set()
    problem = circles.problem
    for r, rule in enumerate(problem.diversity):
        holders = (i for i in members if i not in placed and rule.holds(problem.participants[i]))
        for k in range(len(circles.targets)):
            while circles.holder_counts[k][r] < rule.min_per_group and circles.has_room(k):
                person = next(holders, None)
                if person is None:
                    break  # only the greedy baseline can run short; it reports violations
                circles.add(k, person)
                placed.add(person)
    return placed


def _deal_rest(circles: _Circles, people: list[int]) -> None:
    ordered = sorted(people, key=lambda i: _spread_key(circles.problem, i))
    cycle = deque(k for k in range(len(circles.targets)) if circles.has_room(k))
    _deal_round_robin(circles, ordered, cycle)


def _deal_by_composition(
    circles: _Circles, members: list[int], composition: list[dict[Signature, int]]
) -> None:
    """Use the solver's per-circle signature counts (needed when rules overlap)."""
    problem = circles.problem
    by_signature: dict[Signature, list[int]] = {}
    for person in sorted(members, key=lambda i: _spread_key(problem, i)):
        signature = signature_of(problem, problem.participants[person])
        by_signature.setdefault(signature, []).append(person)
    for signature, people in sorted(by_signature.items()):
        quota = [circle.get(signature, 0) for circle in composition]
        cycle = deque(k for k, n in enumerate(quota) if n > 0)
        for person in people:
            k = cycle.popleft()
            circles.add(k, person)
            quota[k] -= 1
            if quota[k] > 0:
                cycle.append(k)


def _can_leave(circles: _Circles, k: int, index: int) -> bool:
    person = circles.person(index)
    return all(
        not rule.holds(person) or circles.holder_counts[k][r] > rule.min_per_group
        for r, rule in enumerate(circles.problem.diversity)
    )


def _rebalance(circles: _Circles) -> None:
    """Move people from the largest to the smallest circle while diversity allows it."""
    while True:
        sizes = [len(m) for m in circles.members]
        big, small = sizes.index(max(sizes)), sizes.index(min(sizes))
        if sizes[big] - sizes[small] <= 1:
            return
        mover = next((i for i in circles.members[big] if _can_leave(circles, big, i)), None)
        if mover is None:
            return
        circles.remove(big, mover)
        circles.add(small, mover)


def split_topic(
    problem: Problem,
    members: list[int],
    circle_count: int,
    composition: list[dict[Signature, int]] | None = None,
) -> list[list[int]]:
    """Split ``members`` (in seeded order) into ``circle_count`` circles."""
    if circle_count == 0:
        return []
    if composition is not None:
        sizes = [sum(circle.values()) for circle in composition]
        circles = _Circles(problem, sizes)
        _deal_by_composition(circles, members, composition)
        _rebalance(circles)
    else:
        circles = _Circles(problem, balanced_sizes(len(members), circle_count))
        placed = _deal_diversity_first(circles, members)
        _deal_rest(circles, [i for i in members if i not in placed])
    return [sorted(circle) for circle in circles.members]
