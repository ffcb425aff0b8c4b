from datetime import date

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.template.defaultfilters import date as format_date
from django.utils.translation import gettext_lazy as _

from klimakreise.boards.models import Card, DotVote

# Snapshot entries that are no model field: what the vote and stack services record.
OTHER_LABELS = {"dots": _("dots given"), "cards": _("cards in the stack")}

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
        field = _snapshot_field(name)
        if field is None:
            rows.append((str(OTHER_LABELS.get(name, name)), str(value)))
            continue
        if field.choices:
            value = dict(field.choices).get(value, value)
        elif name == "due_date":
            value = format_date(date.fromisoformat(value), "SHORT_DATE_FORMAT")
        rows.append((str(field.verbose_name), str(value)))
    return rows


def _snapshot_field(name: str):
    """The card's or the vote's field a snapshot entry records, if it is one."""
    for model in (Card, DotVote):
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.concrete:
            return field
    return None
