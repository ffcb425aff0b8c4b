"""A circle's free notes: one Markdown text, versioned like the cards."""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from klimakreise.boards.models import CardChange, CircleNotes
from klimakreise.boards.services.errors import StaleEdit
from klimakreise.boards.services.history import record_change


def notes_of(circle) -> CircleNotes:
    """The circle's notes; an unsaved empty one at version 1 if nobody wrote any yet."""
    return CircleNotes.objects.filter(circle=circle).first() or CircleNotes(circle=circle)


@transaction.atomic
def save_notes(*, circle, version, text, actor) -> CircleNotes:
    """Save if nobody saved since `version`; otherwise raise StaleEdit with the newer notes."""
    notes, _created = CircleNotes.objects.get_or_create(circle=circle)
    changed = CircleNotes.objects.filter(circle=circle, version=version).update(
        text=text, version=F("version") + 1, updated_at=timezone.now()
    )
    if not changed:
        raise StaleEdit(CircleNotes.objects.get(circle=circle))
    record_change(
        circle_id=circle.pk,
        action=CardChange.Action.NOTES_EDITED,
        actor=actor,
        before={"text": notes.text},
        after={"text": text},
    )
    return CircleNotes.objects.get(circle=circle)
