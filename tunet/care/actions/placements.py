"""Placements: the referral, the farm's answer, ending one, and changes the farm proposes and the
buyer decides. One transaction, one permission check, and who is told.

Capacity: the active placements on an agreement never take more places on a weekday than the
agreement's version in force has on that weekday. Every action that adds a place or a weekday
counts inside its transaction after locking the agreement's row, so of two farms' people accepting
the last place at once, the second counts after the first one's placement is there.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import NoReturn

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.accounts.models import Membership, OrganisationKind
from tunet.catalogue.models import Weekday
from tunet.core.notifications import notify
from tunet.core.rules import NotAllowed
from tunet.purchasing.models import Agreement, AgreementStatus, AgreementVersion
from tunet.purchasing.queries import in_force

from ..models import ChangeKind, ChangeStatus, EndReason, Participant, Placement, PlacementChange, PlacementStatus
from ..queries import buyer_followers


def _url(participant: Participant) -> str:
    return reverse("care:participant", args=[participant.pk])


def _placement_url(placement: Placement) -> str:
    return reverse("care:placement", args=[placement.pk])


# --- Referral -------------------------------------------------------------------------------------------


def _day(weekday: int) -> str:
    return str(Weekday(weekday).label).lower()


def _check_weekdays(version: AgreementVersion, weekdays: list[int]) -> None:
    if not weekdays:
        raise NotAllowed(_("Choose at least one weekday."))
    outside = [day for day in weekdays if not int(version.places.get(str(day), 0) or 0)]
    if outside:
        raise NotAllowed(
            _("The agreement has no places on %(days)s.") % {"days": ", ".join(_day(day) for day in outside)}
        )


def _ends(placement: Placement) -> datetime.date | None:
    """The last day a placement can take a place: the earlier of its planned and recorded end."""
    ends = [day for day in (placement.planned_end, placement.ended_on) if day is not None]
    return min(ends) if ends else None


def _overlaps(placement: Placement, start: datetime.date, end: datetime.date | None) -> bool:
    """Whether the placement takes its place on some day from start to end (None: open)."""
    ends = _ends(placement)
    return (end is None or placement.start <= end) and (ends is None or ends >= start)


def _check_capacity(
    agreement: Agreement,
    weekdays: Iterable[int],
    start: datetime.date,
    end: datetime.date | None,
    exclude: Placement | None = None,
) -> None:
    """Raise NotAllowed unless one more place fits on each weekday from start to end (None: open).

    Call with the agreement's row locked (_locked). Counts every active placement whose period
    overlaps, as if they all overlap each other: never optimistic.
    """
    version = in_force(agreement)
    if version is None:
        raise NotAllowed(_("The agreement is not signed by both sides yet."))
    active = Placement.objects.filter(agreement=agreement, status=PlacementStatus.ACTIVE)
    if exclude is not None:
        active = active.exclude(pk=exclude.pk)
    overlapping = [placement for placement in active if _overlaps(placement, start, end)]
    for day in sorted(weekdays):
        places = int(version.places.get(str(day), 0) or 0)
        used = sum(1 for placement in overlapping if day in placement.weekdays)
        if used + 1 > places:
            raise NotAllowed(
                _("There are only %(free)s free places on %(day)s on this agreement.")
                % {"free": max(places - used, 0), "day": _day(day)}
            )


def _locked(agreement: Agreement) -> Agreement:
    """The agreement, its row locked until the transaction ends: capacity is counted one at a time."""
    return (
        Agreement.objects.select_for_update(of=("self",)).select_related("buyer", "farm__provider").get(pk=agreement.pk)
    )


@transaction.atomic
def do_refer_participant(
    membership: Membership,
    participant: Participant,
    agreement: Agreement,
    weekdays: Iterable[int],
    start: datetime.date,
    planned_end: datetime.date | None = None,
    note: str = "",
) -> Placement:
    """The buyer refers a participant to a place on one of its agreements in force; the farm is
    told. A NAV office's placements are time-limited: they need a planned end."""
    if not access.can_manage_participant(membership, participant) or agreement.buyer_id != participant.buyer_id:
        raise PermissionDenied
    agreement = _locked(agreement)
    if agreement.status != AgreementStatus.ACTIVE:
        raise NotAllowed(_("Participants can be referred only on an agreement in force."))
    # An agreement in force has a signed version; _no_version() only keeps the type checker sure.
    version = in_force(agreement) or _no_version()
    weekdays = sorted({int(day) for day in weekdays})
    _check_weekdays(version, weekdays)
    if agreement.buyer.kind == OrganisationKind.NAV_OFFICE and planned_end is None:
        raise NotAllowed(_("A NAV placement is time-limited: give its planned end."))
    if planned_end is not None and planned_end < start:
        raise NotAllowed(_("The planned end cannot be before the start."))
    if start > version.runs_until:
        raise NotAllowed(
            _("The agreement in force ends %(date)s, before the start.") % {"date": date_format(version.end)}
        )
    existing = Placement.objects.filter(
        participant=participant, agreement=agreement, status__in=(PlacementStatus.REFERRED, PlacementStatus.ACTIVE)
    ).first()
    if existing is not None:
        if existing.status == PlacementStatus.REFERRED:
            return existing  # a second click
        raise NotAllowed(_("%(name)s already has a place on this agreement.") % {"name": participant})
    placement = Placement.objects.create(
        participant=participant,
        agreement=agreement,
        weekdays=weekdays,
        start=start,
        planned_end=planned_end,
        referral_note=note.strip(),
        referred_by=membership.user,
    )
    # The farm learns who is referred by opening the referral, where the read is logged.
    notify(
        access.farm_keepers(agreement.farm),
        title=_("%(buyer)s has referred a participant to your farm") % {"buyer": agreement.buyer.name},
        body=_("On %(days)s from %(start)s. Accept or decline the referral.")
        % {"days": placement.weekday_labels.lower(), "start": date_format(start)},
        url=_placement_url(placement),
    )
    return placement


