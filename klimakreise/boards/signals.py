"""Signals boards sends so that apps above it can take part in its pages without boards
importing them (the layers of docs/architecture.md)."""

from dataclasses import dataclass

from django.dispatch import Signal


@dataclass(frozen=True)
class PlenarySection:
    """A slide before the circles: its element id, its title for the list of contents, and its
    HTML (an element with that id and the class `plenary-slide`)."""

    anchor: str
    title: str
    html: str


# Sent while the plenary view of an edition renders, with `request` and `edition`. A receiver
# returns a PlenarySection or None (steps: the Rückblick on the previous edition).
plenary_rendering = Signal()
