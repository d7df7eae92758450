"""The counts behind «Inn på tunet i tall», each one aggregate query whatever the size of the data.

Every function takes what the viewer may count (access.StatisticsScope) and the chosen period and
area (Filters), and returns plain counts keyed by what they are broken down by. Nothing here returns
a row about a person: the database adds up, and figures.py suppresses small counts before anything
is shown. The number of queries a page makes is fixed by the number of tables on it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Avg, Count, DurationField, Exists, ExpressionWrapper, F, OuterRef, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from tunet.accounts.access import StatisticsScope
from tunet.approval.models import Approval, ApprovalEvent, ApprovalStatus
from tunet.care.models import Placement, PlacementStatus
from tunet.catalogue.models import Farm, OfferDay, ServiceOffer, TargetGroup
from tunet.core.models import County, Municipality
from tunet.learning.models import Certificate
from tunet.purchasing.models import Agreement, AgreementStatus, Proposal, ProposalStatus, Request, Reservation

Key = tuple[str, ...]


@dataclass(frozen=True)
class Filters:
    """The period and the part of the country the figures are for (empty: all the viewer may see)."""

    start: datetime.date
    end: datetime.date
    county: str = ""
    municipality: str = ""
    service_area: str = ""
    target_group: int | None = None

    @property
    def by_municipality(self) -> bool:
        """Areas are broken down by municipality once a county is chosen, else by county."""
        return bool(self.county or self.municipality)


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The last twelve months up to today."""
    today = today or timezone.localdate()
    return today.replace(year=today.year - 1) + datetime.timedelta(days=1), today


def _where(scope: StatisticsScope, filters: Filters, farm: str) -> Q:
    """The farms counted: within the viewer's region and the chosen area. farm is the path to the farm."""
    where = Q()
    if scope.counties is not None:
        where &= Q(**{f"{farm}municipality__county_id__in": sorted(scope.counties)})
    if filters.county:
        where &= Q(**{f"{farm}municipality__county_id": filters.county})
    if filters.municipality:
        where &= Q(**{f"{farm}municipality_id": filters.municipality})
    return where


def _offers(scope: StatisticsScope, filters: Filters) -> QuerySet[ServiceOffer]:
    offers = ServiceOffer.objects.filter(_where(scope, filters, "farm__"))
    if filters.service_area:
        offers = offers.filter(service_area=filters.service_area)
    if filters.target_group:
        offers = offers.filter(target_groups=filters.target_group)
    return offers


def _placements(scope: StatisticsScope, filters: Filters, path: str = "") -> Q:
    """What is counted, on agreements in scope: path leads from the counted model to the placement."""
    agreement = f"{path}agreement__"
    where = _where(scope, filters, f"{agreement}farm__")
    if scope.buyer_id is not None:
        where &= Q(**{f"{agreement}buyer_id": scope.buyer_id})
    if filters.service_area:
        where &= Q(**{f"{agreement}service_offer__service_area": filters.service_area})
    if filters.target_group:
        where &= Q(**{f"{agreement}proposal__request__target_group_id": filters.target_group})
    return where


def _area(filters: Filters, farm: str) -> str:
    return f"{farm}municipality__name" if filters.by_municipality else f"{farm}municipality__county__name"


# --- Farms and the approval scheme -------------------------------------------------------------------


def farms_by_area_and_status(scope: StatisticsScope, filters: Filters) -> dict[Key, int]:
    """Farms by area and the state of their approval today ("" for a farm not yet in the scheme)."""
    farms = Farm.objects.filter(_where(scope, filters, ""))
    if filters.service_area or filters.target_group:
        farms = farms.filter(pk__in=_offers(scope, filters).values("farm_id"))
    rows = farms.values(_area(filters, ""), "approval__status").annotate(n=Count("pk")).order_by()
    return {(row[_area(filters, "")], row["approval__status"] or ""): row["n"] for row in rows}


