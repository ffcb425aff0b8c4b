"""reverse() for links that public pages show on every visit, remembered per process.

Reversing a URL costs about 140,000 instructions, as much as rendering a dozen template
variables; a results page showed 24 of them. URL patterns never change while a process runs, so
the answer for the same script prefix, patterns, name and arguments stays right."""

import functools
from typing import NamedTuple
from urllib.parse import quote

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import translation


def remembered_reverse(viewname: str, **kwargs) -> str:
    """reverse(viewname, kwargs=kwargs)."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reverse(get_script_prefix(), urlconf, viewname, tuple(sorted(kwargs.items())))


@functools.lru_cache(maxsize=8192)
def _reverse(prefix: str, urlconf: str, viewname: str, kwargs: tuple) -> str:
    return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


class LanguageLink(NamedTuple):
    code: str
    name: str  # the language's own name ("English", "Deutsch")
    url: str


class SiteLinks:
    """The links of the base layout, reversed when a template reads them (a page without the
    layout, or with URL patterns of its own, never asks)."""

    def __init__(self, request=None):
        self.request = request

    @property
    def home(self) -> str:
        return remembered_reverse("editions:home")

    @property
    def login(self) -> str:
        return remembered_reverse("accounts:login")

    @property
    def api_docs(self) -> str:
        return remembered_reverse("api-1.0.0:openapi-view")

    @property
    def other_languages(self) -> list[LanguageLink]:
        """The language switch: each language but the current one, back to this page."""
        current = translation.get_language()
        # As Django's urlencode filter quotes a value.
        back = "?next=" + quote(self.request.get_full_path(), safe="/") if self.request else ""
        return [
            LanguageLink(code, name, remembered_reverse("core:language", code=code) + back)
            for code, name in _local_names()
            if code != current
        ]


@functools.cache
def _local_names() -> tuple[tuple[str, str], ...]:
    # settings.LANGUAGES never change while a process runs.
    return tuple(
        (code, translation.get_language_info(code)["name_local"]) for code, _ in settings.LANGUAGES
    )


def site_links(request) -> dict:
    """Context processor: `site_links.home`, `.login`, `.api_docs` and `.other_languages`."""
    return {"site_links": SiteLinks(request)}
