"""Small helpers for the text-based exports (Markdown, WordPress)."""

from django.template.defaultfilters import date as format_date
from django.utils import timezone
from django.utils.translation import gettext as _


def step_details(step) -> list[str]:
    """ "Who: …", "due …", status — the parts of a next step besides its text."""
    parts = []
    if step.responsible:
        parts.append(_("Who: %(name)s") % {"name": step.responsible})
    if step.due:
        parts.append(_("due %(date)s") % {"date": format_date(step.due, "SHORT_DATE_FORMAT")})
    parts.append(step.status_label)
    return parts


def one_line(text: str) -> str:
    return " ".join(text.split())


def step_columns(circle) -> list[tuple[str, list]]:
    """The two columns with next-step cards, with their headings."""
    return [(_("Next steps"), circle.next_steps), (_("Responsibilities"), circle.responsibilities)]


def clock(value) -> str:
    """An agenda time in the site's time zone, e.g. "15:45"."""
    return f"{timezone.localtime(value):%H:%M}"


def review_step_details(step) -> list[str]:
    """A step of the Rückblick besides its text: who, status with its date, the last note."""
    parts = [_("Who: %(name)s") % {"name": step.responsible}] if step.responsible else []
    updated = format_date(timezone.localtime(step.updated_at), "SHORT_DATE_FORMAT")
    parts.append(_("%(status)s as of %(date)s") % {"status": step.status_label, "date": updated})
    if step.note:
        parts.append(_("last note: %(note)s") % {"note": one_line(step.note)})
    return parts
