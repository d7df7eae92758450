"""Reads of the approval body: the national overview, a farm's file, the auditors to assign."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.paginator import Paginator
from django.db.models import Count, Min, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tunet.accounts import access
from tunet.accounts.models import OrganisationKind, Role, User
from tunet.catalogue.models import Farm

from ..models import Approval, ApprovalEvent, ApprovalStatus, Deviation, DeviationStatus, RevisionStatus

if TYPE_CHECKING:
    from tunet.accounts.models import Membership
    from tunet.core.models import County


def approval_of(farm: Farm) -> Approval:
    """The farm's approval; a farm never approved has none stored, and reads as «not yet approved».
    Pages only read: the actions create the row when the state first changes."""
    return Approval.objects.filter(farm=farm).first() or Approval(farm=farm)


def events_of(approval: Approval, limit: int = 20) -> list[ApprovalEvent]:
    if approval.pk is None:
        return []
    return list(approval.events.select_related("actor")[:limit])


def auditor_choices() -> list[Any]:
    """The auditors the approval body can assign, each with .county and .workload (open revisions)."""
    auditors = (
        User.objects.filter(
            is_active=True,
            memberships__role=Role.AUDITOR,
            memberships__organisation__kind=OrganisationKind.AUDITOR_FIRM,
        )
        .annotate(
            workload=Count("revisions", filter=~Q(revisions__status=RevisionStatus.ACCEPTED), distinct=True),
            county_name=Min("memberships__organisation__municipality__county__name"),
            region_name=Min("memberships__organisation__county__name"),
        )
        .order_by("full_name")
    )
    return list(auditors)


OVERVIEW_PAGE_SIZE = 50


def national_overview(
    county: County | None = None,
    status: str | None = None,
    today: datetime.date | None = None,
    page: int | str = 1,
) -> dict[str, Any]:
    """The approval body's overview: counts by status, farms (filtered), overdue deviations and
    approvals expiring within 90 days, each filterable by county. A constant number of queries."""
    today = today or timezone.localdate()
    farms = Farm.objects.all()
    if county:
        farms = farms.filter(municipality__county=county)
    by_status = dict(farms.values_list("approval__status").annotate(n=Count("id")).order_by())
    listed_farms = farms
    if status:
        listed_farms = (
            farms.filter(approval__status=status)
            if status != ApprovalStatus.PENDING
            else farms.filter(Q(approval__status=status) | Q(approval__isnull=True))
        )
    listed_farms = (
        listed_farms.select_related("municipality__county", "approval")
        .annotate(
            open_deviations=Count("deviations", filter=~Q(deviations__status=DeviationStatus.VERIFIED), distinct=True),
            overdue=Count(
                "deviations",
                filter=Q(deviations__status=DeviationStatus.OPEN, deviations__deadline__lt=today),
                distinct=True,
            ),
        )
        .order_by("name")
    )
    paginator = Paginator(listed_farms, OVERVIEW_PAGE_SIZE)
    overdue = (
        Deviation.objects.filter(status=DeviationStatus.OPEN, deadline__lt=today, farm__in=farms)
        .select_related("farm__municipality")
        .order_by("deadline")[:50]
    )
    expiring = (
        Approval.objects.filter(
            farm__in=farms,
            status=ApprovalStatus.APPROVED,
            valid_until__gte=today,
            valid_until__lte=today + datetime.timedelta(days=90),
        )
        .select_related("farm__municipality")
        .order_by("valid_until")[:50]
    )
    counts = [
        (value, label, by_status.get(value, 0) + (by_status.get(None, 0) if value == ApprovalStatus.PENDING else 0))
        for value, label in ApprovalStatus.choices
    ]
    return {
        "counts": counts,
        "page": paginator.get_page(page),
        "overdue": list(overdue),
        "expiring": list(expiring),
    }


def farm_file_for(membership: Membership | None, pk: int) -> Farm:
    """A farm's approval file, for the approval body (403 for anyone else, 404 when there is no such farm)."""
    access.require(access.can_run_approvals(membership))
    return get_object_or_404(Farm.objects.select_related("municipality__county", "provider"), pk=pk)


def auditors() -> QuerySet[User]:
    """Everyone who can be assigned a revision: auditors in an auditor firm."""
    return access.people_with_perm(access.Perm.AUDIT_FARMS, kind=OrganisationKind.AUDITOR_FIRM)
