"""Reads of the farm day, incidents, meetings and invoice bases, with what each page needs.

The *_for(membership, ...) functions fetch one object and check in the same call that the viewer may
see it, refusing through access.py (404 when the object is not there for them, 403 when they may not
follow it), so that views never carry permission facts to access.py by hand.

Every page that shows what these return names participants, so its view logs each one shown with
access.log_shown().
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from tunet.accounts import access
from tunet.accounts.models import Membership
from tunet.care.models import Placement, PlacementStatus
from tunet.care.queries import FARM_FOLLOWS, attach_named_ids, farm_may_see, farm_sees, placements_on
from tunet.catalogue.models import Farm
from tunet.catalogue.queries import farm_of
from tunet.purchasing.models import Agreement, AgreementVersion, VersionState

from . import invoice as billing
from .models import (
    Attendance,
    AttendanceStatus,
    ClosedDay,
    DayNote,
    FollowUpMeeting,
    Incident,
    InvoiceBasis,
    InvoiceStatus,
    MeetingAction,
)
from .months import parse_month

# --- The farm day ----------------------------------------------------------------------------------------


def farm_run_by(membership: Membership | None) -> Farm | None:
    """The farm whose day the membership runs (attendance, incidents, the day's note), or None."""
    farm = farm_of(membership)
    if membership is None or farm is None or not access.can_run_farm_day(membership, farm):
        return None
    return farm


def farm_day_for(membership: Membership | None) -> Farm:
    """The farm whose day the membership runs; refused (403) for everyone who does not run one."""
    farm = farm_run_by(membership)
    if farm is None:
        access.refuse()
    return farm


def placement_on_farm_for(membership: Membership | None, pk: int) -> Placement:
    """A placement on the farm whose day the membership runs (403 for everyone else), with what a day
    card needs. 404 if it is another farm's, or a referral the farm declined: that participant is no
    longer the farm's business."""
    farm = farm_day_for(membership)
    placement = get_object_or_404(
        Placement.objects.select_related(
            "participant__postal_code", "participant__buyer", "agreement__farm__provider", "agreement__buyer"
        ).filter(farm_sees()),
        pk=pk,
        agreement__farm=farm,
    )
    attach_named_ids([placement.participant])
    return placement


@dataclass
class Card:
    """One participant on the day's list."""

    placement: Placement
    attendance: Attendance | None
    contact_visible: bool

    @property
    def participant(self) -> Any:
        return self.placement.participant

    @property
    def status(self) -> str:
        return self.attendance.status if self.attendance else ""


def day_page(membership: Membership, farm: Farm, day: datetime.date) -> dict[str, Any]:
    """The day's cards in pick-up order, the closed day (or None) and the day's note (or None).

    Five queries, however many participants come: placements_on (two), attendance, closed day, note.
    """
    placements = placements_on(farm, day)
    attendance = {
        a.placement_id: a for a in Attendance.objects.filter(placement__in=[p.pk for p in placements], date=day)
    }
    cards = [card_for(membership, placement, attendance.get(placement.pk)) for placement in placements]
    return {
        "cards": cards,
        "closed": ClosedDay.objects.filter(farm=farm, date=day).first(),
        "day_note": DayNote.objects.filter(farm=farm, date=day).first(),
    }


def card_for(membership: Membership, placement: Placement, attendance: Attendance | None) -> Card:
    participant = placement.participant
    named: frozenset[int] = getattr(participant, "named_people_ids", frozenset())
    # After the placement ends the farm keeps the name and attendance, not the address and phone.
    following = {placement.agreement.farm.provider_id} if placement.status in FARM_FOLLOWS else set()
    return Card(
        placement,
        attendance,
        access.can_see_personal_details(membership, participant, following)
        and access.can_see_contact_details(membership, participant, named),
    )


def closed_day(farm: Farm, day: datetime.date) -> ClosedDay | None:
    return ClosedDay.objects.filter(farm=farm, date=day).first()


# --- Incidents -------------------------------------------------------------------------------------------


def _incidents() -> QuerySet[Incident]:
    return Incident.objects.select_related(
        "farm", "placement__participant", "placement__agreement__buyer", "placement__agreement__farm__provider"
    )


def incidents_visible_to(membership: Membership | None) -> QuerySet[Incident]:
    """The farm's own incidents for farm people; those on its agreements for the buyer; none otherwise."""
    if membership is None or not access.has_perm(membership, access.Perm.FOLLOW_PARTICIPANTS):
        return Incident.objects.none()
    organisation = membership.organisation
    if organisation.kind in access.BUYER_KINDS:
        return _incidents().filter(placement__agreement__buyer=organisation)
    return _incidents().filter(farm__provider=organisation)


def incident_for(membership: Membership | None, pk: int) -> Incident:
    """An incident, for the people who follow the participants of its agreement (403 for others)."""
    incident = get_object_or_404(_incidents().select_related("reported_by", "followed_up_by"), pk=pk)
    access.require(access.can_follow_agreement(membership, incident.placement.agreement))
    return incident


def farm_placements(farm: Farm) -> list[Placement]:
    """The participants the farm may report an incident about: those placed with it now."""
    return list(
        Placement.objects.filter(agreement__farm=farm, status=PlacementStatus.ACTIVE)
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )


# --- Agreements: meetings and invoice bases --------------------------------------------------------------


def agreement_papers_for(membership: Membership | None, pk: int) -> Agreement:
    """An agreement whose meetings and invoice bases the membership follows (403 for others)."""
    agreement = get_object_or_404(Agreement.objects.select_related("buyer", "farm__provider"), pk=pk)
    access.require(access.can_follow_agreement(membership, agreement))
    return agreement


def signed_versions(agreement: Agreement) -> list[AgreementVersion]:
    """The versions both sides signed (the one in force and those it replaced), newest first."""
    return list(
        AgreementVersion.objects.filter(
            agreement=agreement, state__in=(VersionState.SIGNED, VersionState.REPLACED)
        ).order_by("-number")
    )


def version_in_force(versions: list[AgreementVersion]) -> AgreementVersion | None:
    return next((v for v in versions if v.state == VersionState.SIGNED), None)


def meetings_page(agreement: Agreement) -> list[FollowUpMeeting]:
    """The agreement's meetings, each with `open_actions` (how many actions are not done). One query."""
    return list(
        FollowUpMeeting.objects.filter(agreement=agreement)
        .select_related("placement__participant")
        .annotate(open_actions=Count("actions", filter=Q(actions__done=False)))
    )


def _meeting(pk: int) -> FollowUpMeeting:
    return get_object_or_404(
        FollowUpMeeting.objects.select_related(
            "agreement__buyer", "agreement__farm__provider", "placement__participant", "minutes_by"
        ).prefetch_related(Prefetch("actions", queryset=MeetingAction.objects.order_by("deadline", "pk"))),
        pk=pk,
    )


def meeting_for(membership: Membership | None, pk: int) -> FollowUpMeeting:
    """A follow-up meeting with its actions, for the people who follow its agreement (403 for others)."""
    meeting = _meeting(pk)
    access.require(access.can_follow_agreement(membership, meeting.agreement))
    return meeting


def meeting_action_for(membership: Membership | None, pk: int, action_pk: int) -> MeetingAction:
    """One action of a meeting (404 when the meeting has no such action), for the people who follow the
    meeting's agreement (403 for others)."""
    meeting = _meeting(pk)
    action = access.found(next((a for a in meeting.actions.all() if a.pk == action_pk), None))
    access.require(access.can_follow_agreement(membership, meeting.agreement))
    return action


def agreement_placements(agreement: Agreement) -> list[Placement]:
    """Everyone who has been placed on the agreement (active or ended), with the participant."""
    return list(
        Placement.objects.filter(agreement=agreement, status__in=(PlacementStatus.ACTIVE, PlacementStatus.ENDED))
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )


def terms_of(version: AgreementVersion) -> billing.Terms:
    return billing.Terms(
        number=version.number,
        price_model=version.price_model,
        price=version.price,
        places={int(day): int(places) for day, places in version.places.items() if places},
        start=version.start,
        end=version.runs_until,
    )


@dataclass
class InvoiceMonth:
    """An agreement's month as the invoice basis pages show it to one membership."""

    agreement: Agreement
    month: datetime.date
    page: dict[str, Any]  # invoice_month()
    farm_side: bool  # the farm's people see the month before it is sent; the buyer once it is
    sent: bool


def invoice_month_for(membership: Membership | None, pk: int, year: int, month: int) -> InvoiceMonth:
    """The invoice basis of an agreement's month, for the people who follow the agreement (403 for
    others; 404 for a month that does not exist)."""
    agreement = agreement_papers_for(membership, pk)
    first = parse_month(year, month)
    if first is None:
        access.refuse(hidden=True)
    page = invoice_month(agreement, first)
    return InvoiceMonth(
        agreement=agreement,
        month=first,
        page=page,
        farm_side=access.has_perm(membership, access.Perm.FOLLOW_PARTICIPANTS, agreement.farm.provider),
        sent=page["saved"] is not None and page["saved"].status == InvoiceStatus.SENT,
    )


def invoice_month(agreement: Agreement, month: datetime.date) -> dict[str, Any]:
    """Everything the invoice basis page shows for the month: the saved basis (or None), the
    computed basis, the versions, and each participant's attendance counts. Five queries."""
    versions = signed_versions(agreement)
    placements = agreement_placements(agreement)
    days = billing.month_days(month)
    attendance = list(
        Attendance.objects.filter(placement__in=[p.pk for p in placements], date__gte=days[0], date__lte=days[-1])
    )
    closed = set(
        ClosedDay.objects.filter(farm_id=agreement.farm_id, date__gte=days[0], date__lte=days[-1]).values_list(
            "date", flat=True
        )
    )
    by_placement: dict[int, dict[datetime.date, str]] = {}
    for row in attendance:
        by_placement.setdefault(row.placement_id, {})[row.date] = row.status
    stays = [billing.Stay(p.pk, str(p.participant), by_placement.get(p.pk, {})) for p in placements]
    computed = billing.compute_month(month, [terms_of(v) for v in versions], stays, closed)
    summary = [
        (placement, Counter(by_placement.get(placement.pk, {}).values()))
        for placement in placements
        if by_placement.get(placement.pk)
    ]
    return {
        "saved": InvoiceBasis.objects.filter(agreement=agreement, month=month).first(),
        "computed": computed,
        "versions": versions,
        "in_force": version_in_force(versions),
        "summary": summary,
        "closed_days": sorted(closed),
        "placements": placements,
    }


def shown_basis(page: dict[str, Any]) -> Any:
    """The lines and total to show: the frozen ones once sent, else the fresh computation."""
    saved = page["saved"]
    if saved is not None and saved.status == InvoiceStatus.SENT:
        return saved.lines
    return page["computed"].as_json()


def sent_bases(agreement: Agreement) -> list[InvoiceBasis]:
    return list(InvoiceBasis.objects.filter(agreement=agreement, status=InvoiceStatus.SENT).order_by("-month"))


# --- The monthly attendance report (NAV) -----------------------------------------------------------------


def placement_report_for(membership: Membership | None, pk: int) -> Placement:
    """A placement whose attendance report the membership may read: the registering buyer's, and the
    farm's people unless the farm declined the referral (403 for others)."""
    placement = get_object_or_404(
        Placement.objects.select_related("participant__buyer", "agreement__buyer", "agreement__farm__provider"),
        pk=pk,
    )
    access.require(access.can_follow_placement(membership, placement, farm_may_see=farm_may_see(placement)))
    return placement


def attendance_report(placement: Placement, month: datetime.date) -> dict[str, Any]:
    """Every day of the month the participant was due, or has attendance registered, with the
    status (closed days as «Stengt»), hours and note; and the totals per status."""
    days = billing.month_days(month)
    rows = {a.date: a for a in placement.attendance.filter(date__gte=days[0], date__lte=days[-1])}
    closed = {
        c.date: c
        for c in ClosedDay.objects.filter(farm_id=placement.agreement.farm_id, date__gte=days[0], date__lte=days[-1])
    }
    report = []
    for day in days:
        if not (placement.is_on(day) or day in rows):
            continue
        row = rows.get(day)
        status = AttendanceStatus.CLOSED if day in closed else (row.status if row else "")
        report.append(
            {
                "date": day,
                "status": status,
                "label": AttendanceStatus(status).label if status else "",
                "hours": row.hours if row and status in billing.ATTENDED else None,
                "note": (closed[day].reason if day in closed else "") or (row.note if row else ""),
            }
        )
    totals = Counter(r["status"] for r in report if r["status"])
    hours = sum((r["hours"] for r in report if r["hours"] is not None), start=0)
    return {
        "rows": report,
        "totals": [(AttendanceStatus(s).label, totals[s]) for s in AttendanceStatus.values if totals[s]],
        "hours": hours,
        "unregistered": sum(1 for r in report if not r["status"]),
    }
