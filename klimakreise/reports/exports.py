"""The report as a file: PDF (WeasyPrint, as the circles' printed lists) and XLSX (openpyxl, as
the registration exports), both from the same sections as the page."""

import io
import re
from functools import cache
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Font
from weasyprint import CSS, HTML

from klimakreise.registrations.exports import neutralize_formula
from klimakreise.reports.protection import Cell
from klimakreise.reports.sections import Section

STYLESHEET = "reports/report.css"
# Excel refuses these characters in sheet names and cuts names at 31 characters.
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@cache
def _stylesheet() -> str:
    return Path(finders.find(STYLESHEET)).read_text(encoding="utf-8")


def report_pdf(context: dict) -> bytes:
    document = render_to_string("reports/document.html", context)
    return HTML(string=document).write_pdf(stylesheets=[CSS(string=_stylesheet())])


def spreadsheet_value(value):
    if isinstance(value, Cell):
        return value.spreadsheet
    if isinstance(value, int | float):
        return value
    # Names of circles, topics and organizations are typed by people: never a formula.
    return neutralize_formula(str(value))


def sheet_name(title: str) -> str:
    return SHEET_NAME_FORBIDDEN.sub(" ", str(title))[:31]


def report_xlsx(sections: list[Section]) -> bytes:
    """One sheet per section: its notes, then each table with its caption and header."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for section in sections:
        sheet = workbook.create_sheet(title=sheet_name(section.title))
        sheet.append([str(section.title)])
        sheet.cell(row=1, column=1).font = bold
        for note in section.notes:
            sheet.append([str(note)])
        for table in section.tables:
            sheet.append([])
            sheet.append([str(table.caption)])
            sheet.cell(row=sheet.max_row, column=1).font = bold
            sheet.append([str(label) for label in table.header])
            for row in [*table.rows, *([table.footer] if table.footer else [])]:
                sheet.append([spreadsheet_value(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
