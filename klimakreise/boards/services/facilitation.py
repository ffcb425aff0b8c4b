"""Facilitation of circles: phase, board lock, shared timer, broadcast message and the call back
to the plenary, for one circle or many at once (the console reaches every circle of an edition).

Each change writes a history entry (CardChange.Action.FACILITATED) per circle, so the board's
revision changes and every refresh delivers the new state within one cycle."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from klimakreise.boards.models import CardChange, CircleState
from klimakreise.boards.services.errors import BoardError
from klimakreise.boards.services.history import record_change
from klimakreise.boards.services.votes import close_vote, open_vote, open_vote_of
from klimakreise.core.text import problem_message, text_problem


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


TIMER_MINUTES = (1, 120)
BROADCAST_MAX = 280


@transaction.atomic
def start_timer(*, circles, minutes, actor: dict) -> None:
    low, high = TIMER_MINUTES
    if not isinstance(minutes, int) or not low <= minutes <= high:
        raise BoardError(
            _("Minutes: please enter a whole number from %(low)s to %(high)s.")
            % {"low": low, "high": high}
        )
    _change(circles, actor, timer_ends_at=timezone.now() + timedelta(minutes=minutes))


@transaction.atomic
def stop_timer(*, circles, actor: dict) -> None:
    _change(circles, actor, timer_ends_at=None)


@transaction.atomic
def broadcast(*, circles, text, actor: dict) -> None:
    """An empty text clears the message."""
    text = (text or "").strip()
    problem = text_problem(text, multiline=False)
    if problem:
        raise BoardError(_("Message: ") + problem_message(problem))
    if len(text) > BROADCAST_MAX:
        raise BoardError(
            _("Message: please write at most %(max)s characters.") % {"max": BROADCAST_MAX}
        )
    _change(circles, actor, broadcast=text, broadcast_at=timezone.now() if text else None)


@transaction.atomic
def call_to_plenary(*, circles, actor: dict) -> None:
    _change(circles, actor, plenary_call_at=timezone.now())


@transaction.atomic
def open_votes(*, circles, dots_per_person, actor: dict) -> int:
    """A vote on every circle that has none open (a circle voting already keeps its vote);
    refused when every circle has one. Returns how many were opened."""
    waiting = [circle for circle in circles if open_vote_of(circle) is None]
    if not waiting:
        raise BoardError(_("A vote is already open in every chosen circle."))
    for circle in waiting:
        open_vote(circle=circle, dots_per_person=dots_per_person, actor=actor)
    return len(waiting)


@transaction.atomic
def close_votes(*, circles, actor: dict) -> int:
    """Closes the open vote of every circle that has one; refused when none has."""
    voting = [circle for circle in circles if open_vote_of(circle) is not None]
    if not voting:
        raise BoardError(_("No vote is open in the chosen circles."))
    for circle in voting:
        close_vote(circle=circle, actor=actor)
    return len(voting)


def _change(circles, actor, **fields) -> None:
    for circle in circles:
        state, _created = CircleState.objects.select_for_update().get_or_create(circle=circle)
        before = {name: _plain(getattr(state, name)) for name in fields}
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
            after={name: _plain(getattr(state, name)) for name in fields},
        )


def _plain(value):
    """History entries are JSON."""
    return value.isoformat() if hasattr(value, "isoformat") else value
