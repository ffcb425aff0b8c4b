"""The Jinja2 environment, for the one partial that every uncached public results page renders.

Django's template language spends about 5 µs on each variable and tag; the results of an edition
have several hundred of them, so the results partial is a Jinja2 template, compiled to Python
(docs/decisions.md). Everything else stays in Django templates. The filters here behave as
Django's filters of the same name, so the partial reads like its Django neighbours.
"""

import functools

from django.template import defaultfilters
from django.utils import timezone, translation
from jinja2 import Environment, StrictUndefined, pass_context
from markupsafe import Markup, escape

from klimakreise.core.markdown import render_markdown


def environment(**options) -> Environment:
    # A misspelt name fails loudly in the tests instead of rendering nothing.
    options["undefined"] = StrictUndefined
    options.pop("autoescape", None)  # Django's backend passes True; it must never be off
    env = Environment(autoescape=True, extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(_gettext, translation.ngettext, pgettext=translation.pgettext)
    env.filters.update(date=_date, time=_time, linebreaksbr=_linebreaksbr, markdown=_markdown)
    return env


def _gettext(message: str) -> str:
    # The partial shows the same labels once per circle and table. Catalogues are loaded once
    # per process and never change, so a translation, once looked up, stays right.
    return _translated(translation.get_language(), message)


@functools.lru_cache(maxsize=2048)
def _translated(language: str | None, message: str) -> str:
    with translation.override(language):
        return translation.gettext(message)


# The context key under which a render passes (language, time zone) to the date filters.
LOCALE = "_locale"


def current_locale() -> tuple[str | None, str]:
    """What Django's date filters depend on besides the value: looked up once per render, as
    each lookup goes through asgiref's context-local storage (a few µs, many times a page)."""
    return translation.get_language(), timezone.get_current_timezone_name()


@pass_context
def _date(context, value, format_string=None) -> str:
    return _formatted(context, defaultfilters.date, value, format_string)


@pass_context
def _time(context, value, format_string=None) -> str:
    return _formatted(context, defaultfilters.time, value, format_string)


def _formatted(context, django_filter, value, format_string) -> str:
    # Django's date filters see aware datetimes in the current time zone (expects_localtime).
    # A page shows the same few dates many times, and each formatting costs about 10 µs.
    language, zone = context.get(LOCALE) or current_locale()
    return _formatted_in(django_filter, value, format_string, language, zone)


@functools.lru_cache(maxsize=4096)
def _formatted_in(django_filter, value, format_string, language, zone) -> str:
    with translation.override(language), timezone.override(zone):
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
