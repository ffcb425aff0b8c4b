"""The board's stream (Server-Sent Events): who may read it is exactly who may refresh the board."""

from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.http import Http404, StreamingHttpResponse
from django.views.decorators.http import require_GET

from klimakreise.boards import stream
from klimakreise.boards.access import require, viewer_for
from klimakreise.boards.board import circle_with_revision


@require_GET
def board_stream(request, pk):
    if not settings.BOARD_STREAM:
        raise Http404  # switched off: the boards poll, and no stream may hold a worker
    circle = circle_with_revision(pk, for_page=False)
    viewer = viewer_for(request, circle)
    require(viewer.can_view)
    last_id = stream.parse_last_event_id(
        request.headers.get("Last-Event-ID") or request.GET.get("last")
    )
    # Under ASGI (klimakreise serve) an async iterator: a waiting stream holds no thread. Under
    # WSGI (runserver, the test server) a plain one: each stream holds one thread there.
    events = stream.board_events_async if isinstance(request, ASGIRequest) else stream.board_events
    response = StreamingHttpResponse(events(circle.pk, last_id), content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response
