"""Every change to a board goes through these functions: atomic, versioned, recorded."""

from klimakreise.boards.services.cards import add_card, edit_card, move_card, remove_card
from klimakreise.boards.services.errors import BoardError, StaleEdit
from klimakreise.boards.services.merge import merge_card_edit
from klimakreise.boards.services.notes import save_notes
from klimakreise.boards.services.stacks import (
    StaleStack,
    dissolve_stack,
    rename_stack,
    stack_cards,
    unstack_card,
)
from klimakreise.boards.services.votes import close_vote, open_vote, place_dot, remove_dot

__all__ = [
    "BoardError",
    "StaleEdit",
    "StaleStack",
    "add_card",
    "close_vote",
    "dissolve_stack",
    "edit_card",
    "merge_card_edit",
    "move_card",
    "open_vote",
    "place_dot",
    "remove_card",
    "remove_dot",
    "rename_stack",
    "save_notes",
    "stack_cards",
    "unstack_card",
]
