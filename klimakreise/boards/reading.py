"""What one reader sees of a circle: the ONE place that reads cards, dots and notes to show them.

The board, the workspace notes, the plenary, the results page, the results API and every export
read through here, so the privacy rule is applied, and tested (tests/boards/test_reading.py), once:

    Only insiders (organizers, the circle's staff, its members) read every name. Everybody else
    reads no name of a participant who did not agree to be named in public: a name field (who is
    responsible) that mentions one is hidden as a whole, in card texts and notes each mention is
    replaced (registrations.privacy), and lists of members name only people who agreed.

Hidden writing: while a circle's phase is "writing hidden" (CircleState), a member (PARTICIPANT)
reads only the cards they wrote themselves (the CREATED history entry names them); other people's
cards are not read at all, so no page, refresh or export built on `board_view` can send them.
Facilitators (the circle's staff and organizers) read every card, to follow the writing; the
public reads no card in that phase. At the reveal (phase back to open) everyone reads all cards.
The edition-wide reads — the plenary (a shared screen), the results page, its API and exports
(`read_edition`), the steps (`revealed`) — read no card of a circle whose writing is hidden, for
any reader: they show the circle as it will be after the reveal, and nothing before it.

Stacks group similar cards of a column under a title (`Column.items`; `Column.cards` still holds
every card, so the plenary, results and exports read cards as before). A stack is shown only to a
viewer who reads every card in it: while writing is hidden, a member gets no title or size of a
stack that holds someone else's card, and its own cards in it are shown on their own.

Ideas are sorted by their dots once a vote was closed (the last closed vote counts; equal dots
keep the board's order). The board reads one circle as model instances, which its forms need;
the results read a whole edition as plain rows in a fixed number of queries (`read_edition`).
"""

import enum
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch

from klimakreise.boards import queries
from klimakreise.boards.models import Card, CardChange, CardStack, CircleState, Dot
from klimakreise.boards.services.notes import notes_of
from klimakreise.boards.services.votes import dot_counts, last_closed_vote_of, open_vote_of
from klimakreise.registrations.privacy import (
    UnlistedNames,
    hidden_name_forms,
    prepared_names,
    unlisted_names,
    without_unlisted_name,
)

if TYPE_CHECKING:  # access builds on this module; only the type is needed here
    from klimakreise.boards.access import Viewer


class Reader(enum.Enum):
    """Who reads a circle; what they read of names depends on it."""

    PUBLIC = "public"  # anyone, once the edition's results are published
    PARTICIPANT = "participant"  # a member of the circle, through their personal link
    STAFF = "staff"  # the circle's moderator, expert or note-taker
    ORGANIZER = "organizer"  # of the edition's series

    @property
    def reads_every_name(self) -> bool:
        return self is not Reader.PUBLIC


NOBODY = UnlistedNames(())  # the names hidden from insiders


def names_hidden_from(reader: Reader, edition) -> UnlistedNames:
    """The names this reader may not read in the edition's texts: none for insiders (without a
    query), those of the participants who did not agree to be named for the public (one query)."""
    if reader.reads_every_name:
        return NOBODY
    return prepared_names(unlisted_names(edition))


@dataclass(frozen=True)
class _Shown:
    """How one reader sees texts: `text` for card texts and notes (each mention of a hidden name
    replaced), `name` for a name field (hidden as a whole when it mentions one)."""

    text: Callable[[str], str]
    name: Callable[[str], str]


def _as_typed(text: str) -> str:
    return text


def _shown_to(hidden: UnlistedNames) -> _Shown:
    """Made once per read, then called for every text: nothing is decided per text."""
    if not hidden:
        return _Shown(text=_as_typed, name=_as_typed)
    return _Shown(text=hidden.hide, name=lambda text: without_unlisted_name(text, hidden))


def _hide_in_card(card: Card, shown: _Shown) -> None:
    """Only the card in memory changes; it is never saved."""
    card.text = shown.text(card.text)
    card.responsible = shown.name(card.responsible)


def sorted_by_dots(ideas: list, dots_of: Callable) -> list:
    """The ideas with the most dots first; equal dots keep their order (sorted() is stable)."""
    return sorted(ideas, key=lambda idea: -dots_of(idea))


# --- one circle's board, as model instances -----------------------------------------------------


@dataclass
class Stack:
    """Cards grouped under a title, shown where the first of them stands."""

    pk: int
    title: str
    version: int
    cards: list = field(default_factory=list)
    is_stack = True  # templates tell stacks from cards among a column's items


@dataclass
class Column:
    value: str
    label: str
    cards: list = field(default_factory=list)  # every card, stacked or not, in board order
    items: list = field(default_factory=list)  # cards and stacks, as the board shows them
    stacks: list = field(default_factory=list)


@dataclass
class BoardState:
    columns: list[Column]
    open_vote: object | None
    closed_vote: object | None
    dots_left: int | None
    sorted_by_dots: bool
    state: CircleState | None = None  # phase, lock, timer, message, plenary call


