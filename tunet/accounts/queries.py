"""Reads of people, organisations and memberships.

The *_for(membership, ...) functions fetch and check in one call: an organisation or membership that is
not there is a 404, one the viewer may not see or change is a 403.
"""

from collections.abc import Callable

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from . import access
from .models import Membership, Organisation, User


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


def next_steps(user: User, membership: Membership | None, members_count: int) -> list[dict[str, str]]:
    """What the person should do next, from the state of their account and organisation.

    Each step is a dict with title, text and url. Later parts of Tunet add their own steps here.
    """
    steps: list[dict[str, str]] = []
    if membership is None:
        return steps
    organisation = membership.organisation
    if access.can_create_farm(membership):
        steps.append(
            {
                "title": _("Keep your farm profile up to date"),
                "text": _("Offers, weekdays and places, photos and contact details: what buyers see in the catalogue."),
                "url": reverse("catalogue:my_farm"),
            }
        )
    if access.can_create_farm(membership):
        steps.append(
            {
                "title": _("Follow the farm's approval"),
                "text": _(
                    "The yearly self-audit, the documents, deviations and their deadlines, and the approval itself."
                ),
                "url": reverse("approval:farm"),
            }
        )
    if access.has_perm(membership, access.Perm.AUDIT_FARMS):
        steps.append(
            {
                "title": _("My revisions"),
                "text": _("The farms assigned to you: record the visit, check the self-audit, verify deviations."),
                "url": reverse("approval:worklist"),
            }
        )
    if access.can_run_approvals(membership):
        steps.append(
            {
                "title": _("Approvals"),
                "text": _("Every farm by status, overdue deviations, approvals about to expire; assign auditors."),
                "url": reverse("approval:overview"),
            }
        )
    if access.can_buy(membership):
        steps.append(
            {
                "title": _("Ask for places"),
                "text": _(
                    "Describe the need; approved farms that fit are ranked for you with free places and distance."
                ),
                "url": reverse("purchasing:request_new"),
            }
        )
    if access.can_create_farm(membership):
        steps.append(
            {
                "title": _("Answer requests for places"),
                "text": _("Requests from municipalities and NAV that fit your farm, your offers and agreements."),
                "url": reverse("purchasing:overview"),
            }
        )
    if access.has_perm(membership, access.Perm.BUY_PLACES):
        steps.append(
            {
                "title": _("Find a farm"),
                "text": _("Search the approved farms by target group, weekday, distance and transport."),
                "url": reverse("catalogue:catalogue"),
            }
        )
    if access.can_manage_organisation(membership, organisation) and (
        not organisation.org_number or not organisation.postal_code_id
    ):
        steps.append(
            {
                "title": _("Complete your organisation's details"),
                "text": _("Add the organisation number and the address, so that others can find and trust you."),
                "url": reverse("accounts:organisation_edit", args=[organisation.pk]),
            }
        )
    if access.can_manage_members(membership, organisation) and members_count < 2:
        steps.append(
            {
                "title": _("Add your colleagues"),
                "text": _("Everyone who works in Tunet for the organisation should have their own login and role."),
                "url": reverse("accounts:member_add", args=[organisation.pk]),
            }
        )
    if not user.phone:
        steps.append(
            {
                "title": _("Add your phone number"),
                "text": _("Colleagues and partners can then reach you when something is urgent."),
                "url": reverse("accounts:profile"),
            }
        )
    steps.append(
        {
            "title": _("See your organisation"),
            "text": _("Details and the people who work in Tunet on its behalf."),
            "url": reverse("accounts:organisation", args=[organisation.pk]),
        }
    )
    return steps