def _deciding(membership: Membership, placement: Placement) -> Placement:
    """The placement locked with its agreement, for the farm's decision."""
    if not access.can_decide_referral(membership, placement.agreement.farm):
        raise PermissionDenied
    agreement = _locked(placement.agreement)
    placement = Placement.objects.select_for_update(of=("self",)).select_related("participant").get(pk=placement.pk)
    placement.agreement = agreement
    return placement


@transaction.atomic
def do_accept_referral(membership: Membership, placement: Placement) -> Placement:
    """The farm accepts: the participant has a place, if one is free on each of the weekdays."""
    placement = _deciding(membership, placement)
    if placement.status == PlacementStatus.ACTIVE:
        return placement  # a second click
    if placement.status != PlacementStatus.REFERRED:
        raise NotAllowed(_("This referral has already been answered."))
    _check_capacity(placement.agreement, placement.weekdays, placement.start, _ends(placement))
    placement.status = PlacementStatus.ACTIVE
    placement.decided_by = membership.user
    # Last in the pick-up order until the farm orders the round again.
    placement.pickup_order = (
        Placement.objects.filter(agreement__farm=placement.agreement.farm, status=PlacementStatus.ACTIVE).count() + 1
    )
    placement.save(update_fields=["status", "decided_by", "pickup_order"])
    notify(
        buyer_followers(placement.agreement.buyer),
        title=_("%(farm)s has accepted a referral") % {"farm": placement.agreement.farm.name},
        body=_("The place starts %(start)s.") % {"start": date_format(placement.start)},
        url=_url(placement.participant),
    )
    return placement