def approvals_by_month(scope: StatisticsScope, filters: Filters) -> dict[datetime.date, tuple[int, int]]:
    """New and lost approvals (approved -> suspended, lapsed or revoked) per month of the period."""
    approved = ApprovalStatus.APPROVED
    events = ApprovalEvent.objects.filter(
        _where(scope, filters, "approval__farm__"), at__date__gte=filters.start, at__date__lte=filters.end
    )
    if filters.service_area or filters.target_group:
        events = events.filter(approval__farm_id__in=_offers(scope, filters).values("farm_id"))
    rows = (
        events.annotate(month=TruncMonth("at"))
        .values("month")
        .annotate(
            new=Count("pk", filter=Q(to_status=approved) & ~Q(from_status=approved)),
            lost=Count("pk", filter=Q(from_status=approved) & ~Q(to_status=approved)),
        )
        .order_by("month")
    )
    return {_as_date(row["month"]): (row["new"], row["lost"]) for row in rows}


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value


def expiring_approvals(scope: StatisticsScope, within_days: int = 90) -> int:
    today = timezone.localdate()
    return Approval.objects.filter(
        _where(scope, Filters(today, today), "farm__"),
        status=ApprovalStatus.APPROVED,
        valid_until__gte=today,
        valid_until__lte=today + datetime.timedelta(days=within_days),
    ).count()


def school_completions_by_county(scope: StatisticsScope, filters: Filters) -> dict[str, int]:
    """IPT-school certificates issued in the period, by the county of the holder's farm."""
    farm = "user__memberships__organisation__farm__"
    rows = (
        Certificate.objects.filter(
            _where(scope, filters, farm), issued_at__date__gte=filters.start, issued_at__date__lte=filters.end
        )
        .values(f"{farm}municipality__county__name")
        .annotate(n=Count("pk", distinct=True))
        .order_by()
    )
    return {row[f"{farm}municipality__county__name"]: row["n"] for row in rows}


# --- Places --------------------------------------------------------------------------------------------


