"""The invoice basis as CSV and XLSX for the farm's accounts.

The CSV is made for Norwegian Excel: a byte-order mark (so Excel reads UTF-8 and «ø» survives),
semicolons between columns and decimal commas, as Excel expects with Norwegian settings.

Text in a cell comes partly from what people typed (a participant's name, an organisation's), and a
spreadsheet runs a cell that starts with = + - @ as a formula: in CSV such text gets a leading
apostrophe (the cell shows the text as typed), in XLSX it is stored as text, never as a formula.
"""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

# What makes a spreadsheet read a cell as a formula (tab and carriage return too, for some readers).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value):
    """Text for a CSV cell, with a leading apostrophe when it would otherwise run as a formula."""
    value = str(value)
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def _headers():
    return [_("Agreement"), _("Month"), _("Description"), _("Quantity"), _("Price (NOK)"), _("Amount (NOK)")]


def _comma(value):
    return str(value).replace(".", ",")


def _rows(document):
    agreement = document["agreement"]
    month = date_format(document["month"], "F Y")
    label = f"{agreement.pk} {agreement.buyer.name} – {agreement.farm.name}"
    for line in document["basis"]["lines"]:
        yield (
            label,
            month,
            line["text"],
            Decimal(line["quantity"]),
            Decimal(line["unit_price"]),
            Decimal(line["amount"]),
        )


def _download(response, filename):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def csv_response(document, name):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_text(header) for header in _headers()])
    # Only the text columns are neutralised: the numbers are ours, and a credit's minus stays a number.
    for label, month, text, quantity, price, amount in _rows(document):
        writer.writerow([_text(label), _text(month), _text(text), _comma(quantity), _comma(price), _comma(amount)])
    writer.writerow(["", "", _text(_("Total")), "", "", _comma(document["basis"]["total"])])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    return _download(response, f"{name}.csv")


def xlsx_response(document, name):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Invoice basis")[:31]
    sheet.append(_headers())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(document):
        sheet.append(list(row))
    sheet.append(["", "", _("Total"), None, None, Decimal(document["basis"]["total"])])
    sheet[sheet.max_row][2].font = Font(bold=True)
    sheet[sheet.max_row][5].font = Font(bold=True)
    for row in sheet.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # openpyxl would store text that starts with = as a formula
    for row in sheet.iter_rows(min_row=2, min_col=5, max_col=6):
        for cell in row:
            cell.number_format = "#,##0.00"
    for column, width in zip("ABCDEF", (36, 16, 48, 10, 14, 16), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    return _download(response, f"{name}.xlsx")
