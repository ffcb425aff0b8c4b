"""A circle for each registered person without one, once the assignment is locked.

People who register or move up from the waitlist after locking have no circle. The suggestion
is the solver's answer with everyone else pinned to the topic of their circle, so the wishes,
sizes and diversity rules of the assignment count the same way; within the topic the smallest
circle is suggested. When the solver finds no valid grouping (e.g. a circle already over its
size), each person gets the circle of her best wish that still has room (or, when all are
full, of her best wish anyway: the organizer sees the size warning before confirming).

The solver takes up to a few seconds, so the members page never runs it by itself: it shows
suggestions from the cache and computes them when an organizer asks. The cache key holds the
circles' members and the unassigned people, so any change makes a fresh computation.
"""

import hashlib
from dataclasses import dataclass

from django.core.cache import cache

from klimakreise.assignment import AssignmentError, solve
from klimakreise.circles.models import Circle, CircleMember
from klimakreise.circles.problem import build_problem, registered

SOLVER_SECONDS = 3
CACHE_SECONDS = 60 * 60


@dataclass(frozen=True)
class Membership:
    """The locked assignment as it is now: who is where, and who is not placed."""

    circles: list[Circle]
    sizes: dict[int, int]  # circle pk → members
    placed: dict[int, int]  # registration pk → circle pk
    unassigned: list  # registrations without a circle, by name

    @property
    def cache_key(self) -> str:
        circles = [(c.pk, c.edition_id, c.topic_id, c.topic.max_size) for c in self.circles]
        state = repr((circles, sorted(self.placed.items()), [r.pk for r in self.unassigned]))
        digest = hashlib.sha256(state.encode()).hexdigest()[:32]
        return f"circles:suggestions:{digest}"


def read_membership(edition, circles: list[Circle]) -> Membership:
    placed = dict(
        CircleMember.objects.filter(circle__edition=edition).values_list(
            "registration_id", "circle_id"
        )
    )
    sizes = {circle.pk: 0 for circle in circles}
    for circle_pk in placed.values():
        sizes[circle_pk] = sizes.get(circle_pk, 0) + 1
    unassigned = list(
        registered(edition)
        .filter(circle_membership__isnull=True)
        .select_related("sector")
        .prefetch_related("preferences")
        .order_by("name", "pk")
    )
    return Membership(circles, sizes, placed, unassigned)


def cached_suggestions(membership: Membership) -> dict[int, Circle] | None:
    """Registration pk → suggested circle, if computed for exactly this state; else None."""
    if not membership.unassigned:
        return {}
    stored = cache.get(membership.cache_key)
    if stored is None:
        return None
    by_pk = {circle.pk: circle for circle in membership.circles}
    return {pk: by_pk[c] for pk, c in stored.items() if c in by_pk}


def compute_suggestions(edition, membership: Membership, *, rules: dict) -> dict[int, Circle]:
    topics = _solver_topics(edition, membership, rules)
    suggested = {}
    sizes = dict(membership.sizes)
    for person in membership.unassigned:
        circle = _smallest(membership.circles, sizes, topics.get(person.pk)) or _best_wish(
            person, membership.circles, sizes
        )
        if circle is not None:
            suggested[person.pk] = circle
            sizes[circle.pk] += 1  # the next person sees this seat taken
    cache.set(
        membership.cache_key, {pk: c.pk for pk, c in suggested.items()}, timeout=CACHE_SECONDS
    )
    return suggested


def _solver_topics(edition, membership: Membership, rules: dict) -> dict[int, int]:
    """Registration pk → topic pk the solver gives her, with everyone placed pinned."""
    circle_topic = {circle.pk: circle.topic for circle in membership.circles}
    moved = {pk: circle_topic[c].slug for pk, c in membership.placed.items() if c in circle_topic}
    try:
        output = solve(
            build_problem(edition=edition, minimums=rules, moved=moved),
            time_limit=SOLVER_SECONDS,
        )
    except AssignmentError:
        return {}
    by_slug = {topic.slug: topic.pk for topic in circle_topic.values()}
    return {
        int(member): by_slug[group["topic"]]
        for group in output["groups"]
        if group["topic"] in by_slug
        for member in group["members"]
    }


def _has_room(circle: Circle, sizes: dict) -> bool:
    return sizes[circle.pk] < circle.topic.max_size


def _smallest(circles, sizes, topic_pk) -> Circle | None:
    candidates = [c for c in circles if c.topic_id == topic_pk and _has_room(c, sizes)]
    return min(candidates, key=lambda c: (sizes[c.pk], c.index), default=None)


def _best_wish(person, circles, sizes) -> Circle | None:
    for wish in sorted(person.preferences.all(), key=lambda p: p.rank):
        circle = _smallest(circles, sizes, wish.topic_id)
        if circle is not None:
            return circle
    # Every circle is full: the best wish still, the organizer sees the size warning.
    wished = {wish.topic_id: wish.rank for wish in person.preferences.all()}
    return min(
        circles, key=lambda c: (wished.get(c.topic_id, len(wished) + 1), sizes[c.pk]), default=None
    )
