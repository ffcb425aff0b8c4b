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
from django.template import Context
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
    edition = context["edition"]
    summary = EventSummary(
        series_title=edition.series.title,
        title=edition.title,
        start=edition.start,
        end=edition.end,
        venue=edition.venue,
        online_room_url=edition.online_room_url,
        url=context["edition_url"],
    )
    kind = "html" if context.autoescape else "txt"
    return _rendered(
        context.template.engine.get_template(f"registrations/email/_event.{kind}"),
        summary,
        context.autoescape,
        translation.get_language(),
        timezone.get_current_timezone_name(),
    )


@lru_cache(maxsize=256)
def _rendered(
    summary_template, summary: EventSummary, autoescape: bool, language: str, time_zone: str
) -> str:
    # Rendered in the active language and time zone: those in the key.
    return summary_template.render(Context({"event": summary}, autoescape=autoescape))
