"""The funder report's numbers, read in a fixed number of queries for one edition or a series.

Everything here is a count or the name of a circle, topic, sector or organization: no person is
named. What each count means (docs/decisions.md, "Funder report"):

- registered: every sign-up that was confirmed at some point: places, the waitlist, and people
  who cancelled after confirming (they took part in the call, and funders count reach);
- confirmed: holds a place now (status "registered");
- attended: checked in at the event.

Anonymized registrations keep their status, sector, organization and check-in, so they count.
"""

from collections import defaultdict
from dataclasses import dataclass, field, replace

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from klimakreise.boards.models import Card
from klimakreise.circles.models import Circle
from klimakreise.feedback.summary import (
    FeedbackSummary,
    OverallRating,
    edition_summary,
    overall_ratings,
)
from klimakreise.organizations.models import Organization, Sector
from klimakreise.registrations.models import Registration

Status = Registration.Status

REGISTERED = (Q(status__in=[Status.REGISTERED, Status.WAITLISTED])) | Q(
    status=Status.CANCELLED, confirmed_at__isnull=False
)
CONFIRMED = Q(status=Status.REGISTERED)
ATTENDED = Q(checked_in_at__isnull=False)

# The organization column of a registration is empty (None) without a known organization, and
# "" for an organization whose kind nobody has set yet.
NO_ORGANIZATION = "none"
KIND_NOT_SET = "unset"
KIND_LABELS = {
    **dict(Organization.Kind.choices),
    KIND_NOT_SET: _("kind not specified"),
    NO_ORGANIZATION: _("no organization (or not in the series' list)"),
}

STEP_COLUMNS = (Card.Column.NEXT_STEPS, Card.Column.RESPONSIBILITIES)


@dataclass(frozen=True)
class Counts:
    registered: int = 0
    confirmed: int = 0
    attended: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(
            self.registered + other.registered,
            self.confirmed + other.confirmed,
            self.attended + other.attended,
        )

    def as_list(self) -> list[int]:
        return [self.registered, self.confirmed, self.attended]


@dataclass(frozen=True)
class Group:
    """One row of a breakdown: a sector or a kind of organization, and its counts."""

    key: str
    label: str
    counts: Counts


@dataclass(frozen=True)
class Participation:
    total: Counts
    by_sector: list[Group]
    by_kind: list[Group]


@dataclass(frozen=True)
class CircleStaff:
    """A circle and which roles are filled; a moderator chosen from the sign-ups is shown by
    the organization of their registration (never by name)."""

    edition_title: str
    name: str
    topic: str
    members: int
    moderation: bool
    moderator_organization: str
    expert_input: bool
    note_taking: bool


@dataclass(frozen=True)
class NextSteps:
    """Cards in the columns "next steps" and "responsibilities", by status."""

    by_status: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.by_status.values())

    @property
    def moving(self) -> int:
        """Done or in progress."""
        return self.by_status.get(Card.Status.DONE, 0) + self.by_status.get(
            Card.Status.IN_PROGRESS, 0
        )

    @property
    def share(self) -> float | None:
        return self.moving / self.total if self.total else None

    def __add__(self, other: "NextSteps") -> "NextSteps":
        keys = self.by_status.keys() | other.by_status.keys()
        return NextSteps({k: self.by_status.get(k, 0) + other.by_status.get(k, 0) for k in keys})


@dataclass(frozen=True)
class EditionReport:
    """The named sections of one edition's report. A new section is a new field here plus one
    function in `reports.sections` that turns it into tables."""

    edition: object
    participation: Participation
    circles: list[CircleStaff]
    next_steps: NextSteps
    feedback: FeedbackSummary | None = None  # the survey's aggregates (edition report only)


@dataclass(frozen=True)
class SeriesReport:
    series: object
    editions: list[EditionReport]
    participation: Participation
    circles: list[CircleStaff]
    next_steps: NextSteps
    feedback: dict[int, OverallRating] = field(default_factory=dict)  # edition id → rating


def gather_edition_report(edition) -> EditionReport:
    """One edition's report: four queries, and the feedback survey's summary."""
    report = _gather(edition.series, [edition])[0]
    return replace(report, feedback=edition_summary(edition))


