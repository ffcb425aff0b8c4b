"""Demo: the past editions' registered participants are placed in their circles by the solver;
the upcoming edition's assignment stays open so organizers can run it themselves."""

import logging

from klimakreise.assignment import Infeasible
from klimakreise.circles.models import AssignmentRun, CircleMember
from klimakreise.circles.problem import registered
from klimakreise.circles.services import lock_run, run_assignment
from klimakreise.demo.context import DemoContext

logger = logging.getLogger(__name__)

PAST_EDITIONS = ("magdeburg-2021", "magdeburg-2022")
DEMO_RULES = ({"verwaltung": 1}, {})  # tried in turn: with the diversity rule, then without


def load_circles(ctx: DemoContext) -> None:
    for slug in PAST_EDITIONS:
        edition = ctx.editions.get(slug)
        if edition is not None:
            assign_past_edition(edition, user=ctx.organizer)


def assign_past_edition(edition, *, user) -> None:
    """Same input, same seed, same circles: loading the demo twice gives the same members."""
    AssignmentRun.objects.filter(edition=edition).delete()
    CircleMember.objects.filter(circle__edition=edition).delete()
    if not registered(edition).exists():
        return
    for minimums in DEMO_RULES:
        try:
            run = run_assignment(
                edition=edition, user=user, minimums=minimums, time_limit=10, seed=0
            )
        except Infeasible as reason:
            logger.info("Demo assignment of %s with %s: %s", edition.slug, minimums, reason)
            continue
        lock_run(run=run)
        return
    logger.warning("Demo: the participants of %s could not be assigned.", edition.slug)
