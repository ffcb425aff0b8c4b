"""What the board views share: loading a circle for a viewer, and answering after a change."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import time_format

from klimakreise.boards.access import require, viewer_for
from klimakreise.boards.board import (
    REVISION_HEADER,
    board_etag,
    board_revision,
    circle_with_revision,
)
from klimakreise.boards.reading import board_view


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def load(request, pk, *, need: str):
    """The circle and the viewer; refuses (403) unless the viewer has the `need` property."""
    circle = circle_with_revision(pk)
    viewer = viewer_for(request, circle)
    require(getattr(viewer, need))
    return circle, viewer


def board_context(circle, viewer) -> dict:
    return {
        "circle": circle,
        "viewer": viewer,
        "board": board_view(circle, viewer=viewer),
        "etag": board_etag(circle, viewer),
        "revision": board_revision(circle),
    }


def with_revision(response, circle):
    """Every answer that carries the board tells its revision (boards/static/boards/board.js)."""
    response[REVISION_HEADER] = str(board_revision(circle))
    return response


def after_change(request, circle, viewer, *, message, ok=True, anchor="", status=None):
    """htmx gets the fresh board and the save status; without JavaScript, a redirect.
    A refusal answers 409 (the board changed meanwhile) unless `status` says otherwise."""
    if is_htmx(request):
        fresh = circle_with_revision(circle.pk)
        context = board_context(fresh, viewer) | {
            "save_message": message,
            "save_ok": ok,
            "saved_at": time_format(timezone.localtime(), "H:i:s"),
            "oob": True,
        }
        status = status or (200 if ok else 409)
        response = render(request, "boards/_board.html", context, status=status)
        response["Cache-Control"] = "private, no-store"
        return with_revision(response, fresh)
    (messages.success if ok else messages.error)(request, message)
    return redirect(reverse("boards:workspace", kwargs={"pk": circle.pk}) + anchor)


def refuse_invalid(request, circle, viewer, form):
    """Invalid input: the board again, with the first error naming its field (422)."""
    return after_change(request, circle, viewer, message=first_error(form), ok=False, status=422)


def first_error(form) -> str:
    """A short message naming the field, for refusals answered with the board."""
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        return f"{label}: {errors[0]}" if label else errors[0]
    return ""
