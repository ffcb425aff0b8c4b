"""Signals boards sends so that apps above it can take part in its pages without boards
importing them (the layers of docs/architecture.md)."""

from django.dispatch import Signal

# Sent while the plenary view of an edition renders, with `request` and `edition`. A receiver
# returns HTML to show before the circles, or "" (steps: the Rückblick on the previous edition).
plenary_rendering = Signal()
