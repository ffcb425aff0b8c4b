"""Whole-page caching of public pages for anonymous visitors.

Any write to public content bumps one generation number in the shared cache, which retires every
cached page at once in all app processes; a short timeout covers time-based changes (an edition
moving from upcoming to past).
"""

import functools

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_language

GENERATION_KEY = "public-pages:generation"
PAGE_TIMEOUT = 60


def bump_public_generation(**kwargs) -> None:
    cache.add(GENERATION_KEY, 0, timeout=None)
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, timeout=None)


def cached_public_page(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if (
            request.method != "GET"
            or not getattr(settings, "PUBLIC_PAGE_CACHE", True)
            or request.user.is_authenticated
        ):
            return view(request, *args, **kwargs)
        # One cache read: the page is stored with the generation it was rendered in, and only
        # counts while that is still the current one.
        key = f"public-page:{get_language()}:{request.get_full_path()}"
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY, 0)
        stored = found.get(key)
        if stored is not None and stored[0] == generation:
            return stored[1]
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.cookies:
            if hasattr(response, "render"):
                response.render()
            patch_vary_headers(response, ["Cookie", "Accept-Language"])
            cache.set(key, (generation, response), PAGE_TIMEOUT)
        return response

    return wrapper


def retire_pages_on_change(*models) -> None:
    """Connect the given models so that saving or deleting one retires the cached pages."""
    from django.db.models.signals import m2m_changed, post_delete, post_save

    for model in models:
        uid = f"public-pages:{model._meta.label}"
        post_save.connect(bump_public_generation, sender=model, dispatch_uid=uid + ":save")
        post_delete.connect(bump_public_generation, sender=model, dispatch_uid=uid + ":delete")
    m2m_changed.connect(bump_public_generation, dispatch_uid="public-pages:m2m")
