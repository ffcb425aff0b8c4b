"""Stacks: similar cards of one column grouped under a title.

Stacking a card onto another puts both into the other card's stack, or into a new one. A card
taken out, moved to another column or removed leaves its stack; a stack left with one card is
dissolved (services.cards.release_small_stack). Every change is checked against the versions the
person saw (the cards' versions, the stack's version for its title and for dissolving), refused
on a locked board, and written to the history, so that the revision changes and every open board
refreshes. While writing is hidden a member changes only stacks of their own cards.
"""

from collections.abc import Mapping

from django.db import transaction
from django.db.models import F, Max
from django.utils.translation import gettext_lazy as _

from klimakreise.boards.models import STACK_TITLE_MAX, Card, CardChange, CardStack, CircleState
from klimakreise.boards.services.cards import release_small_stack
from klimakreise.boards.services.errors import BoardError, StaleEdit
from klimakreise.boards.services.facilitation import refuse_if_locked, state_of
from klimakreise.boards.services.history import record_change
from klimakreise.core.text import problem_message, text_problem


class StaleStack(BoardError):
    """Someone else changed or dissolved the stack since the person saw it."""

    def __init__(self):
        super().__init__(_("Someone else changed this stack in the meantime. Nothing was changed."))


def clean_title(title) -> str:
    """The title as stored, or BoardError naming the field."""
    title = (title or "").strip()
    label = _("Title of the stack: ")
    if not title:
        raise BoardError(label + _("please write a title."))
    problem = text_problem(title, multiline=False)
    if problem:
        raise BoardError(label + problem_message(problem))
    if len(title) > STACK_TITLE_MAX:
        raise BoardError(
            label + _("please write at most %(max)s characters.") % {"max": STACK_TITLE_MAX}
        )
    return title


@transaction.atomic
def stack_cards(*, circle, card_ids, versions: Mapping[int, int], title, actor) -> CardStack:
    """Stack the cards onto the first one: into its stack if it has one (`title` is then not
    used), else into a new stack titled `title` in its column. `versions` holds the version the
    person saw of each card they move; a card without one (the card stacked onto) keeps its place
    and content, so its version is not checked."""
    refuse_if_locked(circle)
    ids = list(dict.fromkeys(int(card_id) for card_id in card_ids))
    if len(ids) < 2:
        raise BoardError(_("Please choose another card to stack this card with."))
    cards = {
        card.pk: card for card in Card.objects.select_for_update().filter(circle=circle, pk__in=ids)
    }
    if len(cards) != len(ids):  # removed meanwhile, or never on this board: the same answer
        raise StaleEdit(None)
    _refuse_others_cards_while_hidden(circle, ids, actor)
    first = cards[ids[0]]
    if first.stack_id and all(cards[card_id].stack_id == first.stack_id for card_id in ids[1:]):
        raise BoardError(_("The card is already in this stack."))
    stack = _stack_for(circle, first, title)
    left = {card.stack_id for card in cards.values()} - {None, stack.pk}
    end = Card.objects.filter(circle=circle, column=stack.column).aggregate(last=Max("position"))
    for offset, card_id in enumerate(ids):
        card = cards[card_id]
        fields = {"stack": stack, "column": stack.column}
        if card.column != stack.column:
            fields["position"] = (end["last"] or 0) + 1 + offset
        _join(circle, card, versions.get(card_id), fields)
    for stack_id in left:
        release_small_stack(stack_id)
    record_change(
        circle_id=circle.pk,
        card=first,
        action=CardChange.Action.STACKED,
        actor=actor,
        after=_stack_snapshot(stack),
    )
    return stack


def _stack_for(circle, first: Card, title) -> CardStack:
    """The stack of the first card (its version counts the change), or a new one."""
    if first.stack_id is not None:
        stack = CardStack.objects.select_for_update().get(pk=first.stack_id)
        stack.version = F("version") + 1
        stack.save(update_fields=["version"])
        stack.refresh_from_db()
        return stack
    return CardStack.objects.create(circle=circle, column=first.column, title=clean_title(title))


