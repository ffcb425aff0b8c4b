"""Erasing a person's name from the boards when their data is deleted or anonymized."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from klimakreise.boards import fanout
from klimakreise.boards.models import Card, CardChange, CircleNotes
from klimakreise.boards.services.history import snapshot
from klimakreise.registrations.privacy import (
    UnlistedNames,
    mentions,
    name_forms,
    normalized_name,
)


@transaction.atomic
def forget_responsible_names(*, edition, names) -> int:
    """Erase these people's names from the edition's boards: a "responsible" that names one of
    them is emptied, a mention in a card's text or in the notes becomes "…" (HIDDEN_NAME), in
    the cards, their history and the notes. Returns how many cards changed.

    Afterwards the names are gone from the registrations too, so they could no longer be
    recognized and hidden on public pages: they must not stay in any text.

    Written in bulk and without the card signals: an erasure is not an edit of the results, so
    published results do not turn "updated on …" (the caller retires cached pages)."""
    forgotten = {form for name in names for form in name_forms(name)}
    if not forgotten:
        return 0
    # In free text only names of two words or more: erasing "Max" must not touch "Max Weber".
    in_texts = UnlistedNames(form for form in forgotten if " " in form)
    cards = Card.objects.filter(circle__edition=edition).select_for_update(of=("self",))
    now = timezone.now()
    changed = [card for card in cards if _erase_in(card, forgotten, in_texts)]
    for card in changed:
        card.version, card.updated_at = card.version + 1, now
    Card.objects.bulk_update(changed, ["text", "responsible", "version", "updated_at"])
    # A change by nobody: the boards' revision moves on, so open boards reload.
    written = CardChange.objects.bulk_create(
        CardChange(
            circle_id=card.circle_id,
            card=card,
            action=CardChange.Action.EDITED,
            after=snapshot(card),
            at=now,
        )
        for card in changed
    )
    newest = {}
    for change in written:  # ids come back on PostgreSQL and SQLite; without, streams look
        newest[change.circle_id] = max(newest.get(change.circle_id, 0), change.pk or fanout.GAP)
    for circle_id, revision in newest.items():
        fanout.publish(circle_id, revision)
    _forget_in_history(edition, forgotten, in_texts)
    _forget_in_notes(edition, in_texts)
    return len(changed)


def _erased(responsible: str, text: str, forgotten, in_texts) -> tuple[str, str]:
    """A card's responsible and text without these names."""
    if _names_one_of(responsible, forgotten):
        responsible = ""
    return responsible, in_texts.hide(text) if in_texts else text


def _erase_in(card, forgotten: set[str], in_texts: UnlistedNames) -> bool:
    before = (card.responsible, card.text)
    card.responsible, card.text = _erased(*before, forgotten, in_texts)
    return (card.responsible, card.text) != before


def _forget_in_history(edition, forgotten: set[str], in_texts: UnlistedNames) -> None:
    scrubbed = []
    history = CardChange.objects.filter(circle__edition=edition).only("before", "after")
    for change in history.iterator(chunk_size=500):
        changed = False
        for state in (change.before, change.after):
            if not state:
                continue
            before = (state.get("responsible") or "", state.get("text") or "")
            after = _erased(*before, forgotten, in_texts)
            if after != before:
                state["responsible"], state["text"] = after
                changed = True
        if changed:
            scrubbed.append(change)
    CardChange.objects.bulk_update(scrubbed, ["before", "after"])


def _forget_in_notes(edition, in_texts: UnlistedNames) -> None:
    if not in_texts:
        return
    notes = CircleNotes.objects.filter(circle__edition=edition).select_for_update()
    for note in notes:
        hidden = in_texts.hide(note.text)
        if hidden != note.text:
            # A new version: a notes editor open with the old text must not save it back.
            CircleNotes.objects.filter(pk=note.pk).update(text=hidden, version=F("version") + 1)


def _names_one_of(text: str, forgotten: set[str]) -> bool:
    """A full name anywhere in the text; a one-word name only as the whole text, so that erasing
    "Max" does not empty "Max Mustermann"."""
    full_names = {name for name in forgotten if " " in name}
    return normalized_name(text) in forgotten or mentions(text, full_names)


def forget_names_on_erasure(sender, *, edition, names, **kwargs) -> None:
    forget_responsible_names(edition=edition, names=names)
