"""The public reads of the steps, compiled once per connection (core.prepared).

The Rückblick runs on every uncached visit of an edition's page and of its results page, and the
results page asks which responsible fields the step owners hide: each of these reads is the same
small query every time, only the edition differs, so compiling its SQL anew would cost more than
running it (docs/decisions.md, "Hot reads compile their SQL once").
"""

from django.db.models import BooleanField, ExpressionWrapper, OuterRef, Subquery

from klimakreise.boards.models import Card
from klimakreise.boards.reading import revealed
from klimakreise.core.prepared import PreparedQuery
from klimakreise.editions.models import Edition
from klimakreise.registrations.models import Registration, listed_publicly
from klimakreise.steps.models import StepFollowUp, StepUpdate
from klimakreise.steps.services import STEP_COLUMNS

# The edition of the same series with the next-lower number (its results may be unpublished),
# with the documentation that says whether they are.
edition_before = PreparedQuery(
    lambda series_id, number: (
        Edition.objects.filter(series_id=series_id, number__lt=number)
        .select_related("documentation")
        .order_by("-number")[:1]
    ),
    series_id=int,
    number=int,
)
# Everyone registered for an edition, by name, and whether they may be named in public.
people_of = PreparedQuery(
    lambda edition_id: (
        Registration.objects.filter(edition_id=edition_id)
        .annotate(listed=ExpressionWrapper(listed_publicly(), output_field=BooleanField()))
        .order_by()
        .values_list("name", "listed")
    ),
    edition_id=int,
)


def _newest(field: str) -> Subquery:
    """A field of the step's newest update with a note."""
    updates = StepUpdate.objects.filter(card=OuterRef("pk")).exclude(note="").order_by("-at", "-id")
    return Subquery(updates.values(field)[:1])


# Every step of an edition by circle, with its newest note and who looks after it.
steps_of = PreparedQuery(
    lambda edition_id: (
        revealed(Card.objects.filter(circle__edition_id=edition_id, column__in=STEP_COLUMNS))
        .annotate(
            note=_newest("note"),
            note_at=_newest("at"),
            owner_listed=ExpressionWrapper(
                listed_publicly("follow_up__registration__"), output_field=BooleanField()
            ),
        )
        .order_by(
            "circle__topic__position", "circle__topic_id", "circle__index", "column", "position"
        )
        .values(
            "id",
            "text",
            "responsible",
            "due_date",
            "status",
            "updated_at",
            "note",
            "note_at",
            "owner_listed",
            "follow_up__registration_id",
            "follow_up__contact_name",
            "circle__index",
            "circle__topic__title",
            "circle__topic__max_groups",
        )
    ),
    edition_id=int,
)

# Who looks after each step of an edition that has someone: the responsible field may hide.
owners_of = PreparedQuery(
    lambda edition_id: (
        StepFollowUp.objects.filter(card__circle__edition_id=edition_id)
        .annotate(
            owner_listed=ExpressionWrapper(
                listed_publicly("registration__"), output_field=BooleanField()
            )
        )
        .values_list(
            "card_id", "card__responsible", "registration_id", "owner_listed", "contact_name"
        )
    ),
    edition_id=int,
)