@transaction.atomic
def do_decline_referral(membership: Membership, placement: Placement, reason: str) -> Placement:
    placement = _deciding(membership, placement)
    if placement.status == PlacementStatus.DECLINED:
        return placement
    if placement.status != PlacementStatus.REFERRED:
        raise NotAllowed(_("This referral has already been answered."))
    reason = reason.strip()
    if not reason:
        raise NotAllowed(_("Tell the buyer why you say no."))
    placement.status = PlacementStatus.DECLINED
    placement.decline_reason = reason
    placement.decided_by = membership.user
    placement.save(update_fields=["status", "decline_reason", "decided_by"])
    notify(
        buyer_followers(placement.agreement.buyer),
        title=_("%(farm)s has declined a referral") % {"farm": placement.agreement.farm.name},
        # The reason may name the participant; notifications also go by e-mail, so it stays in Tunet.
        body=_("Read the farm's reason in Tunet."),
        url=_url(placement.participant),
    )
    return placement


# --- Ending and changing a placement ---------------------------------------------------------------------


def _end(placement: Placement, day: datetime.date, reason: str, note: str, today: datetime.date) -> None:
    """Record the end. A placement that ends before today is over now; one that ends later stays
    active until then (the daily task ends it the day after)."""
    if reason not in EndReason.values:
        raise NotAllowed(_("Choose why the placement ends."))
    if day < placement.start:
        raise NotAllowed(_("The placement cannot end before it starts."))
    placement.ended_on, placement.end_reason, placement.end_note = day, reason, note.strip()
    if day < today:
        placement.status = PlacementStatus.ENDED
    placement.save(update_fields=["ended_on", "end_reason", "end_note", "status"])


@transaction.atomic
def do_end_placement(
    membership: Membership, placement: Placement, reason: str, day: datetime.date, note: str = ""
) -> Placement:
    """The buyer ends a placement, with why. Ending it again (a second click) changes nothing."""
    if not access.can_manage_participant(membership, placement.participant):
        raise PermissionDenied
    placement = Placement.objects.select_for_update().select_related("agreement__farm").get(pk=placement.pk)
    if placement.status == PlacementStatus.ENDED or (placement.ended_on == day and placement.end_reason == reason):
        return placement
    if placement.status != PlacementStatus.ACTIVE:
        raise NotAllowed(_("Only an active placement can be ended."))
    _end(placement, day, reason, note, timezone.localdate())
    notify(
        access.farm_keepers(placement.agreement.farm),
        title=_("A placement ends %(date)s") % {"date": date_format(day)},
        # Why it ended may be the participant's health: the reason stays in Tunet, behind the logged page.
        body=_("%(buyer)s has ended the placement. Read more in Tunet.") % {"buyer": placement.agreement.buyer.name},
        url=_placement_url(placement),
    )
    return placement


