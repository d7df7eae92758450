"""Counts about participants (placements, endings, attendance, incidents, check-ins): suppressed in
figures.py before they are shown."""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum

from tunet.accounts.access import StatisticsScope
from tunet.care.models import Placement, PlacementStatus
from tunet.daily.models import Incident
from tunet.portal.models import QUESTIONS, CheckIn

from ..models import AttendanceMonth
from .base import Filters, Key, _placements

# --- Participants: counts only, suppressed before they are shown -------------------------------------------


_STAYED = [PlacementStatus.ACTIVE, PlacementStatus.ENDED]


def placements_by_target_group_and_area(scope: StatisticsScope, filters: Filters) -> dict[Key, int]:
    """Placements that ran some time in the period, by the target group of the request behind the
    agreement (None: an agreement made without a request) and service area. A participant with two
    placements is counted twice."""
    rows = (
        Placement.objects.filter(
            _placements(scope, filters),
            Q(ended_on__isnull=True) | Q(ended_on__gte=filters.start),
            status__in=_STAYED,
            start__lte=filters.end,
        )
        .values("agreement__proposal__request__target_group_id", "agreement__service_offer__service_area")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {
        (
            str(row["agreement__proposal__request__target_group_id"] or ""),
            row["agreement__service_offer__service_area"],
        ): row["n"]
        for row in rows
    }


def placements_started_and_length(scope: StatisticsScope, filters: Filters) -> dict[str, tuple[int, int, float]]:
    """By service area: placements started in the period, ended in the period, and the average
    length in days of those that ended."""
    in_period = {"gte": filters.start, "lte": filters.end}
    started = Q(start__gte=in_period["gte"], start__lte=in_period["lte"])
    ended = Q(status=PlacementStatus.ENDED, ended_on__gte=in_period["gte"], ended_on__lte=in_period["lte"])
    length = ExpressionWrapper(F("ended_on") - F("start"), output_field=DurationField())
    rows = (
        Placement.objects.filter(_placements(scope, filters), status__in=_STAYED)
        .filter(started | ended)
        .values("agreement__service_offer__service_area")
        .annotate(
            started=Count("pk", filter=started), ended=Count("pk", filter=ended), length=Avg(length, filter=ended)
        )
        .order_by()
    )
    return {
        row["agreement__service_offer__service_area"]: (
            row["started"],
            row["ended"],
            row["length"].total_seconds() / 86400 if row["length"] is not None else 0.0,
        )
        for row in rows
    }


def endings_by_area_and_reason(scope: StatisticsScope, filters: Filters) -> dict[Key, int]:
    rows = (
        Placement.objects.filter(
            _placements(scope, filters),
            status=PlacementStatus.ENDED,
            ended_on__gte=filters.start,
            ended_on__lte=filters.end,
        )
        .values("agreement__service_offer__service_area", "end_reason")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(row["agreement__service_offer__service_area"], row["end_reason"]): row["n"] for row in rows}


def attendance_by_area(scope: StatisticsScope, filters: Filters) -> dict[str, dict[str, int]]:
    """Registered farm days by service area and attendance, in the months the period touches (read
    from the daily summary, models.AttendanceMonth), with the number of participants placed in the
    period behind them (so that a rate is shown only for enough people). Two queries."""
    months = AttendanceMonth.objects.filter(month__gte=filters.start.replace(day=1), month__lte=filters.end)
    if scope.counties is not None:
        months = months.filter(county_id__in=sorted(scope.counties))
    if scope.buyer_id is not None:
        months = months.filter(buyer_id=scope.buyer_id)
    for field, value in [
        ("county_id", filters.county),
        ("municipality_id", filters.municipality),
        ("service_area", filters.service_area),
        ("target_group_id", filters.target_group),
    ]:
        if value:
            months = months.filter(**{field: value})
    rows = (
        months.values("service_area")
        .annotate(
            present=Sum("present"),
            absent_notice=Sum("absent_notice"),
            no_show=Sum("no_show"),
            sent_home=Sum("sent_home"),
        )
        .order_by()
    )
    people = dict(
        Placement.objects.filter(
            _placements(scope, filters),
            Q(ended_on__isnull=True) | Q(ended_on__gte=filters.start),
            status__in=_STAYED,
            start__lte=filters.end,
        )
        .values("agreement__service_offer__service_area")
        .annotate(n=Count("participant_id", distinct=True))
        .values_list("agreement__service_offer__service_area", "n")
        .order_by()
    )
    return {
        row["service_area"]: {
            "present": row["present"] or 0,
            "absent_notice": row["absent_notice"] or 0,
            "no_show": row["no_show"] or 0,
            "sent_home": row["sent_home"] or 0,
            "people": people.get(row["service_area"], 0),
        }
        for row in rows
    }


def incidents_by_area_and_severity(scope: StatisticsScope, filters: Filters) -> dict[Key, int]:
    rows = (
        Incident.objects.filter(
            _placements(scope, filters, "placement__"),
            occurred_at__date__gte=filters.start,
            occurred_at__date__lte=filters.end,
        )
        .values("placement__agreement__service_offer__service_area", "severity")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(row["placement__agreement__service_offer__service_area"], row["severity"]): row["n"] for row in rows}


def check_ins_by_area(scope: StatisticsScope, filters: Filters) -> dict[str, dict[str, float]]:
    """«Hvordan går det?» answered for periods in the period chosen, by service area: the number of
    answers and the average of each question (1 to 5). One query."""
    rows = (
        CheckIn.objects.filter(
            _placements(scope, filters, "placement__"),
            period__gte=filters.start.replace(day=1),
            period__lte=filters.end,
        )
        .values("placement__agreement__service_offer__service_area")
        .annotate(n=Count("pk"), **{name: Avg(name) for name in QUESTIONS})
        .order_by()
    )
    result: dict[str, dict[str, float]] = {}
    for row in rows:
        values: dict[str, Any] = dict(row)
        result[values["placement__agreement__service_offer__service_area"]] = {
            "n": values["n"],
            **{q: values[q] for q in QUESTIONS},
        }
    return result
