"""reverse() for links that public pages repeat many times, remembered per process."""

import functools

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse


def reverse_by_pk(viewname: str, pk: int) -> str:
    """reverse(viewname, kwargs={"pk": pk}). A results page links each file twice and reversing
    costs more than the rest of a file's entry; the URL patterns never change while a process
    runs, so the answer for the same prefix, patterns, name and pk stays right."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return _reverse_by_pk(get_script_prefix(), urlconf, viewname, pk)


@functools.lru_cache(maxsize=8192)
def _reverse_by_pk(prefix: str, urlconf: str, viewname: str, pk: int) -> str:
    return reverse(viewname, urlconf=urlconf, kwargs={"pk": pk})
