"""The Jinja2 environment, for the one partial that every uncached public results page renders.

Django's template language spends about 5 µs on each variable and tag; the results of an edition
have several hundred of them, so the results partial is a Jinja2 template, compiled to Python
(docs/decisions.md). Everything else stays in Django templates. The filters here behave as
Django's filters of the same name, so the partial reads like its Django neighbours.
"""

from django.template import defaultfilters
from django.utils import timezone, translation
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup, escape

from klimakreise.core.markdown import render_markdown


def environment(**options) -> Environment:
    # A misspelt name fails loudly in the tests instead of rendering nothing.
    options["undefined"] = StrictUndefined
    options.pop("autoescape", None)  # Django's backend passes True; it must never be off
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(
        translation.gettext, translation.ngettext, pgettext=translation.pgettext
    )
    env.filters.update(date=_date, time=_time, linebreaksbr=_linebreaksbr, markdown=_markdown)
    return env


def _date(value, format_string=None) -> str:
    return _formatted(defaultfilters.date, value, format_string)


def _time(value, format_string=None) -> str:
    return _formatted(defaultfilters.time, value, format_string)


def _formatted(django_filter, value, format_string) -> str:
    # Django's date filters see aware datetimes in the current time zone (expects_localtime).
    return django_filter(timezone.template_localtime(value), format_string)


def _linebreaksbr(value) -> Markup:
    # As Django's linebreaksbr (\r\n and \r count as newlines too), escaped by markupsafe, which
    # is several times faster than Django's escape.
    text = str(escape(value))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Markup(text.replace("\n", "<br>"))  # noqa: S704 (escaped above)


def _markdown(text) -> Markup:
    return Markup(render_markdown(text))  # noqa: S704 (sanitized by nh3 in core.markdown)
