"""Writes of the circle assignment. Every function runs in one transaction."""

from klimakreise.circles.services.locking import lock_run, publish_run
from klimakreise.circles.services.membership import (
    add_member,
    confirm_suggestion,
    move_member,
    remove_member,
    unfix_assignment,
)
from klimakreise.circles.services.moderators import choose_moderator
from klimakreise.circles.services.runs import (
    ActionRefused,
    move_person,
    pin_to_topic,
    run_assignment,
    unpin,
)

__all__ = [
    "ActionRefused",
    "add_member",
    "choose_moderator",
    "confirm_suggestion",
    "move_member",
    "remove_member",
    "unfix_assignment",
    "lock_run",
    "move_person",
    "pin_to_topic",
    "publish_run",
    "run_assignment",
    "unpin",
]
