"""Facilitation of circles: the writing phase and the board lock, for one circle or many at once.

Each change writes a history entry (CardChange.Action.FACILITATED) per circle, so the board's
revision changes and every refresh delivers the new state within one cycle."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klimakreise.boards.models import CardChange, CircleState
from klimakreise.boards.services.errors import BoardError
from klimakreise.boards.services.history import record_change


def state_of(circle) -> CircleState:
    """The circle's state as stored, or the default (open, unlocked) without writing it."""
    return CircleState.objects.filter(circle=circle).first() or CircleState(circle=circle)


def refuse_if_locked(circle) -> None:
    """Card writes call this first: a locked board changes nothing."""
    if CircleState.objects.filter(circle=circle, board_locked=True).exists():
        raise BoardError(_("The board is locked for the plenary. Your change was not saved."))


@transaction.atomic
def set_phase(*, circles, phase, actor: dict) -> None:
    if phase not in CircleState.Phase.values:
        raise BoardError(_("Please choose a valid phase."))
    _change(circles, actor, phase=phase)


@transaction.atomic
def set_board_locked(*, circles, locked: bool, actor: dict) -> None:
    _change(circles, actor, board_locked=bool(locked))


def _change(circles, actor, **fields) -> None:
    for circle in circles:
        state, _created = CircleState.objects.select_for_update().get_or_create(circle=circle)
        before = {"phase": state.phase, "board_locked": state.board_locked}
        for name, value in fields.items():
            setattr(state, name, value)
        state.version += 1
        state.updated_at = timezone.now()
        state.save()
        record_change(
            circle_id=circle.pk,
            action=CardChange.Action.FACILITATED,
            actor=actor,
            before=before,
            after={"phase": state.phase, "board_locked": state.board_locked},
        )
