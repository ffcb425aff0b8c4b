"""Locking a proposal into circles and members, and telling everyone their circle."""

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from klimakreise.circles import emails
from klimakreise.circles.models import AssignmentRun, Circle, CircleMember, MembershipChange
from klimakreise.circles.services.runs import ActionRefused, is_edition_locked
from klimakreise.editions.services import mark_cancelled_topics
from klimakreise.registrations.models import Registration


def lock_run(*, run: AssignmentRun) -> list[Circle]:
    """Turn a proposal into the edition's circles and members, all in one transaction.

    Groups are numbered 1, 2, … per topic in their order (a group emptied by manual moves leaves
    no gap). Existing circles (e.g. the foundation's "index 1" with staff and room) are reused;
    circles no group needs are removed when nothing hangs on them (cards, files, notes).
    People who cancelled since the run are left out.
    """
    try:
        with transaction.atomic():
            run = AssignmentRun.objects.select_for_update().select_related("edition").get(pk=run.pk)
            if not run.is_proposed or is_edition_locked(run.edition):
                raise ActionRefused(_("The assignment of this edition is already locked."))
            circles = _create_circles_and_members(run)
            mark_cancelled_topics(
                edition=run.edition, running_topic_ids={c.topic_id for c in circles}
            )
            run.status = AssignmentRun.Status.LOCKED
            run.locked_at = timezone.now()
            run.save(update_fields=["status", "locked_at"])
    except IntegrityError as clash:  # another organizer locked at the same moment
        raise ActionRefused(_("The assignment of this edition is already locked.")) from clash
    return circles


def _create_circles_and_members(run: AssignmentRun) -> list[Circle]:
    placements = run.placements.filter(
        registration__status=Registration.Status.REGISTERED
    ).select_related("topic")
    groups = defaultdict(lambda: defaultdict(list))  # topic → old index → registration ids
    for placement in placements:
        groups[placement.topic][placement.index].append(placement.registration_id)
    existing = {(c.topic_id, c.index): c for c in Circle.objects.filter(edition=run.edition)}
    circles, members = [], []
    for topic in sorted(groups, key=lambda t: (t.position, t.pk)):
        for new_index, old_index in enumerate(sorted(groups[topic]), 1):
            circle = existing.get((topic.pk, new_index)) or Circle.objects.create(
                edition=run.edition, topic=topic, index=new_index
            )
            circles.append(circle)
            members += [
                CircleMember(circle=circle, registration_id=pk) for pk in groups[topic][old_index]
            ]
    CircleMember.objects.filter(circle__edition=run.edition).delete()
    CircleMember.objects.bulk_create(members)
    _remove_surplus_circles(run.edition, keep=circles)
    return circles


def _has_content(circle: Circle) -> bool:
    """Whether any other app keeps something on the circle (board cards, notes, files, …)."""
    return any(
        relation.related_model._default_manager.filter(**{relation.field.name: circle}).exists()
        for relation in Circle._meta.related_objects
        if relation.related_model is not MembershipChange  # history, not content
    )


def _remove_surplus_circles(edition, *, keep: list[Circle]) -> None:
    surplus = Circle.objects.filter(edition=edition).exclude(pk__in=[c.pk for c in keep])
    for circle in surplus:
        if not _has_content(circle):
            circle.delete()


def publish_run(*, run: AssignmentRun) -> int:
    """Queue each member's "your circle" email and each moderator's member list.

    Each message has a key per run and person (or circle), so publishing again queues only
    what is new (e.g. after a moderator was added). Returns the number of messages queued
    or already queued.
    """
    with transaction.atomic():
        run = AssignmentRun.objects.select_for_update().select_related("edition").get(pk=run.pk)
        if run.is_proposed:
            raise ActionRefused(_("Lock the assignment before you publish it."))
        sent = 0
        starts_at = emails.circle_time(run.edition)  # the same for every message
        told = told_by_a_change(run)
        for circle in _circles_with_members(run.edition):
            for member in circle.members.all():
                if (member.registration_id, circle.pk) in told:
                    continue
                if member.registration.email and not member.registration.anonymized_at:
                    emails.send_circle_assignment(
                        run=run,
                        circle=circle,
                        registration=member.registration,
                        starts_at=starts_at,
                    )
                    sent += 1
            if circle.moderator and circle.moderator.email:
                emails.send_circle_member_list(run=run, circle=circle, starts_at=starts_at)
                sent += 1
        run.status = AssignmentRun.Status.PUBLISHED
        run.published_at = run.published_at or timezone.now()
        run.save(update_fields=["status", "published_at"])
    return sent


def told_by_a_change(run: AssignmentRun) -> set[tuple[int, int]]:
    """(registration, circle) pairs whose member was emailed her circle by a change after
    publishing (added or moved there): publishing again does not tell her a second time."""
    if run.published_at is None:
        return set()
    changes = MembershipChange.objects.filter(
        edition=run.edition, created_at__gte=run.published_at, to_circle__isnull=False
    )
    return set(changes.values_list("registration_id", "to_circle_id"))


def _circles_with_members(edition):
    return (
        Circle.objects.filter(edition=edition, members__isnull=False)
        .distinct()
        .select_related("topic", "moderator", "edition__series")
        .prefetch_related("members__registration__organization", "members__registration__sector")
    )
