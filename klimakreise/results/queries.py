"""The results page's own reads, compiled once per connection (core.prepared).

Each runs on every uncached visit of the results page. The agenda, partners, circles and files are
read as plain rows, one query each for the whole edition: model instances would cost most of the
page's time. Cards, dots and names are read through boards.reading.
"""

from django.db.models import F

from klimakreise.circles.models import Circle
from klimakreise.core.prepared import PreparedQuery
from klimakreise.editions.models import AgendaItem, Attachment, Edition, Partner


def results_queryset():
    return Edition.objects.select_related("series", "documentation")


edition_with_results = PreparedQuery(lambda slug: results_queryset().filter(slug=slug), slug=str)

# The edition page reads the agenda and partners as model instances (editions.queries); the
# results only copy their values.
agenda_of = PreparedQuery(
    lambda edition_id: AgendaItem.objects.filter(edition_id=edition_id).values_list(
        "id", "start", "duration_minutes", "title", "kind", "speaker", "organization__name"
    ),
    edition_id=int,
)
partners_of = PreparedQuery(
    lambda edition_id: Partner.objects.filter(edition_id=edition_id).values_list(
        "organization__name", "organization__website", "role", "thanks"
    ),
    edition_id=int,
)

# The circles, their topics and notes. The staff's names: the account's, else the name typed in.
circles_of = PreparedQuery(
    lambda edition_id: (
        Circle.objects.filter(edition_id=edition_id)
        # Names of staff with an account, without loading whole user rows.
        .annotate(
            moderator_user=F("moderator__name"),
            expert_user=F("expert__name"),
            note_taker_user=F("note_taker__name"),
        )
        .values_list(
            "id",
            "index",
            "topic__slug",
            "topic__title",
            "topic__max_groups",
            "topic__description",
            "topic__input_title",
            "topic__input_expert",
            "notes__text",
            "moderator_name",
            "expert_name",
            "note_taker_name",
            "moderator_user",
            "expert_user",
            "note_taker_user",
        )
    ),
    edition_id=int,
)

files_of = PreparedQuery(
    lambda edition_id: Attachment.objects.filter(edition_id=edition_id).order_by(
        "uploaded_at", "id"
    ),
    edition_id=int,
)
