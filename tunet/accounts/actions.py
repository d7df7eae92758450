"""Every change a person can make to people, organisations and memberships.

Each action takes the acting membership, checks permission through access.py, and runs in
one transaction.
"""

from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from . import access
from .models import Membership, OrganisationKind, User


def do_switch_membership(request, membership_id):
    """Act through another of one's own memberships. Returns it, or None if it is not theirs."""
    chosen = next((m for m in access.memberships(request) if m.id == membership_id), None)
    if chosen is not None:
        request.session[access.SESSION_KEY] = chosen.id
    return chosen


@transaction.atomic
def do_update_organisation(membership, organisation, form):
    access.require(access.can_manage_organisation(membership, organisation))
    organisation = form.save(commit=False)
    postal_code = form.cleaned_data["postal_code"]
    organisation.postal_code = postal_code
    if postal_code is not None and organisation.kind != OrganisationKind.REGIONAL_COORDINATOR:
        organisation.municipality = postal_code.municipality
    organisation.save()
    return organisation


@transaction.atomic
def do_update_profile(user, form):
    return form.save()


@transaction.atomic
def do_add_member(membership, organisation, *, email, full_name, role, title="", site_url=""):
    """Give a person a role in the organisation, creating their account if they have none.

    Adding the same person with the same role twice changes nothing (a double submit is harmless).
    Returns (membership, created_user).
    """
    access.require(access.can_manage_members(membership, organisation))
    if role not in {r.value for r in access.roles_for(organisation)}:
        raise ValueError(f"Role {role!r} does not fit a {organisation.kind}.")
    user = User.objects.filter(email__iexact=email).first()
    created_user = user is None
    if created_user:
        user = User.objects.create_user(email=email, password=None, full_name=full_name)
    new_membership, _created = Membership.objects.get_or_create(
        user=user, organisation=organisation, role=role, defaults={"title": title}
    )
    if created_user:
        transaction.on_commit(lambda: send_invitation(user, organisation, site_url))
    return new_membership, created_user


def send_invitation(user, organisation, site_url):
    """E-mail a new person a link to choose their password (the password-reset link)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = site_url.rstrip("/") + reverse("accounts:password_reset_confirm", args=[uid, token])
    body = render_to_string("accounts/email/invitation.txt", {"user": user, "organisation": organisation, "link": link})
    send_mail(_("You have been given access to Tunet"), body, None, [user.email])


@transaction.atomic
def do_remove_member(membership, target):
    access.require(access.can_remove_membership(membership, target))
    target.delete()
