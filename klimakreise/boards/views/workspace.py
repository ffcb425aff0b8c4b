"""The workspace page of a circle and the board fragment it refreshes every few seconds."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotModified
from django.shortcuts import redirect, render
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags
from django.views.decorators.http import require_GET

from klimakreise.boards.access import remember_member_link, require, viewer_for
from klimakreise.boards.board import board_etag, circle_with_revision
from klimakreise.boards.forms import AddCardForm, ConsoleForm, OpenVoteForm, SlidesForm
from klimakreise.boards.presence import online_counts
from klimakreise.boards.reading import notes_view
from klimakreise.boards.views.common import board_context, with_revision
from klimakreise.circles import video
from klimakreise.core.middleware import background_poll

POLL_SECONDS = 3


@require_GET
def workspace(request, pk):
    circle = circle_with_revision(pk)
    if token := request.GET.get("t"):
        if not remember_member_link(request, circle, token):
            raise PermissionDenied
        # The token leaves the address bar (and so history, logs and referrers) at once.
        return redirect("boards:workspace", pk=circle.pk)
    viewer = viewer_for(request, circle)
    require(viewer.can_view)
    return render_workspace(request, circle, viewer)


def render_workspace(request, circle, viewer, *, add_form=None, slides_form=None, status=200):
    attachments = list(circle.attachments.all())
    context = board_context(circle, viewer) | {
        "edition": circle.edition,
        "topic": circle.topic,
        "attachments": attachments,
        "notes_text": notes_view(circle, viewer=viewer),
        "add_form": add_form or AddCardForm(),
        "slides_form": (slides_form or SlidesForm()) if viewer.can_manage else None,
        "vote_form": OpenVoteForm(),
        # The circle's staff facilitate their own circle (the console's actions, one circle).
        "facilitate_form": ConsoleForm(circles=[circle], all_allowed=False)
        if viewer.can_manage
        else None,
        "poll_seconds": POLL_SECONDS,
        "board_stream": settings.BOARD_STREAM,
        # People online are counted by their streams; the stream then tells every change.
        "online": online_counts([circle.pk]).get(circle.pk, 0) if settings.BOARD_STREAM else None,
        # One shared room address is shown too; a BBB join address is per person (the link).
        "video_room_url": video.room_url(circle) if viewer.can_manage or viewer.member else "",
    }
    response = render(request, "boards/workspace.html", context, status=status)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@background_poll
def board_fragment(request, pk):
    """The card lists only. Answers 304 when the board has not changed since the client's copy."""
    circle = circle_with_revision(pk, for_page=False)
    viewer = viewer_for(request, circle)
    require(viewer.can_view)
    etag = board_etag(circle, viewer)
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    else:
        response = render(request, "boards/_board.html", board_context(circle, viewer))
    response["ETag"] = etag
    # no-store: the browser must not answer from its own cache; the script sends the ETag itself.
    response["Cache-Control"] = "private, no-store"
    patch_vary_headers(response, ["Cookie"])
    return with_revision(response, circle)
