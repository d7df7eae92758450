"""The case worker's side: who may come in (the participant's own login, relatives with consent),
invitations and their links, check-in plans and requests for correction."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from tunet.accounts import access, invitations
from tunet.accounts.models import Membership, User
from tunet.care.models import Participant, Placement
from tunet.core.rules import NotAllowed

from ..models import (
    CONSENTS,
    AccessKind,
    CheckInPlan,
    ConsentFrom,
    CorrectionRequest,
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
