"""Erasing a person's name from the boards when their data is deleted or anonymized."""

from django.db import transaction
from django.utils import timezone

from klimakreise.boards.models import Card, CardChange
from klimakreise.boards.services.history import record_change, snapshot
from klimakreise.registrations.privacy import normalized_name


@transaction.atomic
def forget_responsible_names(*, edition, names) -> int:
    """Empty the "responsible" of every card of the edition that names one of these people, in
    the cards and in their history. Returns how many cards changed."""
    forgotten = {normalized_name(name) for name in names} - {""}
    if not forgotten:
        return 0
    cards = Card.objects.filter(circle__edition=edition).exclude(responsible="")
    changed = [card for card in cards if normalized_name(card.responsible) in forgotten]
    for card in changed:
        card.responsible = ""
        card.version += 1
        card.updated_at = timezone.now()
        card.save(update_fields=["responsible", "version", "updated_at"])
        # A change without a person: the board's revision moves on, so open boards reload.
        record_change(
            circle_id=card.circle_id,
            card=card,
            action=CardChange.Action.EDITED,
            actor={},
            after=snapshot(card),
        )
    _forget_in_history(edition, forgotten)
    return len(changed)


def _forget_in_history(edition, forgotten: set[str]) -> None:
    scrubbed = []
    for change in CardChange.objects.filter(circle__edition=edition).iterator():
        touched = False
        for state in (change.before, change.after):
            if state and normalized_name(state.get("responsible") or "") in forgotten:
                state["responsible"] = ""
                touched = True
        if touched:
            scrubbed.append(change)
    CardChange.objects.bulk_update(scrubbed, ["before", "after"])


def forget_names_on_erasure(sender, *, edition, names, **kwargs) -> None:
    forget_responsible_names(edition=edition, names=names)
