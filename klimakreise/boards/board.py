"""Reading a board: the circle with its revision, and the cards as one viewer sees them.

The revision is the id of the circle's newest history entry: every change writes one, so a
refresh can tell in one indexed lookup whether anything changed — in any app process.
"""

from dataclasses import dataclass, field

from django.db.models import OuterRef, Subquery
from django.utils.crypto import salted_hmac
from django.utils.translation import get_language

from klimakreise.boards.models import Card, CardChange, Dot
from klimakreise.boards.services.votes import dot_counts, last_closed_vote_of, open_vote_of
from klimakreise.circles.models import Circle
from klimakreise.core.prepared import PreparedQuery
from klimakreise.registrations.privacy import prepared_names, without_unlisted_name

EDITION_JOINS = ("edition__series", "edition__board_settings", "edition__documentation")
PAGE_JOINS = ("topic", "moderator", "expert", "note_taker")


def _circle_query(joins) -> PreparedQuery:
    # Compiled once (core.prepared): 500 viewers refreshing every 3 s run it 170 times a second.
    newest_change = CardChange.objects.filter(circle=OuterRef("pk")).order_by("-id").values("id")
    return PreparedQuery(
        lambda pk: (
            Circle.objects.filter(pk=pk)
            .select_related(*joins)
            .annotate(board_revision=Subquery(newest_change[:1]))
        ),
        pk=int,
    )


_CIRCLE_FOR_PAGE = _circle_query(EDITION_JOINS + PAGE_JOINS)
_CIRCLE_FOR_REFRESH = _circle_query(EDITION_JOINS)


def circle_with_revision(pk, *, for_page=True) -> Circle:
    """The circle, its edition, series and board switches, and its revision: one query.
    The refresh (for_page=False) skips the joins only the page needs: it runs most often."""
    return (_CIRCLE_FOR_PAGE if for_page else _CIRCLE_FOR_REFRESH).first_or_404(pk=int(pk))


def board_etag(circle, viewer) -> str:
    """Changes when the board changes, or when what this viewer may do or read changes."""
    variant = viewer.cache_variant
    if viewer.unlisted:
        # Who agreed to be named changes what the public reads, without a change on the board.
        # Keyed, so the tag tells nobody whether a guessed name is among them.
        unlisted = "\n".join(sorted(viewer.unlisted))
        variant += "-" + salted_hmac("klimakreise.boards.unlisted", unlisted).hexdigest()[:12]
    return f'"b{circle.board_revision or 0}-{variant}-{get_language()}"'


@dataclass
class Column:
    value: str
    label: str
    cards: list = field(default_factory=list)


@dataclass
class BoardState:
    columns: list[Column]
    open_vote: object | None
    closed_vote: object | None
    dots_left: int | None
    sorted_by_dots: bool


def board_state(circle, viewer) -> BoardState:
    """Cards per column; dot counts only for a closed vote, own dots only while one is open.
    The public reads no name of a participant who did not agree to be named (viewer.unlisted):
    not in the responsible field, not in a card's text. Only the cards in memory change."""
    cards = list(Card.objects.filter(circle=circle).order_by("column", "position", "id"))
    vote = open_vote_of(circle)
    closed = None if vote else last_closed_vote_of(circle)
    counts = dot_counts(closed) if closed else {}
    own = _own_dots(vote, viewer) if vote and viewer.can_edit else None
    unlisted = prepared_names(viewer.unlisted)  # once for all cards
    for card in cards:
        card.dot_count = counts.get(card.pk, 0)
        card.own_dots = (own or {}).get(card.pk, 0)
        if unlisted:
            card.text = unlisted.hide(card.text)
            card.responsible = without_unlisted_name(card.responsible, unlisted)
    columns = [Column(value, label) for value, label in Card.Column.choices]
    by_value = {column.value: column for column in columns}
    for card in cards:
        by_value[card.column].cards.append(card)
    if closed:
        ideas = by_value[Card.Column.IDEAS].cards
        ideas.sort(key=lambda card: -card.dot_count)  # stable: ties keep their order
    dots_left = vote.dots_per_person - sum(own.values()) if own is not None else None
    return BoardState(columns, vote, closed, dots_left, sorted_by_dots=closed is not None)


def _own_dots(vote, viewer) -> dict[int, int]:
    own: dict[int, int] = {}
    for card_id in Dot.objects.filter(vote=vote, voter_key=viewer.voter_key).values_list(
        "card_id", flat=True
    ):
        own[card_id] = own.get(card_id, 0) + 1
    return own
