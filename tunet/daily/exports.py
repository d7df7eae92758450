"""The invoice basis as CSV and XLSX for the farm's accounts.

The CSV is made for Norwegian Excel: a byte-order mark (so Excel reads UTF-8 and «ø» survives),
semicolons between columns and decimal commas, as Excel expects with Norwegian settings. The
helpers (and the guard against text read as a formula) are core.exports', shared with the statistics.
"""

import csv
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tunet.core.exports import as_text, neutralise
from tunet.core.exports import comma as _comma
from tunet.core.exports import download as _download


def _headers():
    return [_("Agreement"), _("Month"), _("Description"), _("Quantity"), _("Price (NOK)"), _("Amount (NOK)")]


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


def csv_response(document, name):
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(_headers())
    # Only the text columns are neutralised: the numbers are ours, and a credit's minus stays a number.
    for label, month, text, quantity, price, amount in _rows(document):
        writer.writerow(
            [neutralise(label), neutralise(month), neutralise(text), _comma(quantity), _comma(price), _comma(amount)]
        )
    writer.writerow(["", "", _("Total"), "", "", _comma(document["basis"]["total"])])
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
    as_text(sheet)
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
