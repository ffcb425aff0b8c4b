"""Running the solver, moving people by hand, and pinning people to a topic."""

from django.db import transaction
from django.utils.translation import gettext as _

from klimakreise.assignment import solve
from klimakreise.circles.evaluation import placement_cost, solver_problem
from klimakreise.circles.models import AssignmentRun, Placement, TopicPin
from klimakreise.circles.problem import SECTOR_ATTRIBUTE, build_problem, participants, standing_pins

LOCKED_STATUSES = [AssignmentRun.Status.LOCKED, AssignmentRun.Status.PUBLISHED]


class ActionRefused(Exception):
    """An organizer action that cannot be done now; the message says why and is shown as is."""


def is_edition_locked(edition) -> bool:
    return AssignmentRun.objects.filter(edition=edition, status__in=LOCKED_STATUSES).exists()


def _refuse_if_locked(edition) -> None:
    if is_edition_locked(edition):
        raise ActionRefused(_("The assignment of this edition is locked; it can no longer change."))


def manual_moves(run: AssignmentRun) -> dict[int, Placement]:
    """Registration pk → the placement an organizer chose by hand in `run`."""
    moved = run.placements.filter(source=Placement.Source.MANUAL).select_related("topic")
    return {placement.registration_id: placement for placement in moved}


def run_assignment(
    *, edition, user, minimums: dict, time_limit: int, seed: int, keep_moves_from=None
) -> AssignmentRun:
    """Solve the assignment and store it as a new proposal.

    With `keep_moves_from` (an earlier proposal), the people moved by hand there are pinned to
    the topic they were moved to and, where the topic still has that circle, stay in it. Raises
    the library's AssignmentError (InvalidInput, Infeasible, …) unchanged; nothing is stored then.
    The solver runs before the transaction opens, so a long solve holds no database lock.
    """
    _refuse_if_locked(edition)
    moved = manual_moves(keep_moves_from) if keep_moves_from is not None else {}
    problem = build_problem(
        edition=edition,
        minimums=minimums,
        moved={pk: placement.topic.slug for pk, placement in moved.items()},
    )
    output = solve(problem, time_limit=time_limit, seed=seed)
    desired = {
        str(pk): pin.index
        for pk, pin in standing_pins(edition, participants(edition)).items()
        if pin.index is not None
    }
    desired.update({str(pk): placement.index for pk, placement in moved.items()})
    sectors = {p["id"]: p["attributes"][SECTOR_ATTRIBUTE] for p in problem["participants"]}
    groups = keep_desired_circles(output["groups"], desired, sectors, minimums)
    with transaction.atomic():
        _refuse_if_locked(edition)
        run = AssignmentRun.objects.create(
            edition=edition,
            created_by=user,
            rules={slug: count for slug, count in minimums.items() if count > 0},
            time_limit=time_limit,
            seed=seed,
            input=problem,
            output=output,
            objective=output["objective"],
            bound=output["bound"],
            optimal=output["optimal"],
        )
        _store_placements(run, groups, moved)
    return run


def _store_placements(run: AssignmentRun, groups: list[dict], moved: dict) -> None:
    topics = {topic.slug: topic for topic in run.edition.topics.all()}
    Placement.objects.bulk_create(
        Placement(
            run=run,
            registration_id=int(member),
            topic=topics[group["topic"]],
            index=group["index"],
            source=Placement.Source.MANUAL if int(member) in moved else Placement.Source.SOLVER,
        )
        for group in groups
        for member in group["members"]
    )


def keep_desired_circles(
    groups: list[dict], desired: dict, sectors: dict, minimums: dict | None = None
) -> list[dict]:
    """Swap people between circles of the same topic so pinned people sit in their circle.

    The solver pins topics, not circles. A swap within a topic changes no one's cost and no
    circle's size; the swap partner is someone of the same sector where possible, so the
    circles' mix stays as the solver balanced it. A swap that would leave either circle below a
    sector minimum is not made: the rules come first, and the person stays where they are.
    """
    groups = [{**group, "members": list(group["members"])} for group in groups]
    circles = {(group["topic"], group["index"]): group for group in groups}
    home = {member: group for group in groups for member in group["members"]}
    for person, index in sorted(desired.items()):
        current = home.get(person)
        target = circles.get((current["topic"], index)) if current else None
        if target is None or target is current:
            continue
        partners = [m for m in target["members"] if desired.get(m) != index]
        partners.sort(key=lambda m: sectors[m] != sectors[person])  # same sector first
        rules = minimums or {}
        allowed = (m for m in partners if _keeps_rules(person, m, current, target, sectors, rules))
        partner = next(allowed, None)
        if partner is None:
            continue
        current["members"][current["members"].index(person)] = partner
        target["members"][target["members"].index(partner)] = person
        home[person], home[partner] = target, current
    return groups


def _keeps_rules(person, partner, current, target, sectors, minimums) -> bool:
    """Whether each circle still has its minimum of the sector it gives away."""
    if sectors[person] == sectors[partner]:
        return True
    for leaving, circle in ((person, current), (partner, target)):
        sector = sectors[leaving]
        remaining = sum(1 for m in circle["members"] if sectors[m] == sector) - 1
        if remaining < minimums.get(sector, 0):
            return False
    return True


def move_person(*, run: AssignmentRun, placement: Placement, topic, index: int) -> float:
    """Move one person of a proposal to circle (`topic`, `index`); returns the cost change.

    `placement` is the row as the organizer saw it: if someone else moved the person in the
    meantime, the move is refused instead of silently overwriting theirs.
    """
    with transaction.atomic():
        locked_run = AssignmentRun.objects.select_for_update().get(pk=run.pk)
        if not locked_run.is_proposed:
            raise ActionRefused(_("This proposal is locked; people can no longer be moved."))
        changed = Placement.objects.filter(
            pk=placement.pk, run=run, topic_id=placement.topic_id, index=placement.index
        ).update(topic=topic, index=index, source=Placement.Source.MANUAL)
        if not changed:
            raise ActionRefused(
                _("Someone else moved this person in the meantime. Please check and try again.")
            )
    problem = solver_problem(run)
    person = str(placement.registration_id)
    return placement_cost(problem, person, topic.slug) - placement_cost(
        problem, person, placement.topic.slug
    )


@transaction.atomic
def pin_to_topic(*, edition, registration, topic, user) -> TopicPin:
    _refuse_if_locked(edition)
    pin, _created = TopicPin.objects.update_or_create(
        registration=registration, defaults={"edition": edition, "topic": topic, "created_by": user}
    )
    return pin


@transaction.atomic
def unpin(*, pin: TopicPin) -> None:
    _refuse_if_locked(pin.edition)
    pin.delete()
