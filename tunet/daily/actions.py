"""Every change to the farm day, incidents, meetings and invoice bases: one transaction, one
permission check each. Views run them through core.rules.attempt(), which shows NotAllowed's message."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.accounts.models import Membership
from tunet.care.models import Placement
from tunet.catalogue.models import Farm
from tunet.core.notifications import notify
from tunet.core.rules import NotAllowed
from tunet.purchasing.models import Agreement, AgreementVersion

from . import invoice as billing
from .models import (
    Attendance,
    AttendanceStatus,
    ClosedDay,
    DayNote,
    FollowUpMeeting,
    Incident,
    IncidentStatus,
    InvoiceBasis,
    InvoiceStatus,
    MeetingAction,
)
from .months import meeting_dates, month_label

__all__ = ["NotAllowed"]  # tests and callers catch the refusal where they find the actions


def month_is_sent(agreement: Agreement, day: datetime.date) -> bool:
    """Whether the month of day has a sent invoice basis: its attendance is frozen."""
    return InvoiceBasis.objects.filter(
        agreement=agreement, month=day.replace(day=1), status=InvoiceStatus.SENT
    ).exists()


def _refuse_in_sent_month(farm: Farm, day: datetime.date) -> None:
    """A closed day is part of every attendance report of the farm that month: once an invoice basis for
    the month is sent, its figures are frozen and only a credit note corrects them."""
    if InvoiceBasis.objects.filter(agreement__farm=farm, month=day.replace(day=1), status=InvoiceStatus.SENT).exists():
        raise NotAllowed(
            _(
                "The invoice basis for this month has been sent, so its days can no longer be closed or "
                "opened. Correct the invoice basis with a credit note."
            )
        )


# --- Attendance ------------------------------------------------------------------------------------------


# Only an absence can be known before the day; the rest is what happened.
AHEAD_OF_TIME = {AttendanceStatus.ABSENT_NOTICE, AttendanceStatus.CLOSED}


@transaction.atomic
def do_record_attendance(
    membership: Membership,
    placement: Placement,
    day: datetime.date,
    status: str,
    hours: Decimal | None = None,
    note: str | None = None,
) -> Attendance:
    """One tap on the farm day: set the participant's attendance for the day (changing it if set).

    Idempotent: the same tap twice leaves one row with the same content.
    """
    farm = placement.agreement.farm
    access.require(access.can_run_farm_day(membership, farm))
    if status not in AttendanceStatus.values:
        raise NotAllowed(_("Choose one of the attendance options."))
    if not placement.is_on(day):
        raise NotAllowed(_("The participant does not come to the farm on this day."))
    if day > timezone.localdate() and status not in AHEAD_OF_TIME:
        raise NotAllowed(_("Ahead of time you can only register an absence."))
    if month_is_sent(placement.agreement, day):
        raise NotAllowed(_("The invoice basis for this month has been sent, so its attendance can no longer change."))
    if hours is not None and not (0 <= hours <= 24):
        raise NotAllowed(_("Hours must be between 0 and 24."))
    defaults: dict[str, object] = {"status": status, "recorded_by": membership.user, "recorded_at": timezone.now()}
    if status not in billing.ATTENDED:
        defaults["hours"] = None  # hours only make sense for a day spent at the farm
    elif hours is not None:
        defaults["hours"] = hours
    if note is not None:
        defaults["note"] = note
    attendance, _created = Attendance.objects.update_or_create(placement=placement, date=day, defaults=defaults)
    return attendance


def do_record_absence(membership: Membership, placement: Placement, day: datetime.date, note: str = "") -> Attendance:
    """An absence known before the day (a doctor's appointment, a holiday with family)."""
    if day <= timezone.localdate():
        raise NotAllowed(_("Choose a date after today."))
    return do_record_attendance(membership, placement, day, AttendanceStatus.ABSENT_NOTICE, note=note)


@transaction.atomic
def do_close_day(membership: Membership, farm: Farm, day: datetime.date, reason: str = "") -> ClosedDay:
    """The farm is closed: the day shows «Stengt» for everyone and nothing is billed for it."""
    access.require(access.can_run_farm_day(membership, farm))
    _refuse_in_sent_month(farm, day)
    closed, _created = ClosedDay.objects.update_or_create(
        farm=farm, date=day, defaults={"reason": reason, "created_by": membership.user}
    )
    return closed


@transaction.atomic
def do_reopen_day(membership: Membership, farm: Farm, day: datetime.date) -> None:
    access.require(access.can_run_farm_day(membership, farm))
    _refuse_in_sent_month(farm, day)
    ClosedDay.objects.filter(farm=farm, date=day).delete()


@transaction.atomic
def do_save_day_note(membership: Membership, farm: Farm, day: datetime.date, activities: str, note: str) -> DayNote:
    access.require(access.can_run_farm_day(membership, farm))
    day_note, _created = DayNote.objects.update_or_create(
        farm=farm, date=day, defaults={"activities": activities, "note": note, "updated_by": membership.user}
    )
    return day_note


# --- Incidents -------------------------------------------------------------------------------------------


@transaction.atomic
def do_report_incident(
    membership: Membership,
    placement: Placement,
    *,
    occurred_at: datetime.datetime,
    severity: str,
    what_happened: str,
    immediate_action: str = "",
) -> Incident:
    """The farm reports what happened; the buyer's people who follow participants are told at once."""
    farm = placement.agreement.farm
    access.require(access.can_run_farm_day(membership, farm))
    if occurred_at > timezone.now():
        raise NotAllowed(_("An incident cannot have happened in the future."))
    # The same report sent twice (a double tap on a phone) is one incident, and the buyer is told once.
    same = Incident.objects.filter(
        placement=placement,
        occurred_at=occurred_at,
        severity=severity,
        what_happened=what_happened,
        reported_by=membership.user,
    ).first()
    if same is not None:
        return same
    incident = Incident.objects.create(
        farm=farm,
        placement=placement,
        occurred_at=occurred_at,
        severity=severity,
        what_happened=what_happened,
        immediate_action=immediate_action,
        reported_by=membership.user,
    )
    buyer = placement.agreement.buyer
    # The notification names no participant: e-mail is not the place for personal data.
    notify(
        access.people_with_perm(access.Perm.FOLLOW_PARTICIPANTS, organisation=buyer),
        title=_("%(farm)s has reported an incident (%(severity)s)")
        % {"farm": farm.name, "severity": incident.get_severity_display().lower()},
        body=_("Log in to Tunet to read what happened and follow it up."),
        url=reverse("daily:incident", args=[incident.pk]),
    )
    return incident


@transaction.atomic
def do_record_follow_up(membership: Membership, incident: Incident, text: str) -> Incident:
    """What was done afterwards, by the farm or the buyer. A later follow-up replaces the text."""
    agreement = incident.placement.agreement
    access.require(access.can_follow_agreement(membership, agreement))
    if not text.strip():
        raise NotAllowed(_("Write what was done to follow up."))
    incident.follow_up = text.strip()
    incident.followed_up_by = membership.user
    incident.followed_up_at = timezone.now()
    incident.status = IncidentStatus.FOLLOWED_UP
    incident.save(update_fields=["follow_up", "followed_up_by", "followed_up_at", "status"])
    return incident


# --- Follow-up meetings ----------------------------------------------------------------------------------


@transaction.atomic
def do_schedule_meetings(
    membership: Membership,
    agreement: Agreement,
    version: AgreementVersion | None,
    first: datetime.date,
    count: int = 4,
) -> list[FollowUpMeeting]:
    """The next `count` meetings at the agreement's frequency, from `first`. Dates already planned
    are kept as they are, so scheduling twice adds nothing."""
    access.require(access.can_follow_agreement(membership, agreement))
    if version is None:
        raise NotAllowed(_("The agreement has no signed version in force yet."))
    if not 1 <= count <= 12:
        raise NotAllowed(_("Plan between 1 and 12 meetings at a time."))
    dates = meeting_dates(version.meeting_frequency, first, count, until=version.end)
    taken = set(
        FollowUpMeeting.objects.filter(agreement=agreement, placement__isnull=True).values_list(
            "scheduled_on", flat=True
        )
    )
    new = [
        FollowUpMeeting(agreement=agreement, scheduled_on=day, created_by=membership.user)
        for day in dates
        if day not in taken
    ]
    FollowUpMeeting.objects.bulk_create(new)
    return new


@transaction.atomic
def do_add_meeting(
    membership: Membership, agreement: Agreement, scheduled_on: datetime.date, placement: Placement | None = None
) -> FollowUpMeeting:
    """One meeting outside the plan, possibly about one participant."""
    access.require(access.can_follow_agreement(membership, agreement))
    if placement is not None and placement.agreement_id != agreement.pk:
        raise NotAllowed(_("The participant is not placed on this agreement."))
    if (
        placement is None
        and FollowUpMeeting.objects.filter(
            agreement=agreement, placement__isnull=True, scheduled_on=scheduled_on
        ).exists()
    ):
        raise NotAllowed(_("A meeting is already planned on that date."))
    return FollowUpMeeting.objects.create(
        agreement=agreement, placement=placement, scheduled_on=scheduled_on, created_by=membership.user
    )


@transaction.atomic
def do_record_minutes(membership: Membership, meeting: FollowUpMeeting, minutes: str) -> FollowUpMeeting:
    access.require(access.can_follow_agreement(membership, meeting.agreement))
    meeting.minutes = minutes
    meeting.held = True
    meeting.minutes_by = membership.user
    meeting.save(update_fields=["minutes", "held", "minutes_by"])
    return meeting


@transaction.atomic
def do_add_meeting_action(
    membership: Membership, meeting: FollowUpMeeting, *, text: str, owner: str, deadline: datetime.date
) -> MeetingAction:
    access.require(access.can_follow_agreement(membership, meeting.agreement))
    return MeetingAction.objects.create(meeting=meeting, text=text, owner=owner, deadline=deadline)


@transaction.atomic
def do_set_action_done(membership: Membership, action: MeetingAction, done: bool = True) -> MeetingAction:
    access.require(access.can_follow_agreement(membership, action.meeting.agreement))
    action.done = done
    action.save(update_fields=["done"])
    return action


# --- The invoice basis -----------------------------------------------------------------------------------


@transaction.atomic
def do_send_invoice_basis(
    membership: Membership, agreement: Agreement, month: datetime.date, computed: billing.Basis
) -> InvoiceBasis:
    """Freeze the month's lines and total and send them to the buyer. Sending twice changes
    nothing: the figures the buyer got first stay.

    computed: the billing.Basis the farmer reviewed (queries.invoice_month()).
    """
    access.require(access.can_send_invoice_basis(membership, agreement))
    month = month.replace(day=1)
    if month > timezone.localdate().replace(day=1):
        raise NotAllowed(_("A month can be sent when it has started."))
    try:
        with transaction.atomic():
            basis, _created = InvoiceBasis.objects.select_for_update().get_or_create(agreement=agreement, month=month)
    except IntegrityError:  # a second click created it at the same moment: use that one
        basis = InvoiceBasis.objects.select_for_update().get(agreement=agreement, month=month)
    if basis.status == InvoiceStatus.SENT:
        return basis
    basis.lines = computed.as_json()
    basis.total = computed.total
    basis.status = InvoiceStatus.SENT
    basis.sent_by = membership.user
    basis.sent_at = timezone.now()
    basis.save()
    notify(
        access.people_with_perm(access.Perm.FOLLOW_PARTICIPANTS, organisation=agreement.buyer),
        title=_("Invoice basis for %(month)s from %(farm)s")
        % {"month": month_label(month), "farm": agreement.farm.name},
        url=reverse("daily:invoice", args=[agreement.pk, month.year, month.month]),
        key=f"invoice-basis-{basis.pk}",
    )
    return basis
