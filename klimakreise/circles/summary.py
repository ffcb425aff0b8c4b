"""What locking, publishing or unlocking an assignment would do, shown before it is done:
the circles with their sizes and warnings, and how many emails go to whom."""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from klimakreise.circles.evaluation import evaluate_run, size_warnings
from klimakreise.circles.models import AssignmentRun, Circle, CircleMember
from klimakreise.circles.problem import registered
from klimakreise.circles.services.locking import told_by_a_change
from klimakreise.outbox.models import OutboxEmail


@dataclass
class CircleLine:
    name: str
    size: int
    warnings: list[str]
    moderator: str = ""


@dataclass
class Summary:
    circles: list[CircleLine]
    participant_emails: int = 0
    moderator_emails: int = 0
    unassigned: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def warning_count(self) -> int:
        return len(self.warnings) + sum(len(line.warnings) for line in self.circles)

    @property
    def emails(self) -> int:
        return self.participant_emails + self.moderator_emails


def lock_summary(run: AssignmentRun) -> Summary:
    """Locking sends no email; it sets up the proposal's circles as they are on the page."""
    proposal = evaluate_run(run)
    # Locking keeps the circles that exist (with their staff) where topic and number match.
    existing = {
        (circle.topic_id, circle.index): circle
        for circle in Circle.objects.filter(edition=run.edition).select_related("moderator")
    }
    lines = []
    for group in proposal.groups:
        circle = existing.get((group.circle.topic_id, group.circle.index))
        moderator = circle.staff_display("moderator") if circle else ""
        lines.append(CircleLine(group.circle.name, len(group.rows), group.warnings, moderator))
    return Summary(lines, unassigned=proposal.missing, warnings=proposal.closed_topics)


def members_of_circles(edition):
    """The edition's circles with members, staff and topic, in a fixed number of queries."""
    members = CircleMember.objects.select_related(
        "registration__sector", "registration__organization"
    ).order_by("registration__name", "pk")
    return (
        Circle.objects.filter(edition=edition)
        .select_related("topic", "moderator", "edition__series")
        .prefetch_related(Prefetch("members", queryset=members))
    )


def circle_lines(circles, *, include_empty: bool = False) -> list[CircleLine]:
    """Name, size, size warnings and moderator per circle (empty circles only if asked)."""
    lines = []
    for circle in circles:
        size = len(circle.members.all())
        if size or include_empty:
            warnings = size_warnings(circle.topic, size)
            lines.append(CircleLine(circle.name, size, warnings, circle.staff_display("moderator")))
    return lines


def publish_summary(run: AssignmentRun) -> Summary:
    """The emails publish_run would queue now (those queued before are not sent again)."""
    circles = list(members_of_circles(run.edition))
    keys = {}
    told = told_by_a_change(run)
    for circle in circles:
        for member in circle.members.all():
            registration = member.registration
            if (registration.pk, circle.pk) in told:
                continue
            if registration.email and not registration.anonymized_at:
                keys[f"circles:assignment:{run.pk}:{registration.pk}"] = "participant"
        if circle.members.all() and circle.moderator and circle.moderator.email:
            keys[f"circles:member-list:{run.pk}:{circle.pk}:{circle.moderator.pk}"] = "moderator"
    sent = set(OutboxEmail.objects.filter(key__in=keys).values_list("key", flat=True))
    kinds = [kind for key, kind in keys.items() if key not in sent]
    return Summary(
        circle_lines(circles),
        participant_emails=kinds.count("participant"),
        moderator_emails=kinds.count("moderator"),
        unassigned=registered(run.edition).filter(circle_membership__isnull=True).count(),
    )


def unfix_summary(run: AssignmentRun) -> Summary:
    """Unlocking sends no email; it empties the circles and lets people change their wishes."""
    return Summary(circle_lines(members_of_circles(run.edition)))
