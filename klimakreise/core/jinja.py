"""The Jinja2 environment, for the one partial that every uncached public results page renders.

Django's template language spends about 5 µs on each variable and tag; the results of an edition
have several hundred of them, so the results partial is a Jinja2 template, compiled to Python
(docs/decisions.md). Everything else stays in Django templates. The filters here behave as
Django's filters of the same name, so the partial reads like its Django neighbours.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.template import defaultfilters
from django.utils import dateformat, formats, timezone, translation
from jinja2 import Environment, StrictUndefined, pass_context
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
    env.filters.update(
        date=_date, time=_time, iso=_iso, linebreaksbr=_linebreaksbr, markdown=_markdown
    )
    return env


# The context key under which a render passes its LocalFormats to the date filters.
LOCAL_FORMATS = "local_formats"


@dataclass(frozen=True)
class LocalFormats:
    """The time zone and the named date formats (DATE_FORMAT, …) of the current language,
    looked up once per render: the partial formats dozens of dates, and each lookup goes
    through the language's format modules and asgiref's context-local storage."""

    zone: ZoneInfo
    named: dict

    @classmethod
    def current(cls) -> "LocalFormats":
        names = ("DATE_FORMAT", "SHORT_DATE_FORMAT", "TIME_FORMAT")
        return cls(timezone.get_current_timezone(), {n: formats.get_format(n) for n in names})

    def format(self, value, format_string: str) -> str:
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            value = timezone.localtime(value, self.zone)
        return dateformat.format(value, self.named.get(format_string, format_string))


@pass_context
def _date(context, value, format_string="DATE_FORMAT") -> str:
    if LOCAL_FORMATS in context:
        return context[LOCAL_FORMATS].format(value, format_string)
    return defaultfilters.date(timezone.template_localtime(value), format_string)


@pass_context
def _time(context, value, format_string="TIME_FORMAT") -> str:
    if LOCAL_FORMATS in context:
        return context[LOCAL_FORMATS].format(value, format_string)
    return defaultfilters.time(timezone.template_localtime(value), format_string)


def _iso(value) -> str:
    """A date, or a datetime in the current time zone, as ISO 8601 (for <time datetime>)."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.isoformat()


def _linebreaksbr(value) -> Markup:
    # As Django's linebreaksbr (\r\n and \r count as newlines too), escaped by markupsafe, which
    # is several times faster than Django's escape.
    text = str(escape(value))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Markup(text.replace("\n", "<br>"))  # noqa: S704 (escaped above)


def _markdown(text) -> Markup:
    return Markup(render_markdown(text))  # noqa: S704 (sanitized by nh3 in core.markdown)
