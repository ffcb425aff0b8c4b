"""`{% event_summary %}`: the edition's summary in participants' emails (email/_event.txt, .html).

Every sign-up's confirmation, each reminder and each circle assignment of an edition show the
same summary, and rendering it took a tenth of a sign-up's CPU. So each process renders it once
for the same values and reuses it. Nothing can go stale: the key holds every value the summary
shows (its templates see nothing else), the language and time zone it is shown in, and the
compiled template, so a changed edition or template file only means a new key.
"""

from datetime import datetime
from functools import lru_cache
from typing import NamedTuple

from django import template
from django.template import Context, engines
from django.utils import timezone, translation

register = template.Library()


class EventSummary(NamedTuple):
    """What the summary shows; its templates read it as `event`."""

    series_title: str
    title: str
    start: datetime
    end: datetime
    venue: str
    online_room_url: str
    url: str


@register.simple_tag(takes_context=True)
def event_summary(context) -> str:
    """The summary of the context's `edition` (its page at `edition_url`): HTML in an escaping
    template (the email's HTML part), text in the others."""
    return summary_of(
        context["edition"],
        context["edition_url"],
        html=context.autoescape,
        engine=context.template.engine,
    )


def summary_of(edition, edition_url: str, *, html: bool, engine=None) -> str:
    """The summary as the tag renders it, also for the Jinja2 emails (the confirmation
    request): rendered by Django's engine, so HTML comes back as a safe string."""
    summary = EventSummary(
        series_title=edition.series.title,
        title=edition.title,
        start=edition.start,
        end=edition.end,
        venue=edition.venue,
        online_room_url=edition.online_room_url,
        url=edition_url,
    )
    engine = engine or engines["django"].engine
    return _rendered(
        engine.get_template(f"registrations/email/_event.{'html' if html else 'txt'}"),
        summary,
        html,
        translation.get_language(),
        timezone.get_current_timezone_name(),
    )


@lru_cache(maxsize=256)
def _rendered(
    summary_template, summary: EventSummary, autoescape: bool, language: str, time_zone: str
) -> str:
    # Rendered in the active language and time zone: those in the key.
    return summary_template.render(Context({"event": summary}, autoescape=autoescape))
