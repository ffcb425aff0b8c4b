"""The streams (Server-Sent Events): who may read a board's stream is exactly who may refresh the
board; who may read an edition's plenary stream is who may see its plenary view."""

from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.http import Http404, StreamingHttpResponse
from django.views.decorators.http import require_GET

from klimakreise.boards import stream
from klimakreise.boards.access import require, viewer_for
from klimakreise.boards.board import circle_with_revision
from klimakreise.boards.presence import viewer_key
from klimakreise.boards.views.edition import plenary_edition


@require_GET
def board_stream(request, pk):
    if not settings.BOARD_STREAM:
        raise Http404  # switched off: the boards poll, and no stream may hold a worker
    circle = circle_with_revision(pk, for_page=False)
    viewer = viewer_for(request, circle)
    require(viewer.can_view)
    last_id = _last_id(request)
    # Under ASGI (klimakreise serve) an async iterator: a waiting stream holds no thread. Under
    # WSGI (runserver, the test server) a plain one: each stream holds one thread there.
    events = stream.board_events_async if _asgi(request) else stream.board_events
    return _response(events(circle.pk, last_id, viewer=viewer_key(viewer)))


@require_GET
def plenary_stream(request, slug):
    if not settings.BOARD_STREAM:
        raise Http404
    edition = plenary_edition(request, slug)
    circles = list(edition.circles.values_list("pk", flat=True))
    events = stream.plenary_events_async if _asgi(request) else stream.plenary_events
    return _response(events(edition.pk, circles, _last_id(request)))


def _asgi(request) -> bool:
    return isinstance(request, ASGIRequest)


def _last_id(request) -> int | None:
    return stream.parse_last_event_id(
        request.headers.get("Last-Event-ID") or request.GET.get("last")
    )


def _response(events) -> StreamingHttpResponse:
    response = StreamingHttpResponse(events, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: pass each event on at once
    return response
