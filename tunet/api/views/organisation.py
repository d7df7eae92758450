"""The endpoints for an organisation's API clients: a buyer's requests, offers received, agreements,
placements, attendance and invoice bases; a farm's agreements, placements, invoice bases and its
attendance registration. Each reads through the same fetchers and writes through the same actions as
the pages, and logs every participant whose data it sends."""

from __future__ import annotations

import datetime

from django.http import HttpResponse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from tunet.daily import actions as daily_actions
from tunet.daily import exports
from tunet.daily import queries as daily_queries

from .. import queries
from ..base import ClientEndpoint, ClientListEndpoint, filters, idempotent, month_param
from ..models import Scope
from ..serializers import (
    AgreementSerializer,
    AttendanceInSerializer,
    AttendanceMonthSerializer,
    AttendanceOutSerializer,
    InvoiceBasisSerializer,
    PlacementSerializer,
    ProposalSerializer,
    RequestSerializer,
)

STATUS = OpenApiParameter("status", str, description="Bare de med denne statusen.")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONTH = OpenApiParameter("month", str, OpenApiParameter.PATH, description="Måneden, ÅÅÅÅ-MM.")


def _month(value: str) -> tuple[int, int]:
    month = month_param(value)
    if month is None:
        raise ValidationError({"month": [_("Write the month as YYYY-MM.")]})
    return month


class RequestList(ClientListEndpoint):
    """The buyer's requests for places."""

    scope = Scope.AGREEMENTS_READ
    serializer_class = RequestSerializer

    def get_queryset(self):
        return queries.requests_of(self.membership).filter(**filters(self.request.query_params, {"status": "status"}))

    @extend_schema(parameters=[STATUS], tags=["Innkjøp"])
    def get(self, request):
        return self.list(request)


class ProposalList(ClientListEndpoint):
    """The offers the buyer has received from farms on its requests."""

    scope = Scope.AGREEMENTS_READ
    serializer_class = ProposalSerializer

    def get_queryset(self):
        allowed = {"status": "status", "request": "request_id"}
        return queries.proposals_received(self.membership).filter(**filters(self.request.query_params, allowed))

    @extend_schema(
        parameters=[STATUS, OpenApiParameter("request", int, description="Bare svar på denne forespørselen.")],
        tags=["Innkjøp"],
    )
    def get(self, request):
        return self.list(request)


class AgreementList(ClientListEndpoint):
    """The organisation's agreements (as buyer or as farm), with every version and its PDF."""

    scope = Scope.AGREEMENTS_READ
    serializer_class = AgreementSerializer

    def get_queryset(self):
        return queries.agreements_of(self.membership).filter(**filters(self.request.query_params, {"status": "status"}))

    @extend_schema(parameters=[STATUS], tags=["Innkjøp"])
    def get(self, request):
        return self.list(request)


class AgreementDetail(ClientEndpoint):
    scope = Scope.AGREEMENTS_READ
    serializer_class = AgreementSerializer

    @extend_schema(tags=["Innkjøp"])
    def get(self, request, pk):
        return Response(self.get_serializer(queries.agreement_for(self.membership, pk)).data)


class PlacementList(ClientListEndpoint):
    """The placements of the participants the organisation follows: the buyer's, or those on the farm."""

    scope = Scope.PLACEMENTS_READ
    serializer_class = PlacementSerializer

    def get_queryset(self):
        allowed = {"status": "status", "agreement": "agreement_id"}
        return queries.placements_of(self.membership).filter(**filters(self.request.query_params, allowed))

    @extend_schema(
        parameters=[STATUS, OpenApiParameter("agreement", int, description="Bare plassene på denne avtalen.")],
        tags=["Deltakere"],
    )
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        self.log_shown([placement.participant for placement in page], _("Placements (API)"))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class AttendanceMonth(ClientEndpoint):
    """A placement's attendance in a month: every day the participant was due or has attendance."""

    scope = Scope.PLACEMENTS_READ
    serializer_class = AttendanceMonthSerializer

    @extend_schema(parameters=[MONTH], tags=["Deltakere"])
    def get(self, request, pk, month):
        year, number = _month(month)
        placement = queries.placement_for(self.membership, pk)
        report = daily_queries.attendance_report(placement, datetime.date(year, number, 1))
        self.log_shown([placement.participant], _("Attendance (API)"))
        data = {
            "placement": placement.pk,
            "month": f"{year:04d}-{number:02d}",
            "days": report["rows"],
            "hours": report["hours"],
            "unregistered": report["unregistered"],
        }
        return Response(self.get_serializer(data).data)


