"""The invoice basis of an agreement's month, and the monthly attendance report of one placement."""

import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tunet.accounts import access
from tunet.core.pdf import pdf_response
from tunet.core.rules import attempt

from .. import actions, exports, queries
from ..invoice import month_days
from ..months import parse_month


def _participants_of(shown):
    return [placement.participant for placement in shown.page["placements"]]


def _around(month):
    """The first days of the month before and the month after."""
    previous = month - datetime.timedelta(days=1)
    return previous.replace(day=1), month_days(month)[-1] + datetime.timedelta(days=1)


@access.acting()
@require_GET
def invoice_latest(request, membership, pk):
    """The invoice basis for last month, which is the one a farm usually sends."""
    queries.agreement_papers_for(membership, pk)
    last_month = timezone.localdate().replace(day=1) - datetime.timedelta(days=1)
    return redirect("daily:invoice", pk=pk, year=last_month.year, month=last_month.month)


@access.acting()
@require_http_methods(["GET", "POST"])
def invoice(request, membership, pk, year, month):
    shown = queries.invoice_month_for(membership, pk, year, month)
    agreement, month = shown.agreement, shown.month
    if request.method == "POST":
        if attempt(request, actions.do_send_invoice_basis, membership, agreement, month, shown.page["computed"]):
            messages.success(request, _("The invoice basis is sent to %(buyer)s.") % {"buyer": agreement.buyer.name})
        return redirect("daily:invoice", pk=agreement.pk, year=month.year, month=month.month)
    visible = shown.farm_side or shown.sent
    if visible:
        access.log_shown(request, membership, _participants_of(shown), _("Invoice basis"))
    previous, following = _around(month)
    return render(
        request,
        "daily/invoice.html",
        {
            **shown.page,
            "agreement": agreement,
            "month": month,
            "basis": queries.shown_basis(shown.page) if visible else None,
            "visible": visible,
            "sent": shown.sent,
            "farm_side": shown.farm_side,
            "can_send": access.can_send_invoice_basis(membership, agreement) and not shown.sent,
            "previous": previous,
            "following": following,
            "sent_bases": queries.sent_bases(agreement),
        },
    )


@access.acting()
@require_GET
def invoice_download(request, membership, pk, year, month, fmt):
    access.require(fmt in ("csv", "xlsx", "pdf"), hidden=True)
    shown = queries.invoice_month_for(membership, pk, year, month)
    access.require(shown.farm_side or shown.sent, hidden=True)  # the buyer sees a month when the farm has sent it
    access.log_shown(
        request,
        membership,
        _participants_of(shown),
        _("Invoice basis, download (%(format)s)") % {"format": fmt.upper()},
    )
    page = shown.page
    document = {
        "agreement": shown.agreement,
        "month": shown.month,
        "basis": queries.shown_basis(page),
        "sent": shown.sent,
        "saved": page["saved"],
        "in_force": page["in_force"],
        "summary": page["summary"],
        "closed_days": page["closed_days"],
    }
    name = f"fakturagrunnlag-{shown.agreement.pk}-{shown.month:%Y-%m}"
    if fmt == "csv":
        return exports.csv_response(document, name)
    if fmt == "xlsx":
        return exports.xlsx_response(document, name)
    return pdf_response("pdf/invoice_basis.html", document, f"{name}.pdf", request)


# --- The monthly attendance report -----------------------------------------------------------------------


def _report(membership, pk, year, month):
    placement = queries.placement_report_for(membership, pk)
    return placement, access.found(parse_month(year, month))


@access.acting()
@require_GET
def attendance_report(request, membership, pk, year, month):
    placement, month = _report(membership, pk, year, month)
    access.log_shown(request, membership, [placement.participant], _("Attendance report"))
    previous, following = _around(month)
    return render(
        request,
        "daily/attendance_report.html",
        {
            "placement": placement,
            "month": month,
            "previous": previous,
            "following": following,
            **queries.attendance_report(placement, month),
        },
    )


@access.acting()
@require_GET
def attendance_report_pdf(request, membership, pk, year, month):
    placement, month = _report(membership, pk, year, month)
    access.log_shown(request, membership, [placement.participant], _("Attendance report, PDF"))
    return pdf_response(
        "pdf/attendance_report.html",
        {"placement": placement, "month": month, **queries.attendance_report(placement, month)},
        # Not the participant's name: downloads end up in shared folders and mail attachments.
        f"oppmote-plass-{placement.pk}-{month:%Y-%m}.pdf",
        request,
    )
