"""Erasing a person's name from the boards when their data is deleted or anonymized."""

from django.db import transaction
from django.utils import timezone

from klimakreise.boards.models import Card, CardChange
from klimakreise.boards.services.history import snapshot
from klimakreise.registrations.privacy import mentions, name_forms, normalized_name


@transaction.atomic
def forget_responsible_names(*, edition, names) -> int:
    """Empty the "responsible" of every card of the edition that mentions one of these people,
    in the cards and in their history. Returns how many cards changed.

    Written in bulk and without the card signals: an erasure is not an edit of the results, so
    published results do not turn "updated on …" (the caller retires cached pages)."""
    forgotten = {form for name in names for form in name_forms(name)}
    if not forgotten:
        return 0
    cards = Card.objects.filter(circle__edition=edition).exclude(responsible="")
    cards = cards.select_for_update(of=("self",))  # no edit may slip in between
    changed = [card for card in cards if _names_one_of(card.responsible, forgotten)]
    now = timezone.now()
    for card in changed:
        card.responsible, card.version, card.updated_at = "", card.version + 1, now
    Card.objects.bulk_update(changed, ["responsible", "version", "updated_at"])
    # A change by nobody: the boards' revision moves on, so open boards reload.
    CardChange.objects.bulk_create(
        CardChange(
            circle_id=card.circle_id,
            card=card,
            action=CardChange.Action.EDITED,
            after=snapshot(card),
            at=now,
        )
        for card in changed
    )
    _forget_in_history(edition, forgotten)
    return len(changed)


def _forget_in_history(edition, forgotten: set[str]) -> None:
    scrubbed = []
    history = CardChange.objects.filter(circle__edition=edition).only("before", "after")
    for change in history.iterator(chunk_size=500):
        states = [state for state in (change.before, change.after) if state]
        named = [s for s in states if _names_one_of(s.get("responsible") or "", forgotten)]
        for state in named:
            state["responsible"] = ""
        if named:
            scrubbed.append(change)
    CardChange.objects.bulk_update(scrubbed, ["before", "after"])


def _names_one_of(text: str, forgotten: set[str]) -> bool:
    """A full name anywhere in the text; a one-word name only as the whole text, so that erasing
    "Max" does not empty "Max Mustermann"."""
    full_names = {name for name in forgotten if " " in name}
    return normalized_name(text) in forgotten or mentions(text, full_names)


def forget_names_on_erasure(sender, *, edition, names, **kwargs) -> None:
    forget_responsible_names(edition=edition, names=names)