def offers_by_service_area(scope: StatisticsScope, filters: Filters) -> dict[str, int]:
    """Offers shown in the catalogue, on farms listed today."""
    rows = (
        _offers(scope, filters)
        .filter(is_active=True, farm__listed_until__gte=timezone.localdate())
        .values("service_area")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {row["service_area"]: row["n"] for row in rows}


def places_offered(scope: StatisticsScope, filters: Filters) -> dict[Key, int]:
    """Places a week the listed farms offer, by service area and weekday."""
    offers = _offers(scope, filters).filter(is_active=True, farm__listed_until__gte=timezone.localdate())
    rows = (
        OfferDay.objects.filter(offer__in=offers)
        .values("offer__service_area", "weekday")
        .annotate(n=Sum("places"))
        .order_by()
    )
    return {(row["offer__service_area"], str(row["weekday"])): row["n"] or 0 for row in rows}


def places_bought(scope: StatisticsScope, filters: Filters) -> dict[Key, int]:
    """Places agreements in force hold on the last day of the period, by service area and weekday."""
    day = filters.end
    reservations = Reservation.objects.filter(
        _where(scope, filters, "agreement__farm__"),
        agreement__status__in=[AgreementStatus.ACTIVE, AgreementStatus.ENDED],
        start__lte=day,
        end__gte=day,
    )
    if scope.buyer_id is not None:
        reservations = reservations.filter(agreement__buyer_id=scope.buyer_id)
    if filters.service_area:
        reservations = reservations.filter(service_offer__service_area=filters.service_area)
    if filters.target_group:
        reservations = reservations.filter(agreement__proposal__request__target_group_id=filters.target_group)
    rows = reservations.values("service_offer__service_area", "weekday").annotate(n=Sum("places")).order_by()
    return {(row["service_offer__service_area"], str(row["weekday"])): row["n"] or 0 for row in rows}


# --- Requests --------------------------------------------------------------------------------------------


def _requests(scope: StatisticsScope, filters: Filters) -> QuerySet[Request]:
    requests = Request.objects.filter(created_at__date__gte=filters.start, created_at__date__lte=filters.end)
    if scope.buyer_id is not None:
        requests = requests.filter(buyer_id=scope.buyer_id)
    # A request counts where its buyer is: a farm's county says nothing of where the need is.
    requests = requests.filter(_where(scope, filters, "buyer__"))
    if filters.service_area:
        requests = requests.filter(service_area=filters.service_area)
    if filters.target_group:
        requests = requests.filter(target_group_id=filters.target_group)
    return requests


def requests_by_service_area(scope: StatisticsScope, filters: Filters) -> dict[str, tuple[int, int, int, int]]:
    """Requests written in the period: (published, answered with an offer, not answered, agreed). One
    pass over the requests and their proposals, counting each request once."""
    offered = Q(proposals__isnull=False) & ~Q(proposals__status=ProposalStatus.DECLINED)
    agreed = Q(proposals__agreement__isnull=False) & ~Q(proposals__agreement__status=AgreementStatus.CANCELLED)
    rows = (
        _requests(scope, filters)
        .values("service_area")
        .annotate(
            published=Count("pk", distinct=True),
            answered=Count("pk", filter=offered, distinct=True),
            agreements=Count("pk", filter=agreed, distinct=True),
        )
        .order_by()
    )
    return {
        row["service_area"]: (
            row["published"],
            row["answered"],
            row["published"] - row["answered"],
            row["agreements"],
        )
        for row in rows
    }


def days_to_agreement(scope: StatisticsScope, filters: Filters) -> dict[str, float]:
    """The average number of days from a request to the agreement made from it, by service area."""
    wait = ExpressionWrapper(F("created_at") - F("proposal__request__created_at"), output_field=DurationField())
    rows = (
        Agreement.objects.filter(proposal__request__in=_requests(scope, filters))
        .exclude(status=AgreementStatus.CANCELLED)
        .values("proposal__request__service_area")
        .annotate(wait=Avg(wait))
        .order_by()
    )
    return {
        row["proposal__request__service_area"]: row["wait"].total_seconds() / 86400
        for row in rows
        if row["wait"] is not None
    }


# --- The public page: the country by county ----------------------------------------------------------------


def public_by_county(today: datetime.date) -> dict[str, dict[str, int]]:
    """Per county today: approved farms, offers and places a week offered, placements running.
    Three queries; the counties without any farm are left out."""
    listed = Farm.objects.listed(today)
    farms = listed.values("municipality__county__name").annotate(n=Count("pk")).order_by()
    places = (
        OfferDay.objects.filter(offer__is_active=True, offer__farm__in=listed)
        .values("offer__farm__municipality__county__name")
        .annotate(offers=Count("offer_id", distinct=True), places=Sum("places"))
        .order_by()
    )
    running = (
        Placement.objects.filter(
            Q(ended_on__isnull=True) | Q(ended_on__gte=today), status=PlacementStatus.ACTIVE, start__lte=today
        )
        .values("agreement__farm__municipality__county__name")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counties: dict[str, dict[str, int]] = {}
    for row in farms:
        counties.setdefault(row["municipality__county__name"], {})["farms"] = row["n"]
    for row in places:
        figures = counties.setdefault(row["offer__farm__municipality__county__name"], {})
        figures.update(offers=row["offers"], places=row["places"] or 0)
    for row in running:
        counties.setdefault(row["agreement__farm__municipality__county__name"], {})["placements"] = row["n"]
    return counties


# --- The choices of the filter form ------------------------------------------------------------------------


def counties_in(scope: StatisticsScope) -> QuerySet[County]:
    counties = County.objects.order_by("name")
    return counties if scope.counties is None else counties.filter(number__in=sorted(scope.counties))


def municipalities_in(scope: StatisticsScope) -> QuerySet[Municipality]:
    municipalities = Municipality.objects.order_by("name")
    if scope.counties is not None:
        municipalities = municipalities.filter(county_id__in=sorted(scope.counties))
    return municipalities


def target_groups() -> QuerySet[TargetGroup]:
    return TargetGroup.objects.order_by("sort_order", "name")


# --- The coordinator's region at a glance -------------------------------------------------------------------


def glance(scope: StatisticsScope) -> dict[str, int]:
    """Farms approved, places a week offered and bought today, approvals expiring within 90 days and
    open requests without an offer, in the viewer's region. Five queries."""
    today = timezone.localdate()
    filters = Filters(today, today)
    farms = Farm.objects.listed(today).filter(_where(scope, filters, "")).count()
    offered = sum(places_offered(scope, filters).values())
    bought = sum(places_bought(scope, filters).values())
    offered_any = Proposal.objects.filter(request=OuterRef("pk")).exclude(status=ProposalStatus.DECLINED)
    waiting = (
        Request.objects.filter(_where(scope, filters, "buyer__"), status="open")
        .annotate(offered=Exists(offered_any))
        .filter(offered=False)
        .count()
    )
    return {
        "farms": farms,
        "offered": offered,
        "bought": bought,
        "utilisation": round(100 * bought / offered) if offered else 0,
        "expiring": expiring_approvals(scope),
        "waiting": waiting,
    }
