"""Buying places: a buyer sees its own requests and agreements; a farm sees the requests it was
invited to or that match it, and its own offers and agreements."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ..models import Membership
from .farms import can_manage_organisation
from .roles import Perm, has_perm

if TYPE_CHECKING:
    from tunet.catalogue.models import Farm
    from tunet.purchasing.models import Agreement, Request


def can_buy(membership: Membership | None) -> bool:
    """Case workers and NAV advisers write requests, choose offers and sign for their organisation."""
    return has_perm(membership, Perm.BUY_PLACES)


def can_manage_request(membership: Membership | None, request: Request) -> bool:
    return has_perm(membership, Perm.BUY_PLACES, request.buyer)


def can_answer_requests(membership: Membership | None, farm: Farm) -> bool:
    """The farmer (or the provider's administrator) answers requests on the farm's behalf."""
    return has_perm(membership, Perm.EDIT_FARM, farm.provider)


def can_view_request(
    membership: Membership | None, request: Request, farm: Farm | None = None, farm_may_see: bool = False
) -> bool:
    """The buyer's own people; a farm's people when the request was sent to it or matches it.

    farm: the membership's farm; farm_may_see: purchasing's farm_may_see(request, farm).
    """
    if can_manage_request(membership, request):
        return True
    return farm is not None and farm_may_see and has_perm(membership, Perm.VIEW_ORGANISATION, farm.provider)


def agreement_side(membership: Membership | None, agreement: Agreement) -> Literal["buyer", "farm"] | None:
    """ "buyer" or "farm": the side of the agreement this membership may sign for, or None."""
    if has_perm(membership, Perm.BUY_PLACES, agreement.buyer):
        return "buyer"
    if has_perm(membership, Perm.EDIT_FARM, agreement.farm.provider):
        return "farm"
    return None


def can_view_agreement(membership: Membership | None, agreement: Agreement) -> bool:
    """Everyone in the buyer organisation and the farm who works with the placements."""
    if membership is None:
        return False
    return has_perm(membership, Perm.VIEW_ORGANISATION, agreement.buyer) or has_perm(
        membership, Perm.VIEW_ORGANISATION, agreement.farm.provider
    )


def can_sign_agreement(membership: Membership | None, agreement: Agreement) -> bool:
    """Those who may sign for a side also keep the draft: change it, make a new version, cancel it."""
    return agreement_side(membership, agreement) is not None


def can_set_signing_rule(membership: Membership | None) -> bool:
    """A buyer's administrator decides whether its agreements need a second approver."""
    return (
        membership is not None
        and membership.organisation.is_buyer
        and can_manage_organisation(membership, membership.organisation)
    )
