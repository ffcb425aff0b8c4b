from datetime import date

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.template.defaultfilters import date as format_date

from klimakreise.boards.models import Card

register = template.Library()


@register.filter
def staff(circle, role: str) -> str:
    """The name of a circle's moderator, expert or note-taker (account or plain name)."""
    return circle.staff_display(role)


@register.filter
def readable_snapshot(data) -> list[tuple[str, str]]:
    """A history snapshot as (field label, shown value) pairs in the page's language."""
    rows = []
    for name, value in (data or {}).items():
        if not value or name in {"id", "position"}:
            continue
        try:
            field = Card._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        if field is None or not field.concrete:  # e.g. a vote's dot counts
            rows.append((name, str(value)))
            continue
        if field.choices:
            value = dict(field.choices).get(value, value)
        elif name == "due_date":
            value = format_date(date.fromisoformat(value), "SHORT_DATE_FORMAT")
        rows.append((str(field.verbose_name), str(value)))
    return rows