def _join(circle, card, version, fields) -> None:
    """Without a version the card is written as it is; with one, only if nobody saved it since."""
    rows = Card.objects.filter(pk=card.pk, circle=circle)
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.update(**fields, version=F("version") + 1):
        raise StaleEdit(Card.objects.filter(pk=card.pk).first())


@transaction.atomic
def rename_stack(*, circle, stack_id, version, title, actor) -> CardStack:
    refuse_if_locked(circle)
    title = clean_title(title)
    stack = _locked_stack(circle, stack_id, version)
    _refuse_others_cards_while_hidden(circle, _card_ids(stack), actor)
    before = _stack_snapshot(stack)
    stack.title = title
    stack.version += 1
    stack.save(update_fields=["title", "version"])
    record_change(
        circle_id=circle.pk,
        action=CardChange.Action.STACK_RENAMED,
        actor=actor,
        before=before,
        after=_stack_snapshot(stack),
    )
    return stack


@transaction.atomic
def unstack_card(*, circle, card_id, version, actor) -> Card:
    """Take a card out of its stack; it stays where it is in its column."""
    refuse_if_locked(circle)
    card = Card.objects.select_for_update().filter(pk=card_id, circle=circle).first()
    if card is None:
        raise StaleEdit(None)
    if card.stack_id is None:
        raise BoardError(_("This card is not in a stack."))
    _refuse_others_cards_while_hidden(circle, [card.pk], actor)
    stack = CardStack.objects.select_for_update().get(pk=card.stack_id)
    before = _stack_snapshot(stack)
    _join(circle, card, version, {"stack": None})
    CardStack.objects.filter(pk=stack.pk).update(version=F("version") + 1)
    release_small_stack(stack.pk)
    record_change(
        circle_id=circle.pk,
        card=card,
        action=CardChange.Action.UNSTACKED,
        actor=actor,
        before=before,
        after={"text": card.text},
    )
    return card


@transaction.atomic
def dissolve_stack(*, circle, stack_id, version, actor) -> None:
    """The stack goes; its cards stay where they are, each on its own."""
    refuse_if_locked(circle)
    stack = _locked_stack(circle, stack_id, version)
    _refuse_others_cards_while_hidden(circle, _card_ids(stack), actor)
    before = _stack_snapshot(stack)
    Card.objects.filter(stack=stack).update(stack=None, version=F("version") + 1)
    stack.delete()
    record_change(
        circle_id=circle.pk, action=CardChange.Action.STACK_DISSOLVED, actor=actor, before=before
    )


def _locked_stack(circle, stack_id, version) -> CardStack:
    stack = CardStack.objects.select_for_update().filter(pk=stack_id, circle=circle).first()
    if stack is None or stack.version != version:
        raise StaleStack()
    return stack


def _card_ids(stack) -> list[int]:
    return list(Card.objects.filter(stack=stack).values_list("pk", flat=True))


def _refuse_others_cards_while_hidden(circle, card_ids, actor) -> None:
    """While writing is hidden a member reads only their own cards (boards.reading), so they
    change only stacks of their own cards; any other answers as if the card did not exist."""
    registration = actor.get("actor_registration")
    if registration is None or state_of(circle).phase != CircleState.Phase.HIDDEN_WRITING:
        return
    own = (
        Card.objects.filter(
            pk__in=card_ids,
            changes__action=CardChange.Action.CREATED,
            changes__actor_registration=registration,
        )
        .values("pk")
        .distinct()
        .count()
    )
    if own != len(set(card_ids)):
        raise StaleEdit(None)


def _stack_snapshot(stack) -> dict:
    """The stack as kept in the history: its title and the texts of its cards."""
    cards = Card.objects.filter(stack=stack).order_by("position", "id")
    texts = cards.values_list("text", flat=True)
    return {"stack": stack.title, "cards": "\n".join(f"• {text}" for text in texts)}
