from klimakreise.boards.views.cards import card_add, card_edit, card_move, card_remove
from klimakreise.boards.views.console import circle_facilitate, console, console_action
from klimakreise.boards.views.edition import (
    board_settings,
    history,
    history_moved,
    overview,
    plenary,
)
from klimakreise.boards.views.files import file_add
from klimakreise.boards.views.notes import notes_edit
from klimakreise.boards.views.stream import board_stream, plenary_stream
from klimakreise.boards.views.video import video_room
from klimakreise.boards.views.votes import dot, vote_close, vote_open
from klimakreise.boards.views.workspace import board_fragment, workspace

__all__ = [
    "board_fragment",
    "board_stream",
    "board_settings",
    "card_add",
    "card_edit",
    "card_move",
    "card_remove",
    "circle_facilitate",
    "console",
    "console_action",
    "dot",
    "file_add",
    "history",
    "history_moved",
    "notes_edit",
    "overview",
    "plenary",
    "plenary_stream",
    "video_room",
    "vote_close",
    "vote_open",
    "workspace",
]