def board_view(circle, *, viewer: "Viewer") -> BoardState:
    """Cards per column; dot counts only for a closed vote, own dots only while one is open."""
    state = circle_state(circle)
    cards = list(_readable_cards(circle, viewer, state).order_by("column", "position", "id"))
    vote = open_vote_of(circle)
    closed = None if vote else last_closed_vote_of(circle)
    counts = dot_counts(closed) if closed else {}
    own = _own_dots(vote, viewer.voter_key) if vote and viewer.can_edit else None
    shown = _shown_to(viewer.hidden_names)
    for card in cards:
        card.dot_count = counts.get(card.pk, 0)
        card.own_dots = (own or {}).get(card.pk, 0)
        _hide_in_card(card, shown)
    columns = [Column(value, label) for value, label in Card.Column.choices]
    by_value = {column.value: column for column in columns}
    for card in cards:
        by_value[card.column].cards.append(card)
    if closed:
        ideas = by_value[Card.Column.IDEAS]
        ideas.cards = sorted_by_dots(ideas.cards, lambda card: card.dot_count)
    _group_stacks(circle, columns, cards, shown)
    dots_left = vote.dots_per_person - sum(own.values()) if own is not None else None
    return BoardState(
        columns, vote, closed, dots_left, sorted_by_dots=closed is not None, state=state
    )


def _group_stacks(circle, columns: list[Column], cards: list, shown: _Shown) -> None:
    """Fill each column's items: a stack stands where its first card stands. A stack is shown
    only when the viewer reads every card in it (while writing is hidden, a member's own cards
    only): its title and size tell nothing about cards the viewer may not read. One query, and
    none on a board without stacks."""
    stacked = {card.stack_id for card in cards if card.stack_id}
    sizes = {}
    if stacked:
        rows = CardStack.objects.filter(circle=circle, pk__in=stacked).annotate(size=Count("cards"))
        sizes = {stack.pk: stack for stack in rows}
    readable = defaultdict(int)
    for card in cards:
        readable[card.stack_id] += 1
    shown_ids = {pk for pk, stack in sizes.items() if stack.size == readable[pk]}
    for column in columns:
        groups = {}
        for card in column.cards:
            card.in_stack = card.stack_id in shown_ids
            if not card.in_stack:
                column.items.append(card)
                continue
            if card.stack_id not in groups:
                stack = sizes[card.stack_id]
                groups[stack.pk] = Stack(stack.pk, shown.text(stack.title), stack.version)
                column.items.append(groups[stack.pk])
            groups[card.stack_id].cards.append(card)
        column.stacks = list(groups.values())


def readable_stack(circle, viewer: "Viewer", stack_id):
    """One stack of the circle if this viewer reads every card in it, else None."""
    stack = (
        CardStack.objects.filter(circle=circle, pk=stack_id).annotate(size=Count("cards")).first()
    )
    if stack is None:
        return None
    readable = _readable_cards(circle, viewer).filter(stack=stack).values("pk").distinct().count()
    return stack if readable == stack.size else None


def circle_state(circle) -> CircleState:
    """The circle's facilitation state; the default (open, nothing set) if none was stored."""
    return CircleState.objects.filter(circle=circle).first() or CircleState(circle=circle)


def _readable_cards(circle, viewer: "Viewer", state: CircleState | None = None):
    """The circle's cards this viewer may read (hidden writing, see the module's docstring)."""
    cards = Card.objects.filter(circle=circle)
    state = state or circle_state(circle)
    if viewer.can_manage or state.phase != CircleState.Phase.HIDDEN_WRITING:
        return cards
    if viewer.registration is None or not viewer.member:
        return cards.none()
    return cards.filter(
        changes__action=CardChange.Action.CREATED,
        changes__actor_registration=viewer.registration,
    ).distinct()


def readable_card(circle, viewer: "Viewer", card_id):
    """One card of the circle if this viewer may read it, else None."""
    return _readable_cards(circle, viewer).filter(pk=card_id).first()


def _own_dots(vote, voter_key: str) -> dict[int, int]:
    own: dict[int, int] = {}
    for card_id in Dot.objects.filter(vote=vote, voter_key=voter_key).values_list(
        "card_id", flat=True
    ):
        own[card_id] = own.get(card_id, 0) + 1
    return own


def notes_view(circle, *, viewer: "Viewer") -> str:
    """The circle's notes (Markdown) as this viewer may read them."""
    return _shown_to(viewer.hidden_names).text(notes_of(circle).text)


PLENARY_COLUMNS = (Card.Column.NEXT_STEPS, Card.Column.RESPONSIBILITIES)
PLENARY_TOP_IDEAS = 3


def revealed(cards):
    """The cards of a queryset that everyone may read: none of a circle whose writing is hidden.
    For reads that are not one viewer's board (steps, reports)."""
    return cards.filter(queries.REVEALED)


