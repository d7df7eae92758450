"""Reads of the participant's own pages, with what each page needs, and the fetchers that check in the
same call that the person may see what they ask for (through accounts.access).

A person's ways in are their open PortalAccess rows (grants). grant_for() returns the one for a
participant, or refuses: 404 when the person has no way in to that participant (they may not know the
participant exists), 403 when the consent does not cover the page.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import F, Prefetch, QuerySet
from django.utils.translation import gettext_lazy as _

from tunet.accounts import access
from tunet.accounts.models import AccessLogEntry, Membership, User
from tunet.care.models import Goal, GoalNote, Participant, Placement, PlacementStatus
from tunet.catalogue.models import Farm, OfferDay
from tunet.daily.models import Attendance, ClosedDay

from .models import CheckIn, CheckInPlan, CorrectionRequest, Message, PortalAccess

_RELATIVE = _("relative")

# How far ahead «Mine gårdsdager» looks, and how far the absence form reaches.
DAYS_AHEAD = 28


def _grants() -> QuerySet[PortalAccess]:
    return PortalAccess.objects.filter(withdrawn_at__isnull=True).select_related(
        "participant__postal_code", "participant__buyer", "participant__created_by"
    )


def grants_of(user: User) -> list[PortalAccess]:
    """The participants a person may follow on their own pages (their own, a relative's), one query."""
    if not user.is_authenticated:
        return []
    return list(_grants().filter(user=user).order_by("participant__first_name", "participant__id"))


def grant_for(user: User, participant_pk: int, consent: str | None = None) -> PortalAccess:
    """The person's way in to this participant's pages, if consent (one of access.SEES_DAYS, ...) covers
    the page; refused otherwise."""
    grant = access.found(_grants().filter(user=user, participant_id=participant_pk).first())
    if consent is not None:
        access.require(access.portal_covers(grant, consent))
    return grant


def active_placements(participant: Participant) -> list[Placement]:
    """The participant's placements that are running, with their farm and buyer: one query."""
    return list(
        Placement.objects.filter(participant=participant, status=PlacementStatus.ACTIVE)
        .select_related("agreement__farm", "agreement__buyer", "agreement__service_offer")
        .order_by("start", "id")
    )


def placement_of(participant: Participant, pk: int) -> Placement:
    """One of the participant's running placements (404 for any other)."""
    return access.found(next((p for p in active_placements(participant) if p.pk == pk), None))


# --- Mine gårdsdager ------------------------------------------------------------------------------------


@dataclass
class FarmDay:
    date: datetime.date
    placement: Placement
    opens: datetime.time | None
    closes: datetime.time | None
    closed: ClosedDay | None
    attendance: Attendance | None

    @property
    def farm(self) -> Farm:
        return self.placement.agreement.farm

    @property
    def absence_reported(self) -> bool:
        return self.attendance is not None and self.attendance.status == "absent_notice"


def coming_days(participant: Participant, today: datetime.date, days: int = DAYS_AHEAD) -> list[FarmDay]:
    """The participant's farm days from today, for `days` days: each with its hours, whether the farm is
    closed and any absence already reported. Four queries, however many days and placements."""
    placements = active_placements(participant)
    last = today + datetime.timedelta(days=days - 1)
    offers = {p.agreement.service_offer_id for p in placements}
    hours = {(d.offer_id, d.weekday): d for d in OfferDay.objects.filter(offer_id__in=offers)}
    farms = {p.agreement.farm_id for p in placements}
    closed = {(c.farm_id, c.date): c for c in ClosedDay.objects.filter(farm_id__in=farms, date__range=(today, last))}
    attendance = {
        (a.placement_id, a.date): a
        for a in Attendance.objects.filter(placement__in=[p.pk for p in placements], date__range=(today, last))
    }
    result = []
    for offset in range(days):
        day = today + datetime.timedelta(days=offset)
        for placement in placements:
            if placement.is_on(day):
                offer_day = hours.get((placement.agreement.service_offer_id, day.weekday()))
                result.append(
                    FarmDay(
                        day,
                        placement,
                        offer_day.opens if offer_day else None,
                        offer_day.closes if offer_day else None,
                        closed.get((placement.agreement.farm_id, day)),
                        attendance.get((placement.pk, day)),
                    )
                )
    return result


# --- Mine mål ---------------------------------------------------------------------------------------------


def shared_goals(participant: Participant) -> list[Goal]:
    """The goals marked as shared on the participant's placements, each with `shared_notes`: two queries."""
    return list(
        Goal.objects.filter(placement__participant=participant, shared=True)
        .exclude(placement__status=PlacementStatus.DECLINED)
        .select_related("placement__agreement__farm")
        .prefetch_related(Prefetch("notes", queryset=GoalNote.objects.filter(shared=True), to_attr="shared_notes"))
        .order_by("created_at", "id")
    )


# --- Meldinger ---------------------------------------------------------------------------------------------


def threads_of(placements: list[Placement]) -> list[tuple[Placement, list[Message]]]:
    """Each placement with its messages, oldest first: one query, however many placements."""
    threads: dict[int, list[Message]] = {p.pk: [] for p in placements}
    for message in Message.objects.filter(placement__in=list(threads)).order_by("at", "id"):
        threads[message.placement_id].append(message)
    return [(p, threads[p.pk]) for p in placements]


# --- Hvordan går det? ------------------------------------------------------------------------------------


def every_months(placement: Placement) -> int:
    plan = CheckInPlan.objects.filter(placement=placement).first()
    return 1 if plan is None else plan.every_months


def period_of(placement: Placement, today: datetime.date, every: int) -> datetime.date | None:
    """The first day of the check-in period today is in: periods of `every` months from the month the
    placement started. None when there is no check-in for it (every = 0, or not started)."""
    if every <= 0 or placement.start > today:
        return None
    months = (today.year - placement.start.year) * 12 + today.month - placement.start.month
    first = months - months % every
    year, month = divmod(placement.start.month - 1 + first, 12)
    return datetime.date(placement.start.year + year, month + 1, 1)


def due_check_ins(placements: list[Placement], today: datetime.date) -> list[tuple[Placement, datetime.date]]:
    """The placements whose «How is it going?» can be answered now, each with its period: two queries,
    however many placements."""
    plans = plans_of(placements)
    periods = {p.pk: period_of(p, today, plans[p.pk]) for p in placements}
    answered = set(
        CheckIn.objects.filter(
            placement__in=[p.pk for p in placements], period__in={d for d in periods.values() if d}
        ).values_list("placement_id", "period")
    )
    return [(p, period) for p in placements if (period := periods[p.pk]) and (p.pk, period) not in answered]


def check_in_due(placement: Placement, today: datetime.date) -> datetime.date | None:
    """The period the participant can answer now, or None when it is answered or there is none."""
    due = due_check_ins([placement], today)
    return due[0][1] if due else None


def check_ins_of(placement: Placement) -> list[CheckIn]:
    return list(CheckIn.objects.filter(placement=placement).select_related("answered_by").order_by("-period"))


# --- Opplysningene mine and Hvem har sett ---------------------------------------------------------------


def own_records(participant: Participant) -> dict[str, Any]:
    """What Tunet stores about the participant that the pages show: their placements (all of them)."""
    placements = list(
        Placement.objects.filter(participant=participant)
        .select_related("agreement__farm", "agreement__buyer")
        .order_by("-start", "-id")
    )
    return {"placements": placements}


def corrections_of(participant: Participant) -> list[CorrectionRequest]:
    return list(CorrectionRequest.objects.filter(participant=participant).select_related("handled_by"))


@dataclass
class Look:
    """One row of «Hvem har sett opplysningene mine», in plain words."""

    at: datetime.datetime
    who: str
    where: str
    what: str
    you: bool


def looks_at(participant: Participant, viewer: User, limit: int = 200) -> list[Look]:
    """Who has read the participant's data, newest first: two queries."""
    relatives = dict(
        PortalAccess.objects.filter(participant=participant, user__isnull=False).values_list("user_id", "kind")
    )
    entries: list[AccessLogEntry] = list(access.access_log_for(participant)[:limit])
    looks = []
    for entry in entries:
        kind = relatives.get(entry.actor_id)
        if entry.organisation is not None:
            where = entry.organisation.name
        elif kind == "relative":
            where = str(_RELATIVE)
        else:
            where = ""
        looks.append(Look(entry.at, entry.actor.full_name, where, entry.action, entry.actor_id == viewer.pk))
    return looks


# --- For the people who manage access ------------------------------------------------------------------


def access_rows(participant: Participant) -> list[PortalAccess]:
    """Every way in to the participant's pages, withdrawn ones too (the history of consents)."""
    return list(
        PortalAccess.objects.filter(participant=participant)
        .select_related("invitation", "recorded_by", "withdrawn_by", "user")
        .order_by(F("withdrawn_at").desc(nulls_first=True), "kind", "full_name", "id")
    )


def access_row_for(membership: Membership | None, participant: Participant, pk: int) -> PortalAccess:
    access.require(access.can_manage_portal_access(membership, participant))
    return access.found(
        PortalAccess.objects.select_related("invitation", "participant").filter(participant=participant, pk=pk).first()
    )


def contacts_for_farm(participant: Participant) -> list[PortalAccess]:
    """The relatives the farm may contact (their consent names it): one query."""
    return list(
        PortalAccess.objects.filter(
            participant=participant, kind="relative", withdrawn_at__isnull=True, may_be_contacted=True
        ).order_by("full_name")
    )


def open_corrections(participant: Participant) -> list[CorrectionRequest]:
    return list(
        CorrectionRequest.objects.filter(participant=participant, handled_at__isnull=True).select_related("asked_by")
    )


def correction_for(membership: Membership | None, participant: Participant, pk: int) -> CorrectionRequest:
    access.require(access.can_manage_portal_access(membership, participant))
    return access.found(CorrectionRequest.objects.filter(participant=participant, pk=pk).first())


def plans_of(placements: list[Placement]) -> dict[int, int]:
    """{placement id: months between check-ins} for the placements (1 where no plan is set)."""
    plans = dict(
        CheckInPlan.objects.filter(placement__in=[p.pk for p in placements]).values_list("placement_id", "every_months")
    )
    return {p.pk: plans.get(p.pk, 1) for p in placements}
