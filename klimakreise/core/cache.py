"""Whole-page caching of public pages for anonymous visitors.

Any write to public content sets a new generation value in the page cache, which retires every
cached page at once in all app processes; a short timeout covers time-based changes (an edition
moving from upcoming to past).

Views opt in with @cached_public_page, which stores their pages. PublicPageCacheMiddleware
answers visitors who carry no session or message cookie from that store before sessions, CSRF,
authentication and messages run: on a cache hit those would cost more than the read itself.
"""

import functools
import secrets

from django.conf import settings
from django.contrib.messages import get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import Resolver404, resolve
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language, get_language_from_request

GENERATION_KEY = "public-pages:generation"
PAGE_TIMEOUT = 60
# The views decorated with @cached_public_page, so the middleware only looks up their pages.
CACHED_VIEWS = set()


def page_cache():
    return caches["pages"]


def bump_public_generation(**kwargs) -> None:
    # A new random value, not a counter: one write, and nothing to read or keep from expiring.
    page_cache().set(GENERATION_KEY, secrets.token_hex(8), timeout=None)


def retire_public_pages() -> None:
    """Retire every cached page, now and again after the commit: a page rendered from the old
    data in between would otherwise stay cached under the new generation until it times out."""
    bump_public_generation()
    transaction.on_commit(bump_public_generation, robust=True)


def _page_key(language: str, request) -> str:
    return f"public-page:{language}:{request.get_full_path()}"


def _read_page(key: str):
    """(current generation, the stored page or None). One cache read: the page is stored with
    the generation it was rendered in, and only counts while that is still the current one."""
    found = page_cache().get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY, 0)
    stored = found.get(key)
    if stored is not None and stored[0] == generation:
        return generation, stored[1]
    return generation, None


def _may_share(request) -> bool:
    """Whether this request may get, or add to, the pages shared by all anonymous visitors."""
    # HEAD gets the GET page; the server sends its headers without the body.
    if request.method not in ("GET", "HEAD") or not getattr(settings, "PUBLIC_PAGE_CACHE", True):
        return False
    if request.GET:
        # Our public pages take no parameters; a cache entry per made-up query string would only
        # push real pages out.
        return False
    # A flash message waiting for this visitor must appear on the next page they see.
    return CookieStorage.cookie_name not in request.COOKIES


def cached_public_page(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _may_share(request) or request.user.is_authenticated or get_messages(request):
            return view(request, *args, **kwargs)
        key = _page_key(get_language(), request)
        generation, response = _read_page(key)
        if response is not None:
            return response
        response = view(request, *args, **kwargs)
        # A page that used this visitor's CSRF token must never be shown to anyone else.
        personal = response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        if response.status_code == 200 and not personal:
            if hasattr(response, "render"):
                response.render()
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
            # Set here because a page served early never passes CommonMiddleware.
            response.headers.setdefault("Content-Length", str(len(response.content)))
            page_cache().set(key, (generation, response), PAGE_TIMEOUT)
        return response

    CACHED_VIEWS.add(wrapper)
    return wrapper


class PublicPageCacheMiddleware:
    """Answers anonymous GETs for cached public pages early (see the module's docstring).

    Place it after SecurityMiddleware and XFrameOptionsMiddleware, whose headers every page
    needs, and before the session middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _may_share(request) and settings.SESSION_COOKIE_NAME not in request.COOKIES:
            response = self._cached_page(request)
            if response is not None:
                return response
        return self.get_response(request)

    def _cached_page(self, request):
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        if match.func not in CACHED_VIEWS:
            return None
        # The language LocaleMiddleware would pick, as the page was stored under it.
        language = get_language_from_request(request)
        _, response = _read_page(_page_key(language, request))
        if response is not None:
            response.headers.setdefault("Content-Language", language)
        return response


def retire_pages_on_change(*models) -> None:
    """Connect the given models so that saving or deleting one retires the cached pages."""
    for model in models:
        uid = f"public-pages:{model._meta.label}"
        post_save.connect(bump_public_generation, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(bump_public_generation, sender=model, dispatch_uid=uid + ":delete")
        for field in model._meta.local_many_to_many:
            through, field_uid = field.remote_field.through, f"{uid}:{field.name}"
            m2m_changed.connect(bump_public_generation, sender=through, dispatch_uid=field_uid)
