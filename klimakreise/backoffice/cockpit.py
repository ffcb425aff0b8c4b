"""The cockpit of an edition: where it stands, its key numbers, what is wrong, what comes next.

It reads circles, registrations and the outbox, which the editions app below them must not know,
so the read model is built here, in the interface layer. It costs a fixed number of queries,
however many people and circles the edition has.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from klimakreise.circles.models import AssignmentRun, Circle, CircleMember
from klimakreise.editions.models import Edition
from klimakreise.outbox.models import OutboxEmail
from klimakreise.registrations.models import Preference, Registration

PLANNING, REGISTRATION, ASSIGNMENT = "planning", "registration", "assignment"
RUNNING, DOCUMENTATION, FOLLOW_UP = "running", "documentation", "follow_up"
PHASES = (
    (PLANNING, _("Planning")),
    (REGISTRATION, _("Registration")),
    (ASSIGNMENT, _("Assignment")),
    (RUNNING, _("Running")),
    (DOCUMENTATION, _("Documentation")),
    (FOLLOW_UP, _("Follow-up")),
)


def edition_phase(edition: Edition, *, assignment_locked: bool, now: datetime) -> str:
    """The phase an edition is in, from its status and dates, whether its assignment is locked
    and whether its results are published; later evidence wins over an outdated status."""
    if edition.results_are_published:
        return FOLLOW_UP
    if edition.status == Edition.Status.DOCUMENTED or edition.end <= now:
        return DOCUMENTATION
    if assignment_locked or edition.status == Edition.Status.RUNNING:
        return RUNNING
    if edition.registration_is_open(now=now):
        return REGISTRATION
    closes = edition.registration_closes_at
    window_over = edition.status == Edition.Status.PUBLISHED and closes and closes <= now
    if edition.status == Edition.Status.REGISTRATION_CLOSED or window_over:
        return ASSIGNMENT
    return PLANNING


@dataclass(frozen=True)
class Step:
    key: str
    label: str
    state: str  # "done", "current" or "upcoming"


@dataclass(frozen=True)
class Problem:
    message: str
    count: int
    fix_url: str
    fix_label: str


@dataclass(frozen=True)
class Tally:
    label: str
    confirmed: int
    extra: int = 0  # per topic: members of its circles


@dataclass
class Cockpit:
    phase: str
    steps: list[Step]
    numbers: dict[str, int]
    per_topic: list[Tally] = field(default_factory=list)
    per_sector: list[Tally] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    next_step: tuple[str, str] | None = None  # (label, URL)


def build_cockpit(edition: Edition, *, now: datetime | None = None) -> Cockpit:
    now = now or timezone.now()
    run = (
        AssignmentRun.objects.filter(edition=edition, status__in=["locked", "published"])
        .only("status")
        .first()
    )
    phase = edition_phase(edition, assignment_locked=run is not None, now=now)
    numbers = registration_numbers(edition)
    return Cockpit(
        phase=phase,
        steps=timeline(phase),
        numbers=numbers,
        per_topic=topic_counts(edition),
        per_sector=sector_counts(edition),
        problems=open_problems(edition, phase=phase, numbers=numbers, locked=run is not None),
        next_step=next_step(edition, phase=phase, run=run),
    )


def timeline(phase: str) -> list[Step]:
    keys = [key for key, _label in PHASES]
    current = keys.index(phase)
    states = ["done"] * current + ["current"] + ["upcoming"] * (len(keys) - current - 1)
    return [
        Step(key, str(label), state) for (key, label), state in zip(PHASES, states, strict=True)
    ]


def registration_numbers(edition: Edition) -> dict[str, int]:
    status = Registration.Status
    active = ~Q(status=status.CANCELLED)
    return Registration.objects.filter(edition=edition).aggregate(
        registered=Count("pk", filter=active),
        confirmed=Count("pk", filter=Q(status=status.REGISTERED)),
        waitlisted=Count("pk", filter=Q(status=status.WAITLISTED)),
        checked_in=Count("pk", filter=active & Q(checked_in_at__isnull=False)),
        unassigned=Count("pk", filter=Q(status=status.REGISTERED, circle_membership__isnull=True)),
    )


def topic_counts(edition: Edition) -> list[Tally]:
    """Confirmed people whose first wish is the topic, and the members of its circles."""
    wishes = dict(
        Preference.objects.filter(
            registration__edition=edition,
            registration__status=Registration.Status.REGISTERED,
            rank=1,
        )
        .values_list("topic")
        .annotate(n=Count("pk"))
    )
    members = dict(
        CircleMember.objects.filter(circle__edition=edition)
        .values_list("circle__topic")
        .annotate(n=Count("pk"))
    )
    return [
        Tally(topic.title, wishes.get(topic.pk, 0), members.get(topic.pk, 0))
        for topic in edition.topics.all()
    ]


def sector_counts(edition: Edition) -> list[Tally]:
    counts = dict(
        Registration.objects.filter(edition=edition, status=Registration.Status.REGISTERED)
        .values_list("sector")
        .annotate(n=Count("pk"))
    )
    return [Tally(s.title, counts.get(s.pk, 0)) for s in edition.series.sectors.all()]


def _url(name: str, edition: Edition, anchor: str = "") -> str:
    return reverse(name, kwargs={"slug": edition.slug}) + anchor


def open_problems(edition: Edition, *, phase: str, numbers: dict, locked: bool) -> list[Problem]:
    """Each problem with how many things it concerns and the page that fixes it."""
    problems = []
    if locked and numbers["unassigned"]:
        problems.append(_unassigned(edition, numbers["unassigned"]))
    if locked:
        problems += _topics_under_minimum(edition)
        problems += _circles_too_small(edition)
    problems += _circle_problems(edition)
    failed = OutboxEmail.objects.filter(edition=edition, status=OutboxEmail.Status.FAILED).count()
    if failed:
        message = ngettext(
            "%(count)d email could not be sent.", "%(count)d emails could not be sent.", failed
        )
        problems.append(
            Problem(
                message % {"count": failed},
                failed,
                _url("outbox:edition", edition),
                str(_("Open the email outbox")),
            )
        )
    if phase == DOCUMENTATION:
        problems.append(
            Problem(
                str(_("The results are not published yet.")),
                1,
                _url("results:review", edition),
                str(_("Review and publish the results")),
            )
        )
    return problems


def _unassigned(edition: Edition, count: int) -> Problem:
    message = ngettext(
        "%(count)d confirmed person is in no circle.",
        "%(count)d confirmed people are in no circle.",
        count,
    )
    return Problem(
        message % {"count": count},
        count,
        _url("circles:members", edition),
        str(_("Place them in circles")),
    )


def _topics_under_minimum(edition: Edition) -> list[Problem]:
    """Topics marked as sure to take place that have fewer circles than they must."""
    short = (
        edition.topics.filter(min_groups__gt=0)
        .annotate(opened=Count("circles"))
        .filter(opened__lt=F("min_groups"))
    )
    message = _("%(topic)s must run in at least %(minimum)d circles but has %(opened)d.")
    return [
        Problem(
            message % {"topic": t.title, "minimum": t.min_groups, "opened": t.opened},
            t.min_groups - t.opened,
            _url("circles:assignment", edition),
            str(_("Open the circle assignment")),
        )
        for t in short
    ]


def _circles_too_small(edition: Edition) -> list[Problem]:
    """Fixed circles that fell under their topic's minimum (after cancellations or moves)."""
    count = (
        Circle.objects.filter(edition=edition)
        .annotate(size=Count("members"))
        .filter(size__lt=F("topic__min_size"))
        .count()
    )
    if not count:
        return []
    message = ngettext(
        "%(count)d circle is below its minimum size.",
        "%(count)d circles are below their minimum size.",
        count,
    )
    members = str(_("Open the circle members"))
    return [Problem(message % {"count": count}, count, _url("circles:members", edition), members)]


