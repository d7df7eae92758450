"""What the participant or a relative does on their own pages: absence, messages, check-ins and
requests for correction, and the farm's and case worker's answers in the message thread."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.accounts.models import Membership, User
from tunet.care.models import Placement, PlacementStatus
from tunet.core.notifications import notify
from tunet.core.rules import NotAllowed
from tunet.daily.actions import month_is_sent
from tunet.daily.models import Attendance, AttendanceStatus, ClosedDay

from .. import queries
from ..models import (
    AbsenceReason,
    CheckIn,
    CorrectionRequest,
    Message,
    PortalAccess,
)

# --- The participant or relative ---------------------------------------------------------------------


def _check_absence_day(placement: Placement, day: datetime.date, today: datetime.date) -> Attendance | None:
    """Refuse a day an absence cannot be reported for; the attendance already there, if any."""
    label = day.strftime("%d.%m.")
    if day < today:
        raise NotAllowed(_("%(day)s has passed.") % {"day": label})
    if not placement.is_on(day):
        raise NotAllowed(_("You are not at the farm on %(day)s.") % {"day": label})
    if month_is_sent(placement.agreement, day):
        raise NotAllowed(_("The farm has closed the month. Call the farm."))
    attendance = Attendance.objects.filter(placement=placement, date=day).first()
    if attendance is not None and attendance.status not in (AttendanceStatus.ABSENT_NOTICE,):
        raise NotAllowed(_("The farm has already written down %(day)s. Call the farm.") % {"day": label})
    return attendance


@transaction.atomic
def do_report_absence(
    grant: PortalAccess, *, days: Iterable[tuple[Placement, datetime.date]], reason: str = ""
) -> list[Attendance]:
    """«Jeg kommer ikke»: absence for one or more coming farm days (each a placement and a date). It
    shows at once on the farm's «I dag» as reported absence; the farm and the buyer are told. Reporting
    the same day twice changes nothing."""
    access.require(access.portal_covers(grant, access.REPORTS_ABSENCE))
    assert grant.user is not None  # portal_covers holds only for a taken-up way in
    if reason and reason not in AbsenceReason.values:
        raise NotAllowed(_("Choose one of the reasons, or none."))
    wanted = sorted(set(days), key=lambda pair: (pair[1], pair[0].pk))
    if not wanted:
        raise NotAllowed(_("Choose the days you will not come."))
    for placement, _day in wanted:
        access.require(placement.participant_id == grant.participant_id and placement.status == PlacementStatus.ACTIVE)
    today = timezone.localdate()
    closed = set(
        ClosedDay.objects.filter(
            farm_id__in={p.agreement.farm_id for p, _d in wanted}, date__in={d for _p, d in wanted}
        ).values_list("farm_id", "date")
    )
    note = str(AbsenceReason(reason).label) if reason else ""
    who = _("reported by the participant") if grant.is_self else _("reported by a relative")
    saved: dict[Placement, list[datetime.date]] = {}
    for placement, day in wanted:
        _check_absence_day(placement, day, today)
        if (placement.agreement.farm_id, day) in closed:
            continue  # nobody comes on a closed day anyway
        Attendance.objects.update_or_create(
            placement=placement,
            date=day,
            defaults={
                "status": AttendanceStatus.ABSENT_NOTICE,
                "note": f"{note} ({who})" if note else who,
                "recorded_by": grant.user,
                "recorded_at": timezone.now(),
            },
        )
        saved.setdefault(placement, []).append(day)
    for placement, saved_days in saved.items():
        _tell_about_absence(placement, saved_days)
    return list(Attendance.objects.filter(placement__in=list(saved), date__in={d for _p, d in wanted}))


def _tell_about_absence(placement: Placement, days: list[datetime.date]) -> None:
    dates = ", ".join(day.strftime("%d.%m.%Y") for day in days)
    farm = placement.agreement.farm
    title = _("Absence reported for %(dates)s") % {"dates": dates}
    body = _("Log in to Tunet to see who it is.")
    notify(
        access.people_with_perm(access.Perm.FOLLOW_PARTICIPANTS, organisation=farm.provider),
        title=title,
        body=body,
        url=reverse("daily:day_on", args=[days[0].isoformat()]),
    )
    notify(
        access.people_with_perm(access.Perm.FOLLOW_PARTICIPANTS, organisation=placement.agreement.buyer),
        title=title,
        body=body,
        url=reverse("care:placement", args=[placement.pk]),
    )


@transaction.atomic
def do_take_back_absence(grant: PortalAccess, placement: Placement, *, day: datetime.date) -> None:
    """«Jeg kommer likevel»: undo an absence this person reported for a coming day."""
    access.require(access.portal_covers(grant, access.REPORTS_ABSENCE))
    access.require(placement.participant_id == grant.participant_id)
    attendance = _check_absence_day(placement, day, timezone.localdate())
    if attendance is None:
        return
    if attendance.recorded_by_id != grant.user_id:
        raise NotAllowed(_("The farm wrote down this absence. Call the farm."))
    attendance.delete()


def _author_label(grant: PortalAccess) -> str:
    if grant.is_self:
        return str(grant.participant)
    relation = f" ({grant.relation})" if grant.relation else ""
    return _("%(name)s, relative%(relation)s") % {"name": grant.full_name, "relation": relation}


def _post(placement: Placement, author: User, label: str, text: str) -> Message:
    text = text.strip()
    if not text:
        raise NotAllowed(_("Write a message."))
    if len(text) > 2000:
        raise NotAllowed(_("The message is too long. Write at most 2000 characters."))
    # The same message sent twice within a minute (a double tap) is kept once.
    recent = Message.objects.filter(
        placement=placement, author=author, text=text, at__gte=timezone.now() - datetime.timedelta(minutes=1)
    ).first()
    return recent or Message.objects.create(placement=placement, author=author, author_label=label, text=text)


@transaction.atomic
def do_write_message(grant: PortalAccess, placement: Placement, *, text: str) -> Message:
    """The participant or a relative writes to the farm and the case worker; both are told."""
    access.require(access.portal_covers(grant, access.MAY_BE_CONTACTED))
    access.require(placement.participant_id == grant.participant_id)
    assert grant.user is not None  # portal_covers holds only for a taken-up way in
    message = _post(placement, grant.user, _author_label(grant), text)
    title = _("New message in Tunet")
    body = _("Log in to Tunet to read it.")
    url = reverse("portal:conversation", args=[placement.pk])
    for organisation in (placement.agreement.farm.provider, placement.agreement.buyer):
        notify(
            access.people_with_perm(access.Perm.FOLLOW_PARTICIPANTS, organisation=organisation),
            title=title,
            body=body,
            url=url,
        )
    return message


@transaction.atomic
def do_answer_message(membership: Membership, placement: Placement, *, text: str) -> Message:
    """The farm or the case worker writes in the placement's thread; the participant and the relatives
    who may be contacted are told."""
    access.require(access.can_join_conversation(membership, placement))
    message = _post(placement, membership.user, membership.organisation.name, text)
    readers = [
        grant.user
        for grant in PortalAccess.objects.filter(
            participant_id=placement.participant_id, withdrawn_at__isnull=True, user__isnull=False
        ).select_related("user")
        if grant.covers(access.MAY_BE_CONTACTED)
    ]
    notify(
        readers,
        title=_("New message in Tunet"),
        body=_("Log in to Tunet to read it."),
        url=reverse("portal:messages", args=[placement.participant_id]),
    )
    return message


@transaction.atomic
def do_answer_check_in(
    grant: PortalAccess,
    placement: Placement,
    *,
    enjoys: int,
    feels_safe: int,
    masters: int,
    recommends: int,
    comment: str = "",
) -> CheckIn:
    """«Hvordan går det?» for the period it is due. Answering twice keeps the first answer."""
    access.require(access.portal_covers(grant, access.SEES_DAYS))
    access.require(placement.participant_id == grant.participant_id and placement.status == PlacementStatus.ACTIVE)
    period = queries.period_of(placement, timezone.localdate(), queries.every_months(placement))
    if period is None:
        raise NotAllowed(_("There are no questions to answer now."))
    answers = {"enjoys": enjoys, "feels_safe": feels_safe, "masters": masters, "recommends": recommends}
    if any(value not in range(1, 6) for value in answers.values()):
        raise NotAllowed(_("Choose a face for each question."))
    assert grant.user is not None
    try:
        with transaction.atomic():
            check_in, _created = CheckIn.objects.get_or_create(
                placement=placement,
                period=period,
                defaults={
                    **answers,
                    "comment": comment.strip(),
                    "answered_by": grant.user,
                    "by_relative": not grant.is_self,
                },
            )
    except IntegrityError:  # answered at the same moment in another tab
        check_in = CheckIn.objects.get(placement=placement, period=period)
    return check_in


@transaction.atomic
def do_ask_for_correction(grant: PortalAccess, *, text: str) -> CorrectionRequest:
    """Ask the case worker to correct what Tunet stores; the buyer's people are told."""
    access.require(access.portal_covers(grant, access.SEES_RECORDS))
    text = text.strip()
    if not text:
        raise NotAllowed(_("Write what is wrong."))
    assert grant.user is not None
    participant = grant.participant
    recent = CorrectionRequest.objects.filter(
        participant=participant,
        asked_by=grant.user,
        text=text,
        asked_at__gte=timezone.now() - datetime.timedelta(minutes=1),
    ).first()
    if recent is not None:
        return recent
    request = CorrectionRequest.objects.create(participant=participant, text=text, asked_by=grant.user)
    notify(
        access.people_with_perm(access.Perm.FOLLOW_PARTICIPANTS, organisation=participant.buyer),
        title=_("A participant asks for a correction"),
        body=_("Log in to Tunet to read it."),
        url=reverse("portal:manage", args=[participant.pk]),
    )
    return request
