"""Writes to series and editions. Every function runs in one transaction."""

from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.dispatch import Signal

from klimakreise.core.cache import retire_public_pages
from klimakreise.editions.models import Edition, Series, Topic
from klimakreise.organizations.models import DEFAULT_SECTORS, Sector

# Sent by update_edition inside its transaction, after the edition row is locked and saved, with
# edition= (as saved) and before= {field name: stored value before the change} for each field
# that changed (a foreign key by its id). Apps built on editions keep what they derived from an
# edition up to date here (registrations: the waitlist and queued reminders); editions sits
# below them and must not import them. Receivers write in the same transaction: if one fails,
# the edition change rolls back with it.
edition_changed = Signal()


@transaction.atomic
def create_series(
    *, title: str, slug: str, description: str = "", organizers=(), time_zone: str = ""
) -> Series:
    series = Series.objects.create(
        title=title, slug=slug, description=description, time_zone=time_zone or settings.TIME_ZONE
    )
    series.organizers.set(organizers)
    Sector.objects.bulk_create(
        Sector(series=series, slug=slug, title=title, position=position)
        for position, (slug, title) in enumerate(DEFAULT_SECTORS)
    )
    return series


@transaction.atomic
def update_series(
    *, series: Series, title: str, slug: str, description: str, time_zone: str = ""
) -> Series:
    series.title, series.slug, series.description = title, slug, description
    series.time_zone = time_zone or series.time_zone
    series.save(update_fields=["title", "slug", "description", "time_zone"])
    return series


@transaction.atomic
def clone_edition(
    *, edition: Edition, number: int, title: str, slug: str, start: datetime, end: datetime
) -> Edition:
    """A new draft edition building on `edition`: topics, agenda and partners; no people (no
    speakers, experts, circles or registrations) and no results."""
    # Subtract in UTC: Python ignores the offsets of two datetimes with the same tzinfo, which
    # would move the agenda by an hour when one date is in summer time and the other is not.
    shift = start.astimezone(UTC) - edition.start.astimezone(UTC)
    clone = Edition.objects.create(
        series=edition.series,
        number=number,
        title=title,
        slug=slug,
        start=start,
        end=end,
        format=edition.format,
        venue=edition.venue,
        online_room_url=edition.online_room_url,
        get_together_start=_shifted(edition.get_together_start, shift),
        get_together_place=edition.get_together_place,
        capacity=edition.capacity,
        preference_ranks=edition.preference_ranks,
        intro=edition.intro,
        previous=edition,
    )
    topics = list(edition.topics.all())
    for topic in topics:
        topic.input_expert = ""  # the topic's input stays; who gives it is decided anew
        topic.cancelled = False  # whether it takes place is decided by the new assignment
    _copy_children(topics, edition=clone)
    for item in edition.agenda_items.all():
        item.start = _shifted(item.start, shift)
        item.speaker, item.organization = "", None
        _copy_children([item], edition=clone)
    _copy_children(edition.partners.all(), edition=clone)
    return clone


def _shifted(moment: datetime | None, shift: timedelta) -> datetime | None:
    # Add in UTC: adding to a local time would keep the wall clock across a summer-time change.
    return moment.astimezone(UTC) + shift if moment else None


def _copy_children(objects, *, edition: Edition) -> None:
    for obj in objects:
        obj.pk = None
        obj._state.adding = True
        obj.edition = edition
        obj.save()


@transaction.atomic
def update_edition(*, edition: Edition, changes: dict) -> Edition:
    """Save organizers' changes to an edition's own fields (as validated by the back-office
    form) and tell edition_changed what changed; the saved edition."""
    # Lock the row first and compare with what is stored, not with `edition`: a model form has
    # already written the new values onto its instance. The lock is the one cancellations and
    # confirmations take before counting seats, so a raised capacity and a concurrent
    # cancellation are applied one after the other and never hand out a seat twice.
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    fields = [Edition._meta.get_field(name) for name in changes]
    stored = {field.name: field.value_from_object(locked) for field in fields}
    for name, value in changes.items():
        setattr(locked, name, value)
    before = {
        field.name: stored[field.name]
        for field in fields
        if field.value_from_object(locked) != stored[field.name]
    }
    if before:
        locked.save(update_fields=[*before, "updated_at"])
        edition_changed.send(sender=Edition, edition=locked, before=before)
    return locked


@transaction.atomic
def change_edition_status(*, edition: Edition, status: str) -> Edition:
    edition.status = Edition.Status(status)
    edition.save(update_fields=["status", "updated_at"])
    return edition


@transaction.atomic
def add_series_organizer(*, series: Series, user) -> None:
    series.organizers.add(user)


@transaction.atomic
def remove_series_organizer(*, series: Series, user) -> None:
    series.organizers.remove(user)


@transaction.atomic
def mark_cancelled_topics(*, edition: Edition, running_topic_ids) -> list[Topic]:
    """Mark the topics of `edition` without a circle as not taking place (and the others as
    taking place); the fixed assignment decides it. Returns the cancelled topics."""
    running = set(running_topic_ids)
    topics = edition.topics.all()
    topics.filter(pk__in=running).update(cancelled=False)
    topics.exclude(pk__in=running).update(cancelled=True)
    # update() sends no post_save, so the cached public pages are retired here.
    retire_public_pages()
    return list(topics.filter(cancelled=True))
