"""Every change a person can make to people, organisations and memberships.

Each action takes the acting membership, checks permission through access.py, and runs in
one transaction.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from tunet.core.models import PostalCode
from tunet.core.rules import NotAllowed

from . import access, invitations
from .models import MemberInvitation, Membership, Organisation, OrganisationKind, User


def do_switch_membership(request: HttpRequest, membership_id: int | None) -> Membership | None:
    """Act through another of one's own memberships. Returns it, or None if it is not theirs."""
    chosen = next((m for m in access.memberships(request) if m.id == membership_id), None)
    if chosen is not None:
        request.session[access.SESSION_KEY] = chosen.id
    return chosen


@transaction.atomic
def do_update_organisation(
    membership: Membership,
    organisation: Organisation,
    *,
    name: str,
    org_number: str,
    street_address: str,
    postal_code: PostalCode | None,
    email: str,
    phone: str,
) -> Organisation:
    """The organisation's own details; the postcode also gives its municipality (a regional
    coordinator's area is not where its office is)."""
    access.require(access.can_manage_organisation(membership, organisation))
    organisation.name, organisation.org_number, organisation.street_address = name, org_number, street_address
    organisation.email, organisation.phone = email, phone
    organisation.postal_code = postal_code
    if postal_code is not None and organisation.kind != OrganisationKind.REGIONAL_COORDINATOR:
        organisation.municipality = postal_code.municipality
    organisation.save()
    return organisation


@transaction.atomic
def do_update_profile(user: User, *, full_name: str, phone: str) -> User:
    user.full_name, user.phone = full_name, phone
    user.save()
    return user


@transaction.atomic
def do_invite_member(
    membership: Membership,
    organisation: Organisation,
    *,
    email: str,
    full_name: str,
    role: str,
    title: str = "",
) -> MemberInvitation:
    """Invite a person to work in the organisation with a role. They become a member only when they
    accept, so the answer is the same whether or not they already have an account, and nothing about
    an existing account (its name, its other organisations) is shown. Asking twice sends one e-mail."""
    access.require(access.can_manage_members(membership, organisation))
    if role not in {r.value for r in access.roles_for(organisation)}:
        raise ValueError(f"Role {role!r} does not fit a {organisation.kind}.")
    email = email.strip().lower()
    if Membership.objects.filter(organisation=organisation, role=role, user__email__iexact=email).exists():
        raise NotAllowed(_("The person already has this role in the organisation."))
    waiting = open_member_invitations(organisation).filter(email=email, role=role).first()
    if waiting is not None:
        return waiting
    invitation, token = invitations.issue(email, membership.user)
    invited = MemberInvitation.objects.create(
        organisation=organisation,
        role=role,
        title=title,
        full_name=" ".join(full_name.split()),
        email=email,
        invitation=invitation,
        invited_by=membership.user,
    )
    link = settings.SITE_URL.rstrip("/") + reverse("accounts:join", args=[token])
    body = render_to_string(
        "accounts/email/invitation.txt",
        {
            "organisation": organisation,
            "role": invited.get_role_display(),
            "link": link,
            "days": settings.INVITATION_DAYS,
        },
    )
    transaction.on_commit(lambda: send_invitation_email.enqueue(email, _("You are invited to Tunet"), body))
    return invited


@task()
def send_invitation_email(email: str, subject: str, body: str) -> None:
    send_mail(subject, body, None, [email])


def open_member_invitations(organisation: Organisation) -> QuerySet[MemberInvitation]:
    """The organisation's invitations that can still be accepted."""
    return MemberInvitation.objects.filter(
        organisation=organisation,
        membership__isnull=True,
        withdrawn_at__isnull=True,
        invitation__used_at__isnull=True,
        invitation__expires_at__gt=timezone.now(),
    )


@transaction.atomic
def do_withdraw_member_invitation(membership: Membership, invited: MemberInvitation) -> MemberInvitation:
    access.require(access.can_manage_members(membership, invited.organisation))
    if invited.withdrawn_at is None and invited.membership_id is None:
        invited.withdrawn_at = timezone.now()
        invited.save(update_fields=["withdrawn_at"])
        invitations.withdraw(invited.invitation)
    return invited


def member_invitation_of(token: str) -> MemberInvitation | None:
    """The invitation a link leads to, while it can be accepted; None otherwise."""
    invitation = invitations.find(token)
    if invitation is None or not invitation.is_open():
        return None
    return (
        MemberInvitation.objects.filter(invitation=invitation, withdrawn_at__isnull=True)
        .select_related("organisation", "invitation")
        .first()
    )


@transaction.atomic
def do_join(user: User, token: str) -> Membership:
    """Accept an invitation: the person (logged in with the address it was sent to) gets the role."""
    invited = member_invitation_of(token)
    if invited is None:
        raise NotAllowed(_("The link does not work any more. Ask the person who invited you for a new one."))
    if user.email.lower() != invited.email:
        raise NotAllowed(_("The link was sent to another e-mail address. Log out and open the link again."))
    if not invitations.redeem(invited.invitation, user):
        raise NotAllowed(_("The link does not work any more. Ask the person who invited you for a new one."))
    joined, _created = Membership.objects.get_or_create(
        user=user, organisation=invited.organisation, role=invited.role, defaults={"title": invited.title}
    )
    invited.membership = joined
    invited.save(update_fields=["membership"])
    return joined


@transaction.atomic
def do_join_with_new_account(token: str, *, password: str) -> Membership:
    """Accept an invitation sent to an address with no account: the account is made with the password
    the person chose (checked by the form with Django's validators)."""
    invited = member_invitation_of(token)
    if invited is None:
        raise NotAllowed(_("The link does not work any more. Ask the person who invited you for a new one."))
    if User.objects.filter(email__iexact=invited.email).exists():
        raise NotAllowed(_("You already have a login. Log in, then open the link again."))
    user = User.objects.create_user(invited.email, password, full_name=invited.full_name)
    return do_join(user, token)


@transaction.atomic
def do_remove_member(membership: Membership, target: Membership) -> None:
    access.require(access.can_remove_membership(membership, target))
    target.delete()