@transaction.atomic
def do_propose_change(
    membership: Membership,
    placement: Placement,
    kind: str,
    reason: str,
    new_end: datetime.date | None = None,
    new_weekdays: Iterable[int] = (),
    end_reason: str = "",
) -> PlacementChange:
    """The farm proposes to extend, end, or change the weekdays of an active placement, with a
    reason; the buyer decides. One proposal waits at a time: sending the same again changes nothing."""
    if not access.can_decide_referral(membership, placement.agreement.farm):
        raise PermissionDenied
    placement = Placement.objects.select_for_update().select_related("agreement__buyer").get(pk=placement.pk)
    if placement.status != PlacementStatus.ACTIVE:
        raise NotAllowed(_("Changes can be proposed only for an active placement."))
    reason = reason.strip()
    if not reason:
        raise NotAllowed(_("Tell the buyer why."))
    new_weekdays = sorted({int(day) for day in new_weekdays})
    if kind == ChangeKind.EXTEND:
        if new_end is None or (placement.planned_end and new_end <= placement.planned_end):
            raise NotAllowed(_("Give a new end after the planned end."))
        new_weekdays, end_reason = [], ""
    elif kind == ChangeKind.END:
        if new_end is None or new_end < placement.start:
            raise NotAllowed(_("Give the day the placement should end."))
        if end_reason not in EndReason.values:
            raise NotAllowed(_("Choose why the placement ends."))
        new_weekdays = []
    elif kind == ChangeKind.CHANGE_WEEKDAYS:
        _check_weekdays(in_force(placement.agreement) or _no_version(), new_weekdays)
        if new_weekdays == sorted(placement.weekdays):
            raise NotAllowed(_("Those are the weekdays the participant has now."))
        new_end, end_reason = None, ""
    else:
        raise NotAllowed(_("Choose what should change."))
    waiting = placement.changes.filter(status=ChangeStatus.PROPOSED).first()
    if waiting is not None:
        if (waiting.kind, waiting.new_end, waiting.new_weekdays) == (kind, new_end, new_weekdays):
            return waiting  # a second click
        raise NotAllowed(_("A proposed change is already waiting for the buyer's decision."))
    try:
        with transaction.atomic():
            change = PlacementChange.objects.create(
                placement=placement,
                kind=kind,
                reason=reason,
                new_end=new_end,
                new_weekdays=new_weekdays,
                end_reason=end_reason,
                proposed_by=membership.user,
            )
    except IntegrityError:  # proposed at the same moment by someone else on the farm
        raise NotAllowed(_("A proposed change is already waiting for the buyer's decision.")) from None
    notify(
        buyer_followers(placement.agreement.buyer),
        title=_("%(farm)s proposes a change to a placement") % {"farm": membership.organisation.name},
        # The farm's reason may name the participant or their health: it stays behind the logged page.
        body=_("%(change)s. Read the farm's reason in Tunet.") % {"change": change.get_kind_display()},
        url=_placement_url(placement),
    )
    return change


def _no_version() -> NoReturn:
    raise NotAllowed(_("The agreement is not signed by both sides yet."))


@transaction.atomic
def do_decide_change(membership: Membership, change: PlacementChange, approve: bool, note: str = "") -> PlacementChange:
    """The buyer approves or rejects a proposed change. An approved change applies at once; more
    places on a weekday, or a longer period, are checked against the agreement's places first."""
    placement = change.placement
    if not access.can_manage_participant(membership, placement.participant):
        raise PermissionDenied
    agreement = _locked(placement.agreement)
    change = PlacementChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeStatus.PROPOSED:
        return change  # decided already (a second click)
    placement = Placement.objects.select_for_update().select_related("participant").get(pk=placement.pk)
    if approve:
        if placement.status != PlacementStatus.ACTIVE:
            raise NotAllowed(_("The placement is no longer active."))
        _apply(agreement, placement, change)
    change.status = ChangeStatus.APPROVED if approve else ChangeStatus.REJECTED
    change.decided_by, change.decided_at, change.decision_note = membership.user, timezone.now(), note.strip()
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    notify(
        access.farm_keepers(agreement.farm),
        title=(_("%(buyer)s approved the change") if approve else _("%(buyer)s did not approve the change"))
        % {"buyer": agreement.buyer.name},
        # The buyer's note may name the participant or their health: it stays behind the logged page.
        body=_("%(change)s. Read the buyer's answer in Tunet.") % {"change": change.get_kind_display()},
        url=_placement_url(placement),
    )
    return change


def _apply(agreement: Agreement, placement: Placement, change: PlacementChange) -> None:
    if change.kind == ChangeKind.EXTEND:
        _check_capacity(agreement, placement.weekdays, placement.start, change.new_end, exclude=placement)
        placement.planned_end = change.new_end
        placement.save(update_fields=["planned_end"])
    elif change.kind == ChangeKind.END:
        assert change.new_end is not None  # do_propose_change() never makes an end without its day
        _end(placement, change.new_end, change.end_reason, change.reason, timezone.localdate())
    else:
        _check_weekdays(in_force(agreement) or _no_version(), change.new_weekdays)
        _check_capacity(agreement, change.new_weekdays, placement.start, _ends(placement), exclude=placement)
        placement.weekdays = change.new_weekdays
        placement.save(update_fields=["weekdays"])
