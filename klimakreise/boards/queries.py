"""The board's and the results' hottest reads, compiled once per connection (core.prepared).

Only the public pages' reads live here: the board's refresh (500 viewers every 3 s) and the
edition-wide reads behind the results page, whose cards, dots and names are read as plain rows,
one query each for the whole edition: model instances would cost most of the page's time.
Everything else in the boards app uses ordinary querysets.
"""

from django.db.models import BooleanField, Count, ExpressionWrapper, OuterRef, Q, Subquery

from klimakreise.boards.models import Card, CardChange, CircleState, DotVote
from klimakreise.boards.services.votes import NEWEST_CLOSED_FIRST
from klimakreise.circles.models import Circle
from klimakreise.core.prepared import PreparedQuery
from klimakreise.registrations.models import LISTED_PUBLICLY, Registration

EDITION_JOINS = ("edition__series", "edition__board_settings", "edition__documentation")
PAGE_JOINS = ("topic", "moderator", "expert", "note_taker")


def _circle_query(joins) -> PreparedQuery:
    newest_change = CardChange.objects.filter(circle=OuterRef("pk")).order_by("-id").values("id")
    return PreparedQuery(
        lambda pk: (
            Circle.objects.filter(pk=pk)
            .select_related(*joins)
            .annotate(board_revision=Subquery(newest_change[:1]))
        ),
        pk=int,
    )


circle_for_page = _circle_query(EDITION_JOINS + PAGE_JOINS)
circle_for_refresh = _circle_query(EDITION_JOINS)


# Cards of circles whose writing is not hidden (boards.reading: hidden writing). A circle without
# a stored state is open; the negation keeps it (Django adds the IS NOT NULL test).
REVEALED = ~Q(circle__board_state__phase=CircleState.Phase.HIDDEN_WRITING)

cards_of_edition = PreparedQuery(
    lambda edition_id: (
        Card.objects.filter(REVEALED, circle__edition_id=edition_id)
        .order_by("column", "position", "id")
        .values_list(
            "circle_id", "column", "id", "text", "responsible", "due_date", "status", "updated_at"
        )
    ),
    edition_id=int,
)

# Every closed vote with its dots per card; a vote without dots is one row without a card.
closed_votes_of_edition = PreparedQuery(
    lambda edition_id: (
        DotVote.objects.filter(circle__edition_id=edition_id, status=DotVote.Status.CLOSED)
        .order_by(*NEWEST_CLOSED_FIRST)
        .values_list("circle_id", "id", "dots__card_id")
        .annotate(n=Count("dots"))
    ),
    edition_id=int,
)

# Everyone registered for the edition, by name: whether they may be named in public, and their
# circle (None for people without one).
names_of_edition = PreparedQuery(
    lambda edition_id: (
        Registration.objects.filter(edition_id=edition_id)
        .annotate(listed=ExpressionWrapper(LISTED_PUBLICLY, output_field=BooleanField()))
        .order_by("name")
        .values_list("name", "listed", "circle_membership__circle_id")
    ),
    edition_id=int,
)
