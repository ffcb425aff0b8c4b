"""Signals editions sends so that apps above it can take part in its pages without editions
importing them (the layers of docs/architecture.md)."""

from django.dispatch import Signal

# Sent while the public page of an edition renders, with `request` and `edition`. A receiver
# returns HTML to show below the programme, or "" (registrations: the sign-up form while
# registration is open).
edition_page_rendering = Signal()

# Sent when someone who does not organize the series asks for one of a circle's files, with
# `request` and `circle`. A receiver returns True when this request may see it (boards: whoever
# may see the circle's board). Without a receiver that says yes, the file is a 404.
circle_file_requested = Signal()
