"""Changing the members of a locked ("fixed") assignment: move, add, remove, unlock.

Every change is one transaction and one MembershipChange row (who, from where to where, why,
by whom). Access to a workspace follows the CircleMember row (boards.access), so removing the
row closes the workspace to the person and adding one opens it.

Emails: before the assignment is published nobody has been told a circle yet, so a change
sends nothing (publishing tells everyone their circle as it is then). Once it is published,
each change emails the person once and each affected circle's moderator once (keys per change).

After publishing, the assignment can no longer be unlocked (people were told their circles;
move them one by one instead); once the edition's results are published, the circles are
history and nothing changes any more.
"""

from django.db import transaction
from django.utils.translation import gettext as _

from klimakreise.circles import emails
from klimakreise.circles.models import (
    AssignmentRun,
    Circle,
    CircleMember,
    MembershipChange,
    Placement,
)
from klimakreise.circles.services.runs import LOCKED_STATUSES, ActionRefused
from klimakreise.editions.services import mark_cancelled_topics
from klimakreise.registrations.models import Registration

Kind = MembershipChange.Kind


def locked_run_of(edition) -> AssignmentRun | None:
    return AssignmentRun.objects.filter(edition=edition, status__in=LOCKED_STATUSES).first()


def _lock_run(edition) -> AssignmentRun:
    """The edition's locked run, under a row lock: changes of one edition happen one by one."""
    run = (
        AssignmentRun.objects.select_for_update()
        .filter(edition_id=edition.pk, status__in=LOCKED_STATUSES)
        .first()
    )
    if run is None:
        raise ActionRefused(_("The assignment of this edition is not locked."))
    if edition.results_are_published:
        raise ActionRefused(
            _("The results of this edition are published; its circles can no longer change.")
        )
    return run


def _record(edition, registration, kind, *, actor, reason="", from_circle=None, to_circle=None):
    return MembershipChange.objects.create(
        edition=edition,
        registration=registration,
        kind=kind,
        from_circle=from_circle,
        to_circle=to_circle,
        reason=reason.strip(),
        actor=actor,
    )


def _reachable(registration) -> bool:
    return bool(registration.email) and registration.anonymized_at is None


def _notify(run: AssignmentRun, change: MembershipChange) -> None:
    """Queue the person's and the moderators' emails, once the assignment is published."""
    if run.status != AssignmentRun.Status.PUBLISHED:
        return
    person = {
        Kind.ADDED: emails.send_member_added,
        Kind.SUGGESTION: emails.send_member_added,
        Kind.MOVED: emails.send_member_moved,
        Kind.REMOVED: emails.send_member_removed,
    }.get(change.kind)  # a cancelled person already got the registration's own email
    if person is not None and _reachable(change.registration):
        person(change=change)
    for circle in (change.from_circle, change.to_circle):
        if circle is not None and circle.moderator and circle.moderator.email:
            emails.send_moderator_notice(change=change, circle=circle)


def _check_circle(circle: Circle, edition) -> None:
    if circle.edition_id != edition.pk:
        raise ActionRefused(_("Please choose a circle of this edition."))


def move_member(*, member: CircleMember, to_circle: Circle, actor, reason: str = ""):
    """Move a member to another circle of the same edition."""
    with transaction.atomic():
        edition = member.circle.edition
        run = _lock_run(edition)
        _check_circle(to_circle, edition)
        fresh = CircleMember.objects.select_for_update().filter(pk=member.pk).first()
        if fresh is None or fresh.circle_id != member.circle_id:
            raise ActionRefused(
                _("Someone else changed this member in the meantime. Please check and try again.")
            )
        if fresh.circle_id == to_circle.pk:
            raise ActionRefused(_("The person is already in this circle."))
        fresh.circle = to_circle
        fresh.save(update_fields=["circle"])
        change = _record(
            edition,
            member.registration,
            Kind.MOVED,
            actor=actor,
            reason=reason,
            from_circle=member.circle,
            to_circle=to_circle,
        )
        _notify(run, change)
    return change


