"""The public reads of an edition, shared by its page, the API, sign-up and the results.

These run on every uncached visit to the most visited pages and on every sign-up, so each is a
PreparedQuery."""

from dataclasses import dataclass

from klimakreise.core.prepared import PreparedQuery
from klimakreise.editions.models import AgendaItem, Attachment, Edition, Partner, Topic
from klimakreise.organizations.models import Sector


def public_edition_queryset():
    return Edition.objects.public().select_related("series", "previous", "documentation")


@dataclass(frozen=True)
class Program:
    """What the public sees of an edition besides the edition itself (page and API)."""

    agenda: list[AgendaItem]
    topics: list[Topic]
    partners: list[Partner]


# Plain queries, one per list, compiled once per connection (see core.prepared): on these pages
# a prefetch or compiling the SQL anew would cost more than running the query.
_public_edition = PreparedQuery(lambda slug: public_edition_queryset().filter(slug=slug), slug=str)
agenda_of = PreparedQuery(
    lambda edition_id: AgendaItem.objects.filter(edition_id=edition_id).select_related(
        "organization"
    ),
    edition_id=int,
)
topics_of = PreparedQuery(
    lambda edition_id: Topic.objects.filter(edition_id=edition_id), edition_id=int
)
partners_of = PreparedQuery(
    lambda edition_id: Partner.objects.filter(edition_id=edition_id).select_related("organization"),
    edition_id=int,
)
# What a sign-up offers (form, API, change of wishes): a topic's slug and title only, as its
# description and input can be long texts, and the series' sectors.
wish_topics_of = PreparedQuery(
    lambda edition_id: Topic.objects.filter(edition_id=edition_id).only(
        "slug", "title", "cancelled"
    ),
    edition_id=int,
)
sectors_of = PreparedQuery(
    lambda series_id: Sector.objects.filter(series_id=series_id), series_id=int
)
edition_files_of = PreparedQuery(
    lambda edition_id: Attachment.objects.filter(edition_id=edition_id, circle__isnull=True),
    edition_id=int,
)


def get_public_edition(slug: str) -> Edition:
    """The edition with its series, previous edition and documentation, if public; else 404."""
    return _public_edition.first_or_404(slug=slug)


def public_program(edition) -> Program:
    return Program(
        agenda=agenda_of(edition_id=edition.pk),
        topics=topics_of(edition_id=edition.pk),
        partners=partners_of(edition_id=edition.pk),
    )
