"""The results as HTML: the one partial shared by the public page, the review preview and the
HTML and PDF exports. It is a Jinja2 template (core.jinja explains why)."""

import functools

from django.template import engines
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

from klimakreise.core.jinja import LOCALE, current_locale
from klimakreise.results.data import Results

MODES = ("page", "html", "pdf")


def render_results(results: Results, *, mode: str) -> SafeString:
    if mode not in MODES:
        raise ValueError(f"unknown mode {mode!r}, expected one of {MODES}")
    template = engines["jinja2"].get_template("results/_results.html")
    context = {
        "results": results,
        "mode": mode,
        "participants": _participants,
        "dots": _dots,
        LOCALE: current_locale(),
    }
    return mark_safe(template.render(context))  # noqa: S308 (Jinja2 escaped every value)


# Plurals are formatted here: makemessages reads ngettext in Python, not in Jinja2 templates.
# Each is remembered per language and count: every idea of a closed vote shows its dots.
def _participants(count: int) -> str:
    return _participants_in(translation.get_language(), count)


def _dots(count: int) -> str:
    return _dots_in(translation.get_language(), count)


@functools.lru_cache(maxsize=512)
def _participants_in(language: str | None, count: int) -> str:
    with translation.override(language):
        text = ngettext("%(counter)s participant", "%(counter)s participants", count)
    return text % {"counter": count}


@functools.lru_cache(maxsize=512)
def _dots_in(language: str | None, count: int) -> str:
    with translation.override(language):
        text = ngettext("%(counter)s dot", "%(counter)s dots", count)
    return text % {"counter": count}