def plenary_view(edition, *, reader: Reader) -> list:
    """The edition's circles (with their topics and facilitation `state`), each with
    `next_steps`, `responsibilities` and `top_ideas` (the ideas with the most dots in the
    circle's last closed vote; open votes stay secret) as this reader may read them. Nobody
    reads the cards of a circle whose writing is hidden: the plenary is a shared screen. Four
    queries at most, however many circles there are."""
    columns = (*PLENARY_COLUMNS, Card.Column.IDEAS)
    cards = revealed(Card.objects.filter(column__in=columns)).order_by("column", "position", "id")
    circles = list(
        edition.circles.select_related("topic", "board_state").prefetch_related(
            Prefetch("cards", queryset=cards, to_attr="plenary_cards")
        )
    )
    dots, voted = _dots_of_last_votes(edition.pk)
    shown = _shown_to(names_hidden_from(reader, edition))
    for circle in circles:
        circle.state = getattr(circle, "board_state", None) or CircleState(circle=circle)
        by_column = defaultdict(list)
        for card in circle.plenary_cards:
            _hide_in_card(card, shown)
            card.dot_count = dots.get(card.pk, 0)
            by_column[card.column].append(card)
        circle.next_steps = by_column[Card.Column.NEXT_STEPS]
        circle.responsibilities = by_column[Card.Column.RESPONSIBILITIES]
        ideas = [card for card in by_column[Card.Column.IDEAS] if card.dot_count]
        top = sorted_by_dots(ideas, lambda card: card.dot_count) if circle.pk in voted else []
        circle.top_ideas = top[:PLENARY_TOP_IDEAS]
    return circles


# --- a whole edition, as plain rows in a fixed number of queries --------------------------------


@dataclass(frozen=True)
class Idea:
    text: str
    dots: int | None  # None while no vote on the circle was closed


@dataclass(frozen=True)
class Task:
    """A card of the next-steps or responsibilities column."""

    text: str
    responsible: str
    due: date | None
    status: str
    updated_at: datetime | None = None  # of the card: its last edit or status update
    card_id: int | None = None


@dataclass(frozen=True)
class CircleReading:
    ideas: list[Idea]
    next_steps: list[Task]
    responsibilities: list[Task]
    notes: str  # Markdown
    members: list[str]  # by name
    voted: bool  # a vote was closed: the ideas carry dots and are sorted by them


def read_edition(edition_id: int, *, reader: Reader, notes: Mapping[int, str]) -> dict:
    """Circle id → CircleReading for every circle of the edition that `notes` names (circle id →
    its notes; the caller reads them with its circles). Three queries, however many circles and
    cards there are."""
    cards = defaultdict(lambda: {column: [] for column in Card.Column.values})
    for row in queries.cards_of_edition(edition_id=edition_id):
        cards[row.circle_id][row.column].append(row)
    dots, voted = _dots_of_last_votes(edition_id)
    members, hidden = _names(edition_id, reader)
    shown = _shown_to(hidden)
    return {
        circle_id: _circle_reading(
            cards[circle_id],
            dots if circle_id in voted else None,
            shown,
            notes=shown.text(text),
            members=members.get(circle_id, []),
        )
        for circle_id, text in notes.items()
    }


def _circle_reading(cards, dots, shown: _Shown, *, notes, members) -> CircleReading:
    text, name = shown.text, shown.name
    if dots is None:
        ideas = [Idea(text(c.text), None) for c in cards[Card.Column.IDEAS]]
    else:
        ideas = [Idea(text(c.text), dots.get(c.id, 0)) for c in cards[Card.Column.IDEAS]]
        ideas = sorted_by_dots(ideas, lambda idea: idea.dots)
    tasks = {
        column: [
            Task(
                text(c.text), name(c.responsible.strip()), c.due_date, c.status, c.updated_at, c.id
            )
            for c in cards[column]
        ]
        for column in (Card.Column.NEXT_STEPS, Card.Column.RESPONSIBILITIES)
    }
    return CircleReading(
        ideas=ideas,
        next_steps=tasks[Card.Column.NEXT_STEPS],
        responsibilities=tasks[Card.Column.RESPONSIBILITIES],
        notes=notes,
        members=members,
        voted=dots is not None,
    )


def _dots_of_last_votes(edition_id) -> tuple[dict[int, int], set[int]]:
    """Dots per card in each circle's last closed vote (as the board shows them), and the ids of
    the circles that have closed a vote."""
    last_votes, dots = {}, {}
    for circle_id, vote_id, card_id, n in queries.closed_votes_of_edition(edition_id=edition_id):
        if last_votes.setdefault(circle_id, vote_id) == vote_id and card_id is not None:
            dots[card_id] = n
    return dots, set(last_votes)


def _names(edition_id, reader: Reader) -> tuple[dict[int, list[str]], UnlistedNames]:
    """Circle id → the names of its members this reader may read, and the names hidden in texts."""
    members, people = defaultdict(list), []
    for name, listed, circle_id in queries.names_of_edition(edition_id=edition_id):
        people.append((name, listed or reader.reads_every_name))
        if (listed or reader.reads_every_name) and circle_id is not None:
            members[circle_id].append(name)
    hidden = hidden_name_forms(people)
    # Prepared once for all the edition's texts.
    return members, prepared_names(hidden) if hidden else NOBODY
