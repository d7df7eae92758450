"""Tables as CSV for Norwegian Excel and as XLSX: the invoice basis, the statistics.

The CSV has a byte-order mark (so Excel reads UTF-8 and «ø» survives), semicolons between columns
and decimal commas, as Excel expects with Norwegian settings. Text that a spreadsheet would take for
a formula (starting with = + - @, or a tab or carriage return) is written with a leading apostrophe,
so a farm's or a municipality's name can never run as a formula in someone's Excel; in the XLSX every
text cell is stored as text (never a formula), as typed. Numbers are written as numbers.
"""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def neutralise(value):
    """Text as a spreadsheet shows it, never as a formula; anything else unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def comma(value):
    """A number with a decimal comma, for the CSV."""
    return str(value).replace(".", ",")


def download(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def as_text(sheet):
    """Store every text cell of an openpyxl sheet as text: openpyxl would store «=...» as a formula."""
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"


def _csv_cell(value):
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int | float | Decimal):
        return comma(value)
    return neutralise(str(value))


def csv_response(header, lines, filename):
    """header: the column names; lines: rows of text and numbers."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_csv_cell(str(name)) for name in header])
    for line in lines:
        writer.writerow([_csv_cell(value) for value in line])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    return download(response, filename)


def xlsx_response(header, lines, filename, title):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    # A sheet's name has at most 31 characters and none of []:*?/\
    sheet.title = "".join(c for c in str(title) if c not in "[]:*?/\\")[:31] or "Tabell"
    sheet.append([str(name) for name in header])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for line in lines:
        sheet.append(list(line))
    as_text(sheet)
    sheet.column_dimensions["A"].width = 36
    buffer = io.BytesIO()
    workbook.save(buffer)
    return download(HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE), filename)
