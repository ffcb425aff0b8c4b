"""reverse() for links that public pages show on every visit, remembered per process.

Reversing a URL costs about 140,000 instructions, as much as rendering a dozen template
variables; a results page showed 24 of them. URL patterns never change while a process runs, so
the answer for the same script prefix, patterns, name and arguments stays right."""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def remembered_reverse(viewname: str, **kwargs) -> str:
    """reverse(viewname, kwargs=kwargs)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reverse(get_script_prefix(), urlconf, viewname, tuple(sorted(kwargs.items())))


@functools.lru_cache(maxsize=8192)
def _reverse(prefix: str, urlconf: str, viewname: str, kwargs: tuple) -> str:
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


class SiteLinks:
    """The links of the base layout, reversed when a template reads them (a page without the
    layout, or with URL patterns of its own, never asks)."""

    @property
    def home(self) -> str:
        return remembered_reverse("core:home")

    @property
    def login(self) -> str:
        return remembered_reverse("accounts:login")

    @property
    def api_docs(self) -> str:
        return remembered_reverse("api-1.0.0:openapi-view")


def site_links(request) -> dict:
    """Context processor: `site_links.home`, `.login` and `.api_docs`."""
    return {"site_links": SiteLinks()}
