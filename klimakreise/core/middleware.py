import functools

from django.contrib.sessions.middleware import SessionMiddleware


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
