from django import template

from klimakreise.polls.forms import option_label

register = template.Library()


@register.filter
def poll_date(option, zone: str) -> str:
    """A proposed date in the series' time zone: `{{ option|poll_date:time_zone }}`."""
    return option_label(option, zone)
