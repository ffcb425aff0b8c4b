"""The results as HTML: the one partial shared by the public page, the review preview and the
HTML and PDF exports. It is a Jinja2 template (core.jinja explains why)."""

from django.template import engines
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import ngettext

from klimakreise.core.jinja import LOCAL_FORMATS, LocalFormats
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
        LOCAL_FORMATS: LocalFormats.current(),
    }
    return mark_safe(template.render(context))  # noqa: S308 (Jinja2 escaped every value)


# Plurals are formatted here: makemessages reads ngettext in Python, not in Jinja2 templates.
def _participants(count: int) -> str:
    return ngettext("%(counter)s participant", "%(counter)s participants", count) % {
        "counter": count
    }


def _dots(count: int) -> str:
    return ngettext("%(counter)s dot", "%(counter)s dots", count) % {"counter": count}
