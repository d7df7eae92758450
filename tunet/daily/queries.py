"""Reads of the farm day, incidents, meetings and invoice bases, with what each page needs.

Every page that shows what these return names participants, so its view logs each one shown with
access.log_access() or access.log_access_many().
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from tunet.accounts import access
from tunet.care.models import Placement, PlacementStatus
from tunet.care.queries import FARM_SEES, attach_named_ids, placements_on
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

__all__ = ["farm_of"]


# --- The farm day ----------------------------------------------------------------------------------------


@dataclass
class Card:
    """One participant on the day's list."""

    placement: object
    attendance: object  # Attendance or None
    contact_visible: bool

    @property
    def participant(self):
        return self.placement.participant

    @property
    def status(self):
        return self.attendance.status if self.attendance else ""


def day_page(membership, farm, day):
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


def card_for(membership, placement, attendance):
    participant = placement.participant
    named = getattr(participant, "named_people_ids", frozenset())
    return Card(placement, attendance, access.can_see_contact_details(membership, participant, named))


def farm_placement(farm, pk):
    """A placement on the farm, with what a day card needs (404 if it is another farm's, or a
    referral the farm declined: that participant is no longer the farm's business)."""
    placement = get_object_or_404(
        Placement.objects.select_related(
            "participant__postal_code", "participant__buyer", "agreement__farm__provider", "agreement__buyer"
        ),
        pk=pk,
        agreement__farm=farm,
        status__in=FARM_SEES,
    )
    attach_named_ids([placement.participant])
    return placement


# --- Incidents -------------------------------------------------------------------------------------------


def _incidents():
    return Incident.objects.select_related(
        "farm", "placement__participant", "placement__agreement__buyer", "placement__agreement__farm__provider"
    )


def incidents_visible_to(membership):
    """The farm's own incidents for farm people; those on its agreements for the buyer; none otherwise."""
    if membership is None or not access.has_perm(membership, access.Perm.FOLLOW_PARTICIPANTS):
        return Incident.objects.none()
    organisation = membership.organisation
    if organisation.kind in access.BUYER_KINDS:
        return _incidents().filter(placement__agreement__buyer=organisation)
    return _incidents().filter(farm__provider=organisation)


def incident_of(pk):
    return get_object_or_404(_incidents().select_related("reported_by", "followed_up_by"), pk=pk)


def farm_placements(farm):
    """The participants the farm may report an incident about: those placed with it now."""
    return list(
        Placement.objects.filter(agreement__farm=farm, status=PlacementStatus.ACTIVE)
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )


# --- Agreements: meetings and invoice bases --------------------------------------------------------------


def agreement_of(pk):
    return get_object_or_404(Agreement.objects.select_related("buyer", "farm__provider"), pk=pk)


def signed_versions(agreement):
    """The versions both sides signed (the one in force and those it replaced), newest first."""
    return list(
        AgreementVersion.objects.filter(
            agreement=agreement, state__in=(VersionState.SIGNED, VersionState.REPLACED)
        ).order_by("-number")
    )


def version_in_force(versions):
    return next((v for v in versions if v.state == VersionState.SIGNED), None)


def meetings_page(agreement):
    """The agreement's meetings, each with `open_actions` (how many actions are not done). One query."""
    return list(
        FollowUpMeeting.objects.filter(agreement=agreement)
        .select_related("placement__participant")
        .annotate(open_actions=Count("actions", filter=Q(actions__done=False)))
    )


def meeting_of(pk):
    return get_object_or_404(
        FollowUpMeeting.objects.select_related(
            "agreement__buyer", "agreement__farm__provider", "placement__participant", "minutes_by"
        ).prefetch_related(Prefetch("actions", queryset=MeetingAction.objects.order_by("deadline", "pk"))),
        pk=pk,
    )


def agreement_placements(agreement):
    """Everyone who has been placed on the agreement (active or ended), with the participant."""
    return list(
        Placement.objects.filter(agreement=agreement, status__in=(PlacementStatus.ACTIVE, PlacementStatus.ENDED))
        .select_related("participant")
        .order_by("participant__last_name", "participant__first_name", "pk")
    )


def terms_of(version):
    return billing.Terms(
        number=version.number,
        price_model=version.price_model,
        price=version.price,
        places={int(day): int(places) for day, places in version.places.items() if places},
        start=version.start,
        end=version.runs_until,
    )


def invoice_month(agreement, month):
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
    by_placement = {}
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


def shown_basis(page):
    """The lines and total to show: the frozen ones once sent, else the fresh computation."""
    saved = page["saved"]
    if saved is not None and saved.status == InvoiceStatus.SENT:
        return saved.lines
    return page["computed"].as_json()


def sent_bases(agreement):
    return list(InvoiceBasis.objects.filter(agreement=agreement, status=InvoiceStatus.SENT).order_by("-month"))


# --- The monthly attendance report (NAV) -----------------------------------------------------------------


def placement_of(pk):
    placement = get_object_or_404(
        Placement.objects.select_related("participant__buyer", "agreement__buyer", "agreement__farm__provider"),
        pk=pk,
    )
    return placement


def attendance_report(placement, month):
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