class InvoiceBasis(ClientEndpoint):
    """An agreement's invoice basis for a month, as the page shows it: the sent one once it is sent.

    The buyer sees it once the farm has sent it; the farm also before."""

    scope = Scope.INVOICES_READ
    serializer_class = InvoiceBasisSerializer

    @extend_schema(
        parameters=[
            MONTH,
            OpenApiParameter(
                "download",
                str,
                enum=["csv", "xlsx"],
                description="Samme fil som siden laster ned (CSV eller Excel) i stedet for JSON.",
            ),
        ],
        responses={
            200: InvoiceBasisSerializer,
            (200, "text/csv"): OpenApiTypes.BINARY,
            (200, XLSX): OpenApiTypes.BINARY,
        },
        tags=["Faktura"],
    )
    def get(self, request, pk, month):
        year, number = _month(month)
        download = request.query_params.get("download")
        if download not in (None, "csv", "xlsx"):
            raise ValidationError({"download": [_("Choose csv or xlsx.")]})
        shown = daily_queries.invoice_month_for(self.membership, pk, year, number)
        if not (shown.farm_side or shown.sent):
            raise ValidationError(_("The farm has not sent the invoice basis for this month yet."))
        self.log_shown([p.participant for p in shown.page["placements"]], _("Invoice basis (API)"))
        if download:
            return _invoice_file(shown, download)
        data = {
            "agreement": shown.agreement.pk,
            "month": f"{year:04d}-{number:02d}",
            "sent": shown.sent,
            "basis": daily_queries.shown_basis(shown.page),
        }
        return Response(self.get_serializer(data).data)


def _invoice_file(shown: daily_queries.InvoiceMonth, download: str) -> HttpResponse:
    """The CSV or XLSX file the invoice basis page downloads, made by the same code."""
    page = shown.page
    document = {
        "agreement": shown.agreement,
        "month": shown.month,
        "basis": daily_queries.shown_basis(page),
        "sent": shown.sent,
        "saved": page["saved"],
        "in_force": page["in_force"],
        "summary": page["summary"],
        "closed_days": page["closed_days"],
    }
    name = f"fakturagrunnlag-{shown.agreement.pk}-{shown.month:%Y-%m}"
    return exports.csv_response(document, name) if download == "csv" else exports.xlsx_response(document, name)


class AttendanceRecord(ClientEndpoint):
    """Register a participant's attendance for a day, as the farm does on «I dag» (the same action and
    rules). With an Idempotency-Key, a repeat gets the first answer and changes nothing."""

    scope = Scope.ATTENDANCE_WRITE
    serializer_class = AttendanceInSerializer

    @extend_schema(
        request=AttendanceInSerializer,
        responses={201: AttendanceOutSerializer, 409: OpenApiResponse(description="Reglene tillater det ikke nå.")},
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                str,
                OpenApiParameter.HEADER,
                description="En nøkkel du velger per registrering; samme nøkkel igjen gir det første svaret.",
            )
        ],
        tags=["Gårdsdagen"],
    )
    def post(self, request):
        incoming = AttendanceInSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data

        def run():
            placement = daily_queries.placement_on_farm_for(self.membership, data["placement"])
            attendance = daily_actions.do_record_attendance(
                self.membership,
                placement,
                data["date"],
                data["status"],
                hours=data.get("hours"),
                note=data.get("note"),
            )
            return Response(AttendanceOutSerializer(attendance).data, status=201)

        return idempotent(self, request, run)