def add_member(*, registration, circle: Circle, actor, reason: str = "", kind=Kind.ADDED):
    """Put a registered person who has no circle yet into `circle`."""
    with transaction.atomic():
        run = _lock_run(circle.edition)
        registration = Registration.objects.select_for_update().get(pk=registration.pk)
        if registration.edition_id != circle.edition_id:
            raise ActionRefused(_("Please choose a circle of this edition."))
        if registration.status != Registration.Status.REGISTERED:
            raise ActionRefused(_("Only registered people (not waitlisted) can join a circle."))
        if CircleMember.objects.filter(registration=registration).exists():
            raise ActionRefused(_("%(name)s already has a circle.") % {"name": registration.name})
        CircleMember.objects.create(circle=circle, registration=registration)
        change = _record(
            circle.edition, registration, kind, actor=actor, reason=reason, to_circle=circle
        )
        _notify(run, change)
    return change


def confirm_suggestion(*, registration, circle: Circle, actor) -> MembershipChange:
    """An organizer accepts the suggested circle of a person who registered after locking."""
    return add_member(registration=registration, circle=circle, actor=actor, kind=Kind.SUGGESTION)


def remove_member(*, member: CircleMember, actor, reason: str = ""):
    """Take a member out of her circle (and its workspace); the registration stays."""
    with transaction.atomic():
        edition = member.circle.edition
        run = _lock_run(edition)
        unchanged = CircleMember.objects.filter(pk=member.pk, circle_id=member.circle_id)
        if not unchanged.delete()[0]:
            raise ActionRefused(
                _("Someone else changed this member in the meantime. Please check and try again.")
            )
        change = _record(
            edition,
            member.registration,
            Kind.REMOVED,
            actor=actor,
            reason=reason,
            from_circle=member.circle,
        )
        _notify(run, change)
    return change


def release_cancelled(*, registration, actor=None) -> MembershipChange | None:
    """A cancelled person frees her seat in the circle; the moderator hears of it.

    Runs even after the results are published: a cancelled person never stays a member."""
    with transaction.atomic():
        member = (
            CircleMember.objects.select_for_update(of=("self",))
            .select_related("circle__edition", "circle__moderator", "registration")
            .filter(registration=registration)
            .first()
        )
        if member is None:
            return None
        edition = member.circle.edition
        run = AssignmentRun.objects.filter(edition=edition, status__in=LOCKED_STATUSES).first()
        member.delete()
        change = _record(
            edition, registration, Kind.CANCELLED, actor=actor, from_circle=member.circle
        )
        if run is not None:
            _notify(run, change)
    return change


def unfix_assignment(*, edition, actor, reason: str = "") -> AssignmentRun:
    """Turn the locked assignment back into a proposal that matches the circles as they are.

    Refused once published: the participants were told their circles.
    """
    with transaction.atomic():
        run = _lock_run(edition)
        if run.status == AssignmentRun.Status.PUBLISHED:
            raise ActionRefused(
                _(
                    "The assignment is published: the participants were told their circles. "
                    "Move, add or remove members instead of unlocking it."
                )
            )
        _placements_from_members(run)
        CircleMember.objects.filter(circle__edition=edition).delete()
        run.status = AssignmentRun.Status.PROPOSED
        run.locked_at = None
        run.save(update_fields=["status", "locked_at"])
        # Without a fixed assignment no announced topic is known not to take place.
        mark_cancelled_topics(
            edition=edition, running_topic_ids=edition.topics.values_list("pk", flat=True)
        )
        _record(edition, None, Kind.UNFIXED, actor=actor, reason=reason)
    return run


def _placements_from_members(run: AssignmentRun) -> None:
    """The proposal keeps every change made while it was locked (as manual moves)."""
    members = CircleMember.objects.filter(circle__edition=run.edition).select_related("circle")
    before = {p.registration_id: p for p in run.placements.all()}
    run.placements.all().delete()
    Placement.objects.bulk_create(
        Placement(
            run=run,
            registration_id=m.registration_id,
            topic_id=m.circle.topic_id,
            index=m.circle.index,
            source=_source(before.get(m.registration_id), m.circle),
        )
        for m in members
    )


def _source(placement, circle) -> str:
    if placement is not None and placement.topic_id == circle.topic_id:
        return placement.source
    return Placement.Source.MANUAL
