"""Cards: add, edit, move, remove. Each change is one conditional UPDATE on the version."""

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klimakreise.boards.models import Card, CardChange, CardStack
from klimakreise.boards.services.errors import BoardError, StaleEdit
from klimakreise.boards.services.facilitation import refuse_if_locked
from klimakreise.boards.services.history import record_change, snapshot


@transaction.atomic
def add_card(
    *, circle, column, text, actor, responsible="", due_date=None, status=Card.Status.OPEN
) -> Card:
    refuse_if_locked(circle)
    last = Card.objects.filter(circle=circle, column=column).aggregate(last=Max("position"))
    card = Card.objects.create(
        circle=circle,
        column=column,
        position=0 if last["last"] is None else last["last"] + 1,
        text=text,
        responsible=responsible,
        due_date=due_date,
        status=status,
    )
    record_change(
        circle_id=circle.pk,
        card=card,
        action=CardChange.Action.CREATED,
        actor=actor,
        after=snapshot(card),
    )
    return card


@transaction.atomic
def edit_card(
    *, circle, card_id, version, text, actor, responsible="", due_date=None, status=None
) -> Card:
    """Save new content if nobody saved since `version`; otherwise raise StaleEdit."""
    refuse_if_locked(circle)
    before = _current(circle, card_id)
    fields = {"text": text, "responsible": responsible, "due_date": due_date}
    if status:  # without one, the card keeps its status
        fields["status"] = status
    card = _update_if_unchanged(circle, card_id, version, **fields)
    record_change(
        circle_id=circle.pk,
        card=card,
        action=CardChange.Action.EDITED,
        actor=actor,
        before=snapshot(before),
        after=snapshot(card),
    )
    return card


@transaction.atomic
def move_card(*, circle, card_id, version, actor, column=None, offset=0, position=None) -> Card:
    """Move a card one place up (-1) or down (+1), to the end of another column, or (`position`,
    from dragging) to that place among the other cards of the target column (0: first).
    A card moved to another column leaves its stack."""
    refuse_if_locked(circle)
    card = _current(circle, card_id)
    if card is None:
        raise StaleEdit(None)
    target = column or card.column
    if target == card.column and not offset and position is None:
        raise BoardError(_("The card is already in this column."))
    if position is not None and position < 0:
        raise BoardError(_("Position: please choose a place in the column."))
    # Lock the affected columns in id order, so that concurrent moves queue instead of deadlocking.
    columns = {card.column, target}
    locked = list(
        Card.objects.select_for_update().filter(circle=circle, column__in=columns).order_by("id")
    )
    leaves_stack = target != card.column and card.stack_id is not None
    fields = {"column": target} | ({"stack": None} if leaves_stack else {})
    _update_if_unchanged(circle, card_id, version, **fields)
    order = sorted(
        (c for c in locked if c.column == target and c.pk != card.pk),
        key=lambda c: (c.position, c.pk),
    )
    _place(order, card, same_column=target == card.column, offset=offset, position=position)
    _renumber(order)
    if leaves_stack:
        release_small_stack(card.stack_id)
    moved = _current(circle, card_id)
    record_change(
        circle_id=circle.pk,
        card=moved,
        action=CardChange.Action.MOVED,
        actor=actor,
        before=snapshot(card),
        after=snapshot(moved),
    )
    return moved


def _place(order: list[Card], card: Card, *, same_column, offset, position) -> None:
    """Put the card into `order` (the column's other cards) where the move asks for."""
    if position is not None:
        order.insert(min(position, len(order)), card)
    elif same_column:
        index = sum(1 for c in order if (c.position, c.pk) < (card.position, card.pk))
        if not 0 <= index + offset <= len(order):
            raise BoardError(_("The card is already at the edge of its column."))
        order.insert(index + offset, card)
    else:
        order.append(card)


@transaction.atomic
def remove_card(*, circle, card_id, version, actor) -> None:
    refuse_if_locked(circle)
    before = _current(circle, card_id)
    removed, _details = Card.objects.filter(pk=card_id, circle=circle, version=version).delete()
    if not removed:
        raise StaleEdit(_current(circle, card_id))
    release_small_stack(before.stack_id)
    record_change(
        circle_id=circle.pk,
        action=CardChange.Action.DELETED,
        actor=actor,
        before=snapshot(before),
    )


def _update_if_unchanged(circle, card_id, version, **fields) -> Card:
    """Write `fields` only if nobody saved the card since `version` (one conditional UPDATE);
    the saved card, or StaleEdit with the newer one."""
    changed = Card.objects.filter(pk=card_id, circle=circle, version=version).update(
        **fields, version=F("version") + 1, updated_at=timezone.now()
    )
    if not changed:
        raise StaleEdit(_current(circle, card_id))
    return _current(circle, card_id)


def release_small_stack(stack_id) -> None:
    """A stack lives while it holds two cards: a card left alone is set free, the stack goes."""
    if stack_id is None:
        return
    if Card.objects.filter(stack_id=stack_id).count() < 2:
        Card.objects.filter(stack_id=stack_id).update(stack=None)
        CardStack.objects.filter(pk=stack_id).delete()


def _current(circle, card_id):
    return Card.objects.filter(pk=card_id, circle=circle).first()


def _renumber(order: list[Card]) -> None:
    """Give positions 0..n-1; only rows whose position changes are written."""
    for position, card in enumerate(order):
        if card.position != position:
            Card.objects.filter(pk=card.pk).update(position=position)
