"""Read an uploaded CSV or XLSX file into a header and rows of text, or fail with a clear message.

Limits (size, rows, unpacked size of an XLSX) keep a bad or hostile file from eating the server.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime, time

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

XLSX_MAGIC = b"PK\x03\x04"
ENCODINGS = {"utf-8": "utf-8-sig", "cp1252": "cp1252"}  # form choice → Python codec
# An XLSX is a zip archive; refuse ones that unpack to far more than their size (zip bombs).
MAX_UNPACK_FACTOR = 30


class ImportFileError(Exception):
    """The file cannot be used; the message says why, for the organizer."""


@dataclass
class ParsedFile:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as a spreadsheet shows it, cells)


def max_bytes() -> int:
    return settings.KLIMAKREISE_IMPORT_MAX_BYTES


def max_rows() -> int:
    return settings.KLIMAKREISE_IMPORT_MAX_ROWS


def parse_upload(upload, *, encoding: str = "utf-8") -> ParsedFile:
    if upload.size > max_bytes():
        raise ImportFileError(
            _("The file is larger than %(size)s. Please split it into smaller files.")
            % {"size": filesizeformat(max_bytes())}
        )
    content = upload.read(max_bytes() + 1)
    if not content.strip():
        raise ImportFileError(_("The file is empty."))
    name = (upload.name or "").lower()
    if name.endswith(".xls") and not content.startswith(XLSX_MAGIC):
        raise ImportFileError(
            _("Old Excel files (.xls) cannot be read. Please save the file as .xlsx or .csv.")
        )
    if name.endswith(".xlsx") or content.startswith(XLSX_MAGIC):
        table = _read_xlsx(content)
    elif name.endswith((".csv", ".txt")):
        table = _read_csv(content, encoding=encoding)
    else:
        raise ImportFileError(_("Please upload a CSV or an Excel (.xlsx) file."))
    return _to_parsed(table)


def _read_csv(content: bytes, *, encoding: str) -> list[list[str]]:
    if b"\x00" in content:
        raise ImportFileError(_("This is not a CSV file (it contains binary data)."))
    try:
        text = content.decode(ENCODINGS.get(encoding, "utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "The file is not encoded as UTF-8. Save it as “CSV UTF-8”, or choose the "
                "encoding Windows-1252 if it comes from Excel on Windows."
            )
        ) from error
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)  # German spreadsheets often use ";"
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ImportFileError(
            _("The CSV file could not be read: %(error)s") % {"error": error}
        ) from error


def _read_xlsx(content: bytes) -> list[list[str]]:
    # openpyxl is loaded only when someone imports an Excel file, not by every app process.
    from openpyxl import load_workbook

    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACK_FACTOR * max(len(content), 1024 * 1024):
            raise ImportFileError(_("The Excel file is too large when unpacked."))
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except ImportFileError:
        raise
    except Exception as error:  # openpyxl raises many kinds for broken files
        raise ImportFileError(_("The file could not be read as an Excel (.xlsx) file.")) from error
    try:
        sheet = workbook.worksheets[0]
        table = []
        for values in sheet.iter_rows(values_only=True):
            table.append([_cell_text(value) for value in values])
            if len(table) > max_rows() + 1:
                break
        return table
    finally:
        workbook.close()


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _to_parsed(table: list[list[str]]) -> ParsedFile:
    cleaned = [[cell.strip() for cell in row] for row in table]
    if not cleaned or not any(cleaned[0]):
        raise ImportFileError(_("The first row must contain the column names."))
    headers = cleaned[0]
    while headers and not headers[-1]:
        headers.pop()
    rows = [
        (number, (row + [""] * len(headers))[: len(headers)])
        for number, row in enumerate(cleaned[1:], start=2)
        if any(row)
    ]
    if not rows:
        raise ImportFileError(_("The file has no rows below the column names."))
    if len(rows) > max_rows():
        raise ImportFileError(
            _("The file has more than %(count)d rows. Please split it into smaller files.")
            % {"count": max_rows()}
        )
    return ParsedFile(headers=headers, rows=rows)