def _circle_problems(edition: Edition) -> list[Problem]:
    counts = Circle.objects.filter(edition=edition).aggregate(
        moderator=Count("pk", filter=Q(moderator__isnull=True, moderator_name="")),
        expert=Count("pk", filter=Q(expert__isnull=True, expert_name="")),
    )
    # No "video room missing" any more: every circle gets its room (circles.video).
    fix_url = _url("backoffice:edition_details", edition, "#circles-heading")
    return [
        Problem(_circle_message(key, n) % {"count": n}, n, fix_url, str(_("Edit the circles")))
        for key, n in counts.items()
        if n
    ]


def _circle_message(key: str, count: int) -> str:
    if key == "moderator":
        return ngettext(
            "%(count)d circle has no moderator.", "%(count)d circles have no moderator.", count
        )
    return ngettext("%(count)d circle has no expert.", "%(count)d circles have no expert.", count)


NEXT_STEPS = {
    PLANNING: (_("Open the registration"), "backoffice:edition_details", "#status-heading"),
    REGISTRATION: (_("Follow the registrations"), "registrations_organizer:list", ""),
    ASSIGNMENT: (_("Assign people to circles and lock the assignment"), "circles:assignment", ""),
    RUNNING: (_("Check people in"), "registrations_organizer:checkin", ""),
    DOCUMENTATION: (_("Review and publish the results"), "results:review", ""),
    FOLLOW_UP: (_("Plan the next edition from this one"), "backoffice:edition_clone", ""),
}


def next_step(edition: Edition, *, phase: str, run) -> tuple[str, str]:
    if phase == PLANNING and not edition.topics.all():
        return str(_("Add the first topic")), _url("backoffice:topic_create", edition)
    if phase == RUNNING and run is not None and run.status != AssignmentRun.Status.PUBLISHED:
        return str(_("Publish the assignment to the participants")), _url(
            "circles:assignment", edition
        )
    label, name, anchor = NEXT_STEPS[phase]
    return str(label), _url(name, edition, anchor)
