"""Whether a browser sent a request from another site: the one check for every write that has
no CSRF token (the public sign-up form, the JSON API).

A browser names the page a request comes from (Origin) and, in newer browsers, how it relates
to this site (Sec-Fetch-Site). A request without either header (older browsers, curl, another
server with a bearer token) is taken: it cannot carry a visitor's cookies or address on behalf
of another site's page.
"""

from django.conf import settings

# "none": typed into the address bar or opened from a bookmark.
_OWN_SITE_FETCHES = frozenset({"same-origin", "none"})


def from_other_site(request) -> bool:
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site and fetch_site not in _OWN_SITE_FETCHES:
        return True
    origin = request.headers.get("Origin")
    if not origin:
        return False
    # "null": a sandboxed frame, a file, a redirect across sites: nothing to trust.
    return origin not in _own_origins(request)


def _own_origins(request) -> set[str]:
    return {f"{request.scheme}://{request.get_host()}", *settings.CSRF_TRUSTED_ORIGINS}
