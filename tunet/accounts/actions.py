"""Every change a person can make to people, organisations and memberships.

Each action takes the acting membership, checks permission through access.py, and runs in
one transaction.
"""

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from tunet.core.models import PostalCode

from . import access
from .models import Membership, Organisation, OrganisationKind, User


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
def do_add_member(
    membership: Membership,
    organisation: Organisation,
    *,
    email: str,
    full_name: str,
    role: str,
    title: str = "",
    site_url: str = "",
) -> tuple[Membership, bool]:
    """Give a person a role in the organisation, creating their account if they have none.

    Adding the same person with the same role twice changes nothing (a double submit is harmless).
    Returns (membership, created_user).
    """
    access.require(access.can_manage_members(membership, organisation))
    if role not in {r.value for r in access.roles_for(organisation)}:
        raise ValueError(f"Role {role!r} does not fit a {organisation.kind}.")
    existing = User.objects.filter(email__iexact=email).first()
    created_user = existing is None
    user = existing or User.objects.create_user(email=email, password=None, full_name=full_name)
    new_membership, _created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role, defaults={"title": title}
    )
    if created_user:
        transaction.on_commit(lambda: do_send_invitation(user, organisation, site_url))
    return new_membership, created_user


def do_send_invitation(user: User, organisation: Organisation, site_url: str) -> None:
    """E-mail a new person a link to choose their password (the password-reset link)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = site_url.rstrip("/") + reverse("accounts:password_reset_confirm", args=[uid, token])
    body = render_to_string("accounts/email/invitation.txt", {"user": user, "organisation": organisation, "link": link})
    send_mail(_("You have been given access to Tunet"), body, None, [user.email])


@transaction.atomic
def do_remove_member(membership: Membership, target: Membership) -> None:
    access.require(access.can_remove_membership(membership, target))
    target.delete()
