"""Every change made on or about the participant's own pages: one transaction and one permission check
each, through accounts.access.

Two kinds of actor: a participant or relative acts through their way in (a PortalAccess, "grant");
the buyer's and the farm's people act through their membership, as everywhere else.

Notifications and e-mails name nobody and carry no health details: they say that something is
waiting, with a link to the page that logs the read.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from tunet.accounts import access, invitations
from tunet.accounts.models import Membership, User
from tunet.care.models import Participant, Placement, PlacementStatus
from tunet.core.notifications import notify
from tunet.core.rules import NotAllowed
from tunet.daily.actions import month_is_sent
from tunet.daily.models import Attendance, AttendanceStatus, ClosedDay

from . import queries
from .models import (
    CONSENTS,
    AbsenceReason,
    AccessKind,
    CheckIn,
    CheckInPlan,
    ConsentFrom,
    CorrectionRequest,
    Message,
    PortalAccess,
)

# --- The case worker: who may come in ---------------------------------------------------------------


def _invite(grant: PortalAccess, invited_by: User) -> PortalAccess:
    """A new single-use link for the grant's person (any earlier unused one stops working)."""
    if grant.invitation is not None:
        invitations.withdraw(grant.invitation)
    invitation, token = invitations.issue(grant.email, invited_by)
    grant.invitation = invitation
    grant.save(update_fields=["invitation"])
    link = settings.SITE_URL.rstrip("/") + reverse("portal:invitation", args=[token])
    transaction.on_commit(lambda: send_invitation.enqueue(grant.email, link, settings.INVITATION_DAYS))
    return grant


@task()
def send_invitation(email: str, link: str, days: int) -> None:
    """The invitation e-mail: no name of the participant, no word of why, only the way in."""
    body = _(
        "You have been given a login to Tunet.\n\n"
        "Open the link to make a password. The link works once, for %(days)s days:\n\n%(link)s\n\n"
        "If you did not expect this e-mail, you can delete it."
    ) % {"days": days, "link": link}
    send_mail(_("Your login to Tunet"), body, None, [email])


def _open_grant(participant: Participant, email: str) -> PortalAccess | None:
    return PortalAccess.objects.filter(participant=participant, email__iexact=email, withdrawn_at__isnull=True).first()


@transaction.atomic
def do_give_own_login(membership: Membership, participant: Participant, *, email: str) -> PortalAccess:
    """The participant gets a login of their own: an invitation to email. Asking twice sends nothing new."""
    access.require(access.can_manage_portal_access(membership, participant))
    email = email.strip().lower()
    existing = PortalAccess.objects.filter(
        participant=participant, kind=AccessKind.SELF, withdrawn_at__isnull=True
    ).first()
    if existing is not None:
        if existing.email != email:
            raise NotAllowed(_("The participant already has a login. Withdraw it first to use another e-mail address."))
        return existing
    if _open_grant(participant, email) is not None:
        raise NotAllowed(_("A relative already uses this e-mail address for the participant."))
    grant = PortalAccess.objects.create(
        participant=participant,
        kind=AccessKind.SELF,
        full_name=str(participant),
        email=email,
        phone=participant.phone,
        **dict.fromkeys(CONSENTS, True),
        recorded_by=membership.user,
    )
    return _invite(grant, membership.user)


@transaction.atomic
def do_record_relative(
    membership: Membership,
    participant: Participant,
    *,
    full_name: str,
    email: str,
    consent_from: str,
    consent_on: datetime.date,
    phone: str = "",
    relation: str = "",
    sees_days: bool = False,
    reports_absence: bool = False,
    sees_goals: bool = False,
    may_be_contacted: bool = False,
    sees_records: bool = False,
    shows_protected_address: bool = False,
) -> PortalAccess:
    """Record a relative and what the participant (or their guardian) consented to, and invite them."""
    access.require(access.can_manage_portal_access(membership, participant))
    consents = {
        "sees_days": sees_days,
        "reports_absence": reports_absence,
        "sees_goals": sees_goals,
        "may_be_contacted": may_be_contacted,
        "sees_records": sees_records,
    }
    if not any(consents.values()):
        raise NotAllowed(_("Choose at least one thing the consent covers."))
    if consent_from not in ConsentFrom.values:
        raise NotAllowed(_("Choose who gave the consent."))
    if consent_on > timezone.localdate():
        raise NotAllowed(_("The consent cannot be given after today."))
    email = email.strip().lower()
    if _open_grant(participant, email) is not None:
        raise NotAllowed(_("Someone with this e-mail address already has access for the participant."))
    try:
        with transaction.atomic():
            grant = PortalAccess.objects.create(
                participant=participant,
                kind=AccessKind.RELATIVE,
                full_name=" ".join(full_name.split()),
                email=email,
                phone=phone.strip(),
                relation=relation.strip(),
                consent_from=consent_from,
                consent_on=consent_on,
                shows_protected_address=shows_protected_address and participant.protected,
                recorded_by=membership.user,
                **consents,
            )
    except IntegrityError:  # the same form sent twice at once
        raise NotAllowed(_("Someone with this e-mail address already has access for the participant.")) from None
    return _invite(grant, membership.user)


