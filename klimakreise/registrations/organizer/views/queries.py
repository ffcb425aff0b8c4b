"""Read-side helpers of the organizer pages; each costs a fixed number of queries."""

import math
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch

from klimakreise.registrations.models import Preference, Registration


def registrations_with_wishes(edition):
    """The edition's registrations with sector and wishes, in two extra queries at most."""
    wishes = Preference.objects.select_related("topic").order_by("rank")
    return edition.registrations.select_related("sector").prefetch_related(
        Prefetch("preferences", queryset=wishes)
    )


def status_counts(edition) -> list[tuple[str, str, int]]:
    """(status, label, count) for every status, including the ones nobody has."""
    counts = dict(edition.registrations.order_by().values_list("status").annotate(n=Count("id")))
    return [(value, label, counts.get(value, 0)) for value, label in Registration.Status.choices]


@dataclass
class TopicDemand:
    topic: object
    by_rank: list[int]
    total: int = 0
    bars: list[tuple[int, int, float]] = field(default_factory=list)  # (rank, count, % width)

    @property
    def circles_for_first_wishes(self) -> int:
        """How many parallel circles the first wishes alone would fill (at most max size)."""
        return math.ceil(self.by_rank[0] / self.topic.max_size) if self.by_rank else 0


@dataclass
class Demand:
    ranks: list[int]
    rows: list[TopicDemand]

    @property
    def is_empty(self) -> bool:
        return not any(row.total for row in self.rows)


def topic_demand(edition, registrations) -> Demand:
    """How many of `registrations` wish each topic at each rank (two queries)."""
    pairs = (
        Preference.objects.filter(registration__in=registrations.order_by().values("pk"))
        .order_by()
        .values_list("topic_id", "rank")
        .annotate(n=Count("id"))
    )
    counts = {(topic_id, rank): n for topic_id, rank, n in pairs}
    highest = max((rank for _topic, rank in counts), default=0)
    ranks = list(range(1, max(edition.preference_ranks, highest) + 1))
    rows = []
    for topic in edition.topics.all():
        by_rank = [counts.get((topic.pk, rank), 0) for rank in ranks]
        rows.append(TopicDemand(topic=topic, by_rank=by_rank, total=sum(by_rank)))
    widest = max((row.total for row in rows), default=0) or 1
    for row in rows:
        row.bars = [
            (rank, n, round(100 * n / widest, 2))
            for rank, n in zip(ranks, row.by_rank, strict=True)
            if n
        ]
    return Demand(ranks=ranks, rows=rows)
