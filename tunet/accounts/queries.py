"""Reads of people, organisations and memberships.

The *_for(membership, ...) functions fetch and check in one call: an organisation or membership that is
not there is a 404, one the viewer may not see or change is a 403.
"""

from collections.abc import Callable

from django.shortcuts import get_object_or_404

from . import access
from .models import MemberInvitation, Membership, Organisation


def organisation_for(
    membership: Membership | None,
    pk: int,
    check: Callable[[Membership | None, Organisation], bool] = access.can_view_organisation,
) -> Organisation:
    """An organisation with its address, if check(membership, organisation) holds: viewing it by default,
    or access.can_manage_organisation / can_manage_members (403 otherwise)."""
    organisation = get_object_or_404(Organisation.objects.select_related("municipality__county", "postal_code"), pk=pk)
    access.require(check(membership, organisation))
    return organisation


def membership_to_remove(membership: Membership | None, organisation_pk: int, pk: int) -> Membership:
    """A membership of the organisation that this membership may remove (403 otherwise), with its person."""
    target = get_object_or_404(
        Membership.objects.select_related("user", "organisation"), pk=pk, organisation_id=organisation_pk
    )
    access.require(access.can_remove_membership(membership, target))
    return target


def members_of(organisation: Organisation) -> list[Membership]:
    """The organisation's memberships with their people, for its member list."""
    return list(
        Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__full_name", "role")
    )


def member_invitation_for(membership: Membership | None, organisation_pk: int, pk: int) -> MemberInvitation:
    """An invitation of an organisation whose members this membership manages (403 otherwise)."""
    invited = get_object_or_404(
        MemberInvitation.objects.select_related("organisation", "invitation"), pk=pk, organisation_id=organisation_pk
    )
    access.require(access.can_manage_members(membership, invited.organisation))
    return invited