@transaction.atomic
def do_send_new_invitation(membership: Membership, grant: PortalAccess) -> PortalAccess:
    """A new link when the first one expired or was lost; the old one stops working."""
    access.require(access.can_manage_portal_access(membership, grant.participant))
    if not grant.is_open:
        raise NotAllowed(_("The access is withdrawn."))
    if grant.user_id is not None:
        raise NotAllowed(_("The person has already made a login."))
    return _invite(grant, membership.user)


@transaction.atomic
def do_withdraw_access(membership: Membership, grant: PortalAccess) -> PortalAccess:
    """The consent is withdrawn (or the participant's login ended): the access ends at once."""
    access.require(access.can_manage_portal_access(membership, grant.participant))
    if grant.withdrawn_at is None:
        grant.withdrawn_at = timezone.now()
        grant.withdrawn_by = membership.user
        grant.save(update_fields=["withdrawn_at", "withdrawn_by"])
        if grant.invitation is not None:
            invitations.withdraw(grant.invitation)
    return grant


@transaction.atomic
def do_set_check_in_plan(membership: Membership, placement: Placement, *, every_months: int) -> CheckInPlan:
    access.require(access.can_manage_portal_access(membership, placement.participant))
    if not 0 <= every_months <= 12:
        raise NotAllowed(_("Choose between 0 and 12 months."))
    plan, _created = CheckInPlan.objects.update_or_create(placement=placement, defaults={"every_months": every_months})
    return plan


@transaction.atomic
def do_mark_correction_handled(membership: Membership, request: CorrectionRequest) -> CorrectionRequest:
    access.require(access.can_manage_portal_access(membership, request.participant))
    if request.handled_at is None:
        request.handled_at = timezone.now()
        request.handled_by = membership.user
        request.save(update_fields=["handled_at", "handled_by"])
    return request


# --- The invitation taken up -------------------------------------------------------------------------------


def grant_of_invitation(token: str) -> PortalAccess | None:
    """The open way in an invitation link leads to, or None (unknown, used, expired or withdrawn)."""
    invitation = invitations.find(token)
    if invitation is None or not invitation.is_open():
        return None
    return (
        PortalAccess.objects.filter(invitation=invitation, withdrawn_at__isnull=True)
        .select_related("participant", "invitation")
        .first()
    )


@transaction.atomic
def do_accept_invitation(user: User, token: str) -> PortalAccess:
    """Attach the way in to user's account. The link works once: a second click finds it used."""
    grant = grant_of_invitation(token)
    if grant is None or grant.invitation is None:
        raise NotAllowed(_("The link does not work any more. Ask your case worker for a new one."))
    if user.email.lower() != grant.email.lower():
        raise NotAllowed(_("The link was sent to another e-mail address. Log out and open the link again."))
    if not invitations.redeem(grant.invitation, user):
        raise NotAllowed(_("The link does not work any more. Ask your case worker for a new one."))
    grant.user = user
    grant.save(update_fields=["user"])
    return grant


@transaction.atomic
def do_create_login(token: str, *, password: str) -> PortalAccess:
    """A new account for the invited e-mail address, with the password the person chose, and the way in
    attached to it. The password is checked by the form with Django's validators."""
    grant = grant_of_invitation(token)
    if grant is None:
        raise NotAllowed(_("The link does not work any more. Ask your case worker for a new one."))
    if User.objects.filter(email__iexact=grant.email).exists():
        raise NotAllowed(_("You already have a login. Log in, then open the link again."))
    user = User.objects.create_user(grant.email, password, full_name=grant.full_name, phone=grant.phone)
    return do_accept_invitation(user, token)


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
