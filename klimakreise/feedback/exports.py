"""The organizers' downloads of the report: CSV (the counts) and XLSX (counts, free texts, the
own-circle rating per circle). Both hold what the report page shows and nothing else: no names,
no registration, no single response (docs/decisions.md)."""

import csv
import io

from django.http import HttpResponse
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook

from klimakreise.feedback.models import MIN_GROUP_SIZE

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def _fewer() -> str:
    return _("fewer than %(count)s answers") % {"count": MIN_GROUP_SIZE}


def summary_rows(report) -> list[list]:
    rows = [[_("Question"), _("Kind"), _("Answer"), _("Count"), _("Share (%)")]]
    if report.hidden:
        return rows + [[_fewer(), "", "", "", ""]]
    for q in report.questions:
        if q.hidden:
            rows.append([q.text, q.kind_label, _fewer(), "", ""])
            continue
        if q.kind == "text":
            rows.append([q.text, q.kind_label, _("number of answers"), q.answers, ""])
        for bar in q.bars:
            rows.append([q.text, q.kind_label, bar.label, bar.count, round(bar.share * 100)])
        if q.mean is not None:
            rows.append([q.text, q.kind_label, _("mean"), round(q.mean, 2), ""])
    return [[safe_cell(cell) for cell in row] for row in rows]


def text_rows(report) -> list[list]:
    rows = [[_("Question"), _("Answer")]]
    for q in report.questions:
        rows += [[safe_cell(q.text), safe_cell(text)] for text in q.texts]
    return rows


def circle_rows(report) -> list[list]:
    rows = [[_("Circle"), _("Answers"), _("Mean")]]
    for q in report.questions:
        for circle in q.circles:
            if circle.hidden:
                rows.append([safe_cell(circle.name), _fewer(), ""])
            else:
                rows.append([safe_cell(circle.name), circle.answers, round(circle.mean, 2)])
    return rows


def _filename(edition, extension: str) -> str:
    return f'attachment; filename="feedback-{edition.slug}.{extension}"'


def _csv_cell(value):
    # Decimals as the active language writes them ("2,83" in German), like the headers.
    if isinstance(value, float):
        return formats.number_format(value, 2)
    return value


def csv_response(report, *, edition) -> HttpResponse:
    """Semicolons between the columns, like the registrations' CSV export: spreadsheet programs
    set to German split those (and read "2,83" as a number), commas they do not."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerows([[_csv_cell(cell) for cell in row] for row in summary_rows(report)])
    # With a byte order mark, so that spreadsheet programs read the umlauts right.
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = _filename(edition, "csv")
    return response


def xlsx_response(report, *, edition) -> HttpResponse:
    book = Workbook()
    sheets = [
        (pgettext("spreadsheet", "Summary"), summary_rows(report)),
        (_("Free texts"), text_rows(report)),
        (_("Circles"), circle_rows(report)),
    ]
    book.remove(book.active)
    for title, rows in sheets:
        sheet = book.create_sheet(title=title[:31])
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = _filename(edition, "xlsx")
    return response
