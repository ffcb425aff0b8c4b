from klimakreise.boards import fanout
from klimakreise.boards.models import CardChange


def snapshot(card) -> dict:
    """The content of a card as kept in the history."""
    return {
        "id": card.pk,
        "column": card.column,
        "position": card.position,
        "text": card.text,
        "responsible": card.responsible,
        "due_date": card.due_date.isoformat() if card.due_date else None,
        "status": card.status,
    }


def record_change(*, circle_id, action, actor: dict, card=None, before=None, after=None):
    """Write one history entry. `actor` is {"actor_user": …} or {"actor_registration": …}."""
    change = CardChange.objects.create(
        circle_id=circle_id, card=card, action=action, before=before, after=after, **actor
    )
    # Every change of a board passes here: its open streams hear of it once it commits.
    fanout.publish(circle_id, change.pk)
    return change
