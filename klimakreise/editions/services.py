"""Writes to series and editions. Every function runs in one transaction."""

from datetime import UTC, datetime, timedelta

from django.db import transaction

from klimakreise.editions.models import Edition, Series
from klimakreise.organizations.models import DEFAULT_SECTORS, Sector


@transaction.atomic
def create_series(*, title: str, slug: str, description: str = "", organizers=()) -> Series:
    series = Series.objects.create(title=title, slug=slug, description=description)
    series.organizers.set(organizers)
    Sector.objects.bulk_create(
        Sector(series=series, slug=slug, title=title, position=position)
        for position, (slug, title) in enumerate(DEFAULT_SECTORS)
    )
    return series


@transaction.atomic
def clone_edition(
    *, edition: Edition, number: int, title: str, slug: str, start: datetime, end: datetime
) -> Edition:
    """A new draft edition building on `edition`: topics, agenda and partners, no people."""
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
    _copy_children(edition.topics.all(), edition=clone)
    for item in edition.agenda_items.all():
        item.start = _shifted(item.start, shift)
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
