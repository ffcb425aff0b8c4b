import functools

from django.contrib.sessions.middleware import SessionMiddleware
from django.http import Http404, JsonResponse
from django.shortcuts import render

from klimakreise.core import api_errors, text


class IdleTimeoutSessionMiddleware(SessionMiddleware):
    """Sessions end after SESSION_COOKIE_AGE of inactivity: every request that a person makes
    renews the expiry, but a page polling in the background (a board left open) does not.

    Besides keeping the idle timeout honest, skipping the write keeps polls cheap: renewing would
    write the session row three times a minute for every open board.
    """

    def process_response(self, request, response):
        session = getattr(request, "session", None)
        if (
            session is not None
            and not getattr(request, "background_poll", False)
            and not session.is_empty()
        ):
            session.modified = True
        return super().process_response(request, response)


def background_poll(view):
    """Marks a view as polled by a script, so it does not count as the person's activity."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        request.background_poll = True
        return view(request, *args, **kwargs)

    return wrapper


class UnreadablePathMiddleware:
    """A path with a NUL, another control character or a lone surrogate names no page: 404.

    Such a path would otherwise reach the views as a slug or token, and a query with it (a NUL
    on PostgreSQL) fails with an error instead of "not found". Bytes that are not UTF-8 arrive
    already percent-encoded again by Django and need nothing here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _unreadable(request.path) or _unreadable(request.path_info):
            if request.path_info.startswith("/api/"):  # the API's own answer for "not found"
                return JsonResponse({"detail": api_errors.not_found()}, status=404)
            raise Http404
        return self.get_response(request)


def _unreadable(path: str) -> bool:
    return text.text_problem(path, multiline=False) is not None


class MethodNotAllowedPageMiddleware:
    """A change that only a form's button makes (POST), opened by its address: a page that says
    so instead of the empty answer of `require_POST`. The API keeps its own answers."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.content or request.path.startswith("/api/"):
            return response
        page = render(request, "405.html", status=405)
        page["Allow"] = response.get("Allow", "")
        return page
