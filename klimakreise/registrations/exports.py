"""CSV and XLSX exports of registrations for organizers (never for anyone else)."""

import csv
import io
from datetime import datetime

from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

# Sent while registrations of `edition` are exported, so apps above this one can add columns
# (circles: each person's circle). A receiver returns (header, {registration id: value}).
export_columns_requested = Signal()

# Spreadsheet programs run a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize_formula(value):
    """Text that a spreadsheet would run as a formula gets a leading quote."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def wish_rank_count(edition, registrations) -> int:
    most = max((len(r.preferences.all()) for r in registrations), default=0)
    return max(edition.preference_ranks, most)


def extra_columns(edition) -> list[tuple[str, dict]]:
    return [
        response for _receiver, response in export_columns_requested.send(None, edition=edition)
    ]


def export_header(ranks: int, extras=()) -> list[str]:
    return [
        _("Name"),
        _("Email"),
        _("Organization"),
        _("Sector"),
        _("Status"),
        *[_("Wish %(rank)d") % {"rank": rank} for rank in range(1, ranks + 1)],
        _("Can moderate"),
        _("Can take notes"),
        _("Get-together"),
        _("Accessibility needs"),
        _("Consent given at"),
        _("Consent"),
        _("Public listing"),
        _("Newsletter"),
        _("Language"),
        _("Checked in"),
        *[header for header, _values in extras],
    ]


def _local(moment):
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0) if moment else None


def export_row(registration, ranks: int, extras=()) -> list:
    """One registration as plain values (str, bool, naive local datetime or None)."""
    wishes = [wish.topic.title for wish in registration.preferences.all()]
    wishes += [""] * (ranks - len(wishes))
    return [
        registration.name,
        registration.email,
        registration.organization_name,
        registration.sector.title,
        registration.get_status_display(),
        *wishes,
        registration.can_moderate,
        registration.can_take_notes,
        registration.joins_get_together,
        registration.accessibility_needs,
        _local(registration.consent_privacy_at),
        registration.privacy_notice_version,
        registration.public_listing,
        registration.newsletter,
        registration.language,
        _local(registration.checked_in_at),
        *[values.get(registration.pk, "") for _header, values in extras],
    ]


def _as_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return str(value)


def registrations_csv(edition, registrations) -> bytes:
    """UTF-8 with a byte order mark, so spreadsheet programs detect the encoding, and semicolons
    between the columns, which spreadsheet programs set to German split (commas they do not)."""
    registrations = list(registrations)
    ranks, extras = wish_rank_count(edition, registrations), extra_columns(edition)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(export_header(ranks, extras))
    for registration in registrations:
        row = export_row(registration, ranks, extras)
        writer.writerow([neutralize_formula(_as_text(value)) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def registrations_xlsx(edition, registrations) -> bytes:
    registrations = list(registrations)
    ranks, extras = wish_rank_count(edition, registrations), extra_columns(edition)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_("Registrations")[:31])
    sheet.append(export_header(ranks, extras))
    for registration in registrations:
        row = export_row(registration, ranks, extras)
        sheet.append([neutralize_formula(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