def gather_series_report(series) -> SeriesReport:
    """The report of every edition of the series and their sums, in eight queries."""
    editions = list(series.editions.order_by("start", "number"))
    reports = _gather(series, editions)
    return SeriesReport(
        series=series,
        editions=reports,
        participation=sum_participation([r.participation for r in reports])
        if reports
        else _participation({}, []),
        circles=[circle for report in reports for circle in report.circles],
        next_steps=sum((r.next_steps for r in reports), NextSteps()),
        feedback=overall_ratings(editions),
    )


def _gather(series, editions) -> list[EditionReport]:
    sectors = _sectors(series)
    counts = _registration_counts(editions)
    circles = _circles(editions)
    steps = _next_steps(editions)
    return [
        EditionReport(
            edition=edition,
            participation=_participation(counts[edition.pk], sectors),
            circles=circles[edition.pk],
            next_steps=steps[edition.pk],
        )
        for edition in editions
    ]


def _sectors(series) -> list[tuple[int, str]]:
    return list(Sector.objects.filter(series=series).values_list("pk", "title"))


def _registration_counts(editions) -> dict[int, dict[tuple, Counts]]:
    """edition id → {(sector id, kind key): Counts}."""
    rows = (
        Registration.objects.filter(edition__in=editions)
        .values("edition_id", "sector_id", "organization_id", "organization__kind")
        .annotate(
            registered=Count("pk", filter=REGISTERED),
            confirmed=Count("pk", filter=CONFIRMED),
            attended=Count("pk", filter=ATTENDED),
        )
        .order_by()
    )
    found = defaultdict(lambda: defaultdict(Counts))
    for row in rows:
        if row["organization_id"] is None:
            kind = NO_ORGANIZATION
        else:
            kind = row["organization__kind"] or KIND_NOT_SET
        key = (row["sector_id"], kind)
        counts = Counts(row["registered"], row["confirmed"], row["attended"])
        found[row["edition_id"]][key] = found[row["edition_id"]][key] + counts
    return found


def _participation(counts: dict[tuple, Counts], sectors) -> Participation:
    by_sector, by_kind = defaultdict(Counts), defaultdict(Counts)
    for (sector_id, kind), value in counts.items():
        by_sector[sector_id] += value
        by_kind[kind] += value
    return Participation(
        total=sum(counts.values(), Counts()),
        by_sector=[Group(str(pk), title, by_sector[pk]) for pk, title in sectors],
        by_kind=[Group(key, str(label), by_kind[key]) for key, label in KIND_LABELS.items()],
    )


def sum_participation(parts: list[Participation]) -> Participation:
    """The sum of editions' participation: the same sectors and kinds, row by row."""
    return Participation(
        total=sum((part.total for part in parts), Counts()),
        by_sector=_add_groups([part.by_sector for part in parts]),
        by_kind=_add_groups([part.by_kind for part in parts]),
    )


def _add_groups(group_lists: list[list[Group]]) -> list[Group]:
    return [
        Group(same[0].key, same[0].label, sum((group.counts for group in same), Counts()))
        for same in zip(*group_lists, strict=True)
    ]


def _circles(editions) -> dict[int, list[CircleStaff]]:
    titles = {edition.pk: edition.title for edition in editions}
    circles = (
        Circle.objects.filter(edition__in=editions)
        .select_related("topic", "moderator_registration__organization")
        .annotate(member_count=Count("members"))
        # A grouped query ignores Meta.ordering: the circles' own order, said again.
        .order_by("topic__position", "topic_id", "index")
    )
    found = defaultdict(list)
    for circle in circles:
        found[circle.edition_id].append(_circle_staff(circle, titles[circle.edition_id]))
    return found


def _circle_staff(circle, edition_title: str) -> CircleStaff:
    chosen = circle.moderator_registration
    organization = chosen.organization if chosen is not None else None
    return CircleStaff(
        edition_title=edition_title,
        name=circle.name,
        topic=circle.topic.title,
        members=circle.member_count,
        moderation=bool(circle.moderator_id or circle.moderator_name),
        moderator_organization=organization.name if organization is not None else "",
        expert_input=bool(circle.expert_id or circle.expert_name),
        note_taking=bool(circle.note_taker_id or circle.note_taker_name),
    )


def _next_steps(editions) -> dict[int, NextSteps]:
    rows = (
        Card.objects.filter(circle__edition__in=editions, column__in=STEP_COLUMNS)
        .values("circle__edition_id", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    found = defaultdict(dict)
    for row in rows:
        found[row["circle__edition_id"]][row["status"]] = row["count"]
    return defaultdict(NextSteps, {pk: NextSteps(by_status) for pk, by_status in found.items()})
