import functools

from django import template
from django.utils.safestring import mark_safe

from klimakreise.core.markdown import render_markdown

register = template.Library()


@functools.lru_cache(maxsize=1024)
def _rendered(text: str) -> str:
    return render_markdown(text)


@register.filter
def cached_markdown(text):
    """Like core's `markdown` filter, remembered per process: results pages render the same
    notes over and over, and Python-Markdown costs about a millisecond per call."""
    return mark_safe(_rendered(text or ""))  # noqa: S308 (sanitized by nh3)
