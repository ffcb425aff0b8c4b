"""Permanent redirects from addresses that moved, so bookmarks and old emails keep working."""

from django.http import HttpResponsePermanentRedirect
from django.utils.encoding import escape_uri_path


def moved_to(template: str):
    """A view answering with a permanent redirect to `template` filled in with the URL's values
    (e.g. "/manage/e/{slug}/{rest}"); the query string is kept. Reads get 301; anything else
    gets 308, so that a form sent to the old address is sent again, as a POST, to the new one."""

    def moved(request, **kwargs):
        return permanent_redirect(request, template.format(**kwargs))

    return moved


def permanent_redirect(request, path: str):
    """301 (308 for anything but a read) to `path`, a decoded path as Django's URL values are:
    it is encoded again, so that an encoded "?", "#" or "%" in the old address stays part of the
    path; the query string is kept."""
    target = escape_uri_path(path)
    query = request.META.get("QUERY_STRING", "")
    if query:
        target = f"{target}?{query}"
    status = 301 if request.method in ("GET", "HEAD") else 308
    return HttpResponsePermanentRedirect(target, status=status)
