"""The life of a farm's approval: approved, suspended, lapsed, revoked, and approved again.

Every change of an approval's state goes through set_status(), which keeps the trail
(ApprovalEvent). The actions call reconsider() after each change a person makes that can make a
farm ready; the daily task suspends and lapses. Nothing here checks who asks: the callers have.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.core.notifications import notify

from .models import Approval, ApprovalEvent, ApprovalStatus, Deviation, DeviationStatus, RevisionStatus, SelfAuditStatus

if TYPE_CHECKING:
    from tunet.accounts.models import User
    from tunet.catalogue.models import Farm

VALID_FOR = 2  # years
SELF_AUDIT_EVERY_DAYS = 365


# --- Rules of time ---------------------------------------------------------------------------------


def self_audit_due(last_submitted_at: datetime.datetime | None, today: datetime.date) -> datetime.date:
    """When the next self-audit is due: a year after the last one, or now if there has been none."""
    if last_submitted_at is None:
        return today
    return timezone.localdate(last_submitted_at) + datetime.timedelta(days=SELF_AUDIT_EVERY_DAYS)


def two_years_from(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year + VALID_FOR)
    except ValueError:  # 29 February
        return day.replace(year=day.year + VALID_FOR, day=28)


def _no_deviation_open(farm: Farm) -> bool:
    return not farm.deviations.exclude(status=DeviationStatus.VERIFIED).exists()


def is_ready(farm: Farm) -> bool:
    """Self-audit submitted, the latest revision accepted, no deviation open or awaiting verification."""
    latest_revision = farm.revisions.first()
    return (
        farm.self_audits.filter(status=SelfAuditStatus.SUBMITTED).exists()
        and latest_revision is not None
        and latest_revision.status == RevisionStatus.ACCEPTED
        and _no_deviation_open(farm)
    )


def _revised_since(farm: Farm, day: datetime.date | None) -> bool:
    latest = farm.revisions.first()
    return (
        latest is not None
        and latest.accepted_at is not None
        and day is not None
        and timezone.localdate(latest.accepted_at) > day
    )


# --- Changes of state --------------------------------------------------------------------------------


def approval_to_change(farm: Farm) -> Approval:
    """The farm's approval, locked until the transaction ends; created (pending) the first time."""
    approval, _created = Approval.objects.select_for_update().get_or_create(farm=farm)
    return approval


def set_status(
    approval: Approval,
    status: str,
    actor: User | None,
    reason: str,
    valid_until: datetime.date | None = None,
) -> None:
    """The one place an approval changes state, and the trail of it (actor None: the daily task)."""
    previous = approval.status
    approval.status = status
    if valid_until is not None:
        approval.valid_until = valid_until
    approval.reason = reason if status != ApprovalStatus.APPROVED else ""
    approval.save()
    ApprovalEvent.objects.create(
        approval=approval,
        from_status=previous,
        to_status=status,
        valid_until=approval.valid_until,
        actor=actor,
        reason=reason,
    )


def reconsider(farm: Farm, actor: User | None, today: datetime.date | None = None, renew: bool = False) -> Approval:
    """Approve the farm when it is ready; called after every change that can make it so.

    - renew (a revision was just accepted): two new years from today, if ready;
    - suspended: back to approved with its old date once no deviation is open;
    - pending, or lapsed with a revision accepted since it lapsed: two years from today, if ready.
    A revoked approval stays revoked.
    """
    today = today or timezone.localdate()
    approval = approval_to_change(farm)
    status = approval.status
    two_years = _("Self-audit submitted, revision accepted and no deviation open.")
    if status == ApprovalStatus.REVOKED:
        return approval
    if renew and is_ready(farm):
        set_status(approval, ApprovalStatus.APPROVED, actor, two_years, valid_until=two_years_from(today))
    elif (
        status == ApprovalStatus.SUSPENDED
        and approval.valid_until is not None
        and approval.valid_until >= today
        and _no_deviation_open(farm)
    ):
        set_status(approval, ApprovalStatus.APPROVED, actor, _("Every deviation is closed and verified."))
    elif (
        status == ApprovalStatus.PENDING
        or (status == ApprovalStatus.LAPSED and _revised_since(farm, approval.valid_until))
    ) and is_ready(farm):
        set_status(approval, ApprovalStatus.APPROVED, actor, two_years, valid_until=two_years_from(today))
    else:
        return approval
    assert approval.valid_until is not None  # an approved approval has its date (approval_approved_has_valid_until)
    notify(
        access.farm_keepers(farm),
        title=_("%(farm)s is approved until %(date)s") % {"farm": farm.name, "date": date_format(approval.valid_until)},
        body=_("The farm is shown in the catalogue of Inn på tunet farms."),
        url=reverse("approval:farm"),
    )
    return approval


def revoke(farm: Farm, actor: User, reason: str) -> Approval:
    """Revoke the farm's approval for good (until the approval body approves it again by hand)."""
    approval = approval_to_change(farm)
    if approval.status == ApprovalStatus.REVOKED:
        return approval
    set_status(approval, ApprovalStatus.REVOKED, actor, reason)
    notify(
        access.farm_keepers(farm),
        title=_("The approval of %(farm)s has been revoked") % {"farm": farm.name},
        body=reason,
        url=reverse("approval:farm"),
    )
    return approval


def suspend_for_overdue_deviations(today: datetime.date) -> int:
    """An approved farm with a deviation past its deadline is suspended, and leaves the catalogue."""
    overdue = (
        Deviation.objects.filter(status=DeviationStatus.OPEN, deadline__lt=today)
        .filter(farm__approval__status=ApprovalStatus.APPROVED)
        .select_related("farm")
        .order_by("farm_id", "deadline")
    )
    suspended = 0
    first_per_farm: dict[int, Deviation] = {}
    for deviation in overdue:
        first_per_farm.setdefault(deviation.farm_id, deviation)
    for deviation in first_per_farm.values():
        with transaction.atomic():
            approval = Approval.objects.select_for_update().get(farm_id=deviation.farm_id)
            if approval.status != ApprovalStatus.APPROVED:
                continue
            reason = _("The deadline %(date)s for the deviation «%(what)s» has passed.") % {
                "date": date_format(deviation.deadline),
                "what": deviation.description[:120],
            }
            set_status(approval, ApprovalStatus.SUSPENDED, None, reason)
            suspended += 1
    return suspended


def lapse_expired(today: datetime.date) -> int:
    """An approval past its valid-until date lapses (approved or suspended alike)."""
    expired = Approval.objects.filter(
        status__in=[ApprovalStatus.APPROVED, ApprovalStatus.SUSPENDED], valid_until__lt=today
    )
    lapsed = 0
    for approval_id in expired.values_list("pk", flat=True):
        with transaction.atomic():
            approval = Approval.objects.select_for_update().get(pk=approval_id)
            if (
                approval.status not in (ApprovalStatus.APPROVED, ApprovalStatus.SUSPENDED)
                or approval.valid_until is None
            ):
                continue
            reason = _("The approval expired on %(date)s.") % {"date": date_format(approval.valid_until)}
            set_status(approval, ApprovalStatus.LAPSED, None, reason)
            lapsed += 1
    return lapsed
