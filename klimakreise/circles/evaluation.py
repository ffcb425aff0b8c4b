"""A proposal as the organizers see it: circles, wish ranks, cost, rule and size warnings.

Everything is computed from the run's stored solver input (the wishes as they were when the
solver ran) and its current placements (the solver's result plus manual moves), so the numbers
on the page always describe what would be locked. Costs come from the library's own cost model.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from klimakreise.assignment.model import Participant, Problem, parse_problem
from klimakreise.circles.models import AssignmentRun, Circle, Placement
from klimakreise.circles.problem import registered
from klimakreise.organizations.models import Sector
from klimakreise.registrations.models import Registration


@dataclass
class SolverView:
    problem: Problem
    people: dict[str, Participant]


def solver_problem(run: AssignmentRun) -> SolverView:
    problem = parse_problem(run.input)
    return SolverView(problem, {person.id: person for person in problem.participants})


def placement_cost(view: SolverView, person_id: str, topic_slug: str) -> float:
    person = view.people.get(person_id)
    return view.problem.cost.cost(person, topic_slug) if person else 0.0


def rank_label(rank: int | None) -> str:
    if rank is None:
        return _("not wished")
    return {1: _("1st wish"), 2: _("2nd wish"), 3: _("3rd wish")}.get(
        rank, _("wish %(rank)s") % {"rank": rank}
    )


@dataclass
class Row:
    placement: Placement
    rank: int | None
    cost: float
    pinned: bool

    @property
    def registration(self) -> Registration:
        return self.placement.registration

    @property
    def rank_label(self) -> str:
        return rank_label(self.rank)


@dataclass
class Group:
    circle: Circle  # unsaved: it names the group ("Mobilität B") the way the locked one will
    rows: list[Row] = field(default_factory=list)
    sector_counts: list[tuple[Sector, int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def value(self) -> str:
        return f"{self.circle.topic_id}:{self.circle.index}"


@dataclass
class Proposal:
    run: AssignmentRun
    groups: list[Group]
    objective: float
    profile: list[tuple[str, int]]
    sector_profile: list[tuple[Sector, list[int]]]
    targets: list[tuple[str, str]]
    missing: int  # registered people the run does not contain (registered after it ran)
    closed_topics: list[str] = field(default_factory=list)  # see closed_topic_warnings

    @property
    def delta(self) -> float:
        return self.objective - self.run.objective

    @property
    def gap(self) -> float | None:
        return None if self.run.bound is None else self.objective - self.run.bound

    @property
    def warning_count(self) -> int:
        return sum(len(group.warnings) for group in self.groups)


def evaluate_run(run: AssignmentRun) -> Proposal:
    view = solver_problem(run)
    sectors = list(Sector.objects.filter(series_id=run.edition.series_id))
    placements = run.placements.select_related(
        "topic", "registration__sector", "registration__organization"
    ).order_by("topic__position", "topic_id", "index", "registration__name", "pk")
    groups: dict[tuple[int, int], Group] = {}
    for placement in placements:
        key = (placement.topic_id, placement.index)
        if key not in groups:
            groups[key] = Group(Circle(topic=placement.topic, index=placement.index))
        groups[key].rows.append(_row(view, placement))
    for group in groups.values():
        _check_group(group, sectors, run.rules)
    rows = [row for group in groups.values() for row in group.rows]
    wishes = max(run.edition.preference_ranks, view.problem.max_wishes)
    in_run = run.placements.values("registration_id")
    return Proposal(
        run=run,
        groups=list(groups.values()),
        objective=sum(row.cost for row in rows),
        profile=_profile(rows, wishes),
        sector_profile=_sector_profile(rows, sectors, wishes),
        targets=_targets(run, list(groups.values())),
        missing=registered(run.edition).exclude(pk__in=in_run).count(),
        closed_topics=closed_topic_warnings(run, view, list(groups.values())),
    )


def _row(view: SolverView, placement: Placement) -> Row:
    person_id = str(placement.registration_id)
    person = view.people.get(person_id)
    slug = placement.topic.slug
    return Row(
        placement=placement,
        rank=person.rank_of(slug) if person else None,
        cost=placement_cost(view, person_id, slug),
        pinned=bool(person and person.fixed_topic),
    )


def _check_group(group: Group, sectors: list[Sector], rules: dict) -> None:
    topic, size = group.circle.topic, len(group.rows)
    counts = Counter(row.registration.sector_id for row in group.rows)
    group.sector_counts = [(sector, counts[sector.pk]) for sector in sectors if counts[sector.pk]]
    group.warnings += size_warnings(topic, size)
    for sector in sectors:
        needed = rules.get(sector.slug, 0)
        if counts[sector.pk] < needed:
            group.warnings.append(
                ngettext(
                    "Needs at least %(needed)s person from %(sector)s, has %(count)s.",
                    "Needs at least %(needed)s people from %(sector)s, has %(count)s.",
                    needed,
                )
                % {"needed": needed, "sector": sector.title, "count": counts[sector.pk]}
            )


def size_warnings(topic, size: int) -> list[str]:
    """ "Too small" / "Too large" for a circle of `topic` with `size` members: the one wording
    of the proposal page and of the members page of a locked assignment."""
    warnings = []
    if size < topic.min_size:
        warnings.append(
            ngettext(
                "Too small: %(size)s member, at least %(min)s needed.",
                "Too small: %(size)s members, at least %(min)s needed.",
                size,
            )
            % {"size": size, "min": topic.min_size}
        )
    if size > topic.max_size:
        warnings.append(
            ngettext(
                "Too large: %(size)s member, at most %(max)s allowed.",
                "Too large: %(size)s members, at most %(max)s allowed.",
                size,
            )
            % {"size": size, "max": topic.max_size}
        )
    return warnings


def _counts(rows: list[Row], wishes: int) -> list[int]:
    counts = Counter(row.rank for row in rows)
    return [counts[rank] for rank in range(1, wishes + 1)] + [counts[None]]


def _profile(rows: list[Row], wishes: int) -> list[tuple[str, int]]:
    labels = [rank_label(rank) for rank in range(1, wishes + 1)] + [rank_label(None)]
    return list(zip(labels, _counts(rows, wishes), strict=True))


def _sector_profile(rows, sectors, wishes) -> list[tuple[Sector, list[int]]]:
    by_sector = defaultdict(list)
    for row in rows:
        by_sector[row.registration.sector_id].append(row)
    return [(s, _counts(by_sector[s.pk], wishes)) for s in sectors if by_sector[s.pk]]


def _targets(run: AssignmentRun, groups: list[Group]) -> list[tuple[str, str]]:
    """Every circle a person can be moved to: the proposal's, plus one new one per topic that
    may still open another parallel group."""
    sizes = {group.value: len(group.rows) for group in groups}
    targets = []
    for topic in run.edition.topics.order_by("position", "pk"):
        indices = sorted(g.circle.index for g in groups if g.circle.topic_id == topic.pk)
        for index in indices:
            label = _("%(name)s (%(size)s members)") % {
                "name": Circle(topic=topic, index=index).name,
                "size": sizes[f"{topic.pk}:{index}"],
            }
            targets.append((f"{topic.pk}:{index}", label))
        if len(indices) < topic.max_groups:
            index = max(indices, default=0) + 1
            name = Circle(topic=topic, index=index).name
            targets.append((f"{topic.pk}:{index}", _("%(name)s (new circle)") % {"name": name}))
    return targets


def closed_topic_warnings(run: AssignmentRun, view: SolverView, groups: list[Group]) -> list[str]:
    """One warning per announced topic that would not open, with how many wished it.

    The wishes are those of the run's input, so the numbers match what the solver weighed.
    """
    opened = {group.circle.topic_id for group in groups}
    first, wished = Counter(), Counter()
    for person in view.problem.participants:
        wished.update(person.preferences)
        if person.preferences:
            first[person.preferences[0]] += 1
    return [
        _closed_topic_warning(topic.title, first[topic.slug], wished[topic.slug])
        for topic in run.edition.topics.order_by("position", "pk")
        if topic.pk not in opened
    ]


def _closed_topic_warning(title: str, first: int, wished: int) -> str:
    firsts = ngettext(
        "%(count)d person wished it first", "%(count)d people wished it first", first
    ) % {"count": first}
    return _("%(topic)s would not take place: %(firsts)s, %(any)d wished it at all.") % {
        "topic": title,
        "firsts": firsts,
        "any": wished,
    }
