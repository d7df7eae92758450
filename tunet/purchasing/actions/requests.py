"""Requests for places and the farms' answers: publishing, inviting, offering, declining."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.accounts.models import Membership
from tunet.catalogue.models import Farm, ServiceOffer, TargetGroup
from tunet.core.models import Municipality
from tunet.core.notifications import notify
from tunet.core.rules import NotAllowed

from .. import matching
from ..models import Invitation, Proposal, ProposalStatus, Request, RequestStatus
from ..queries import buyers

# --- Requests ----------------------------------------------------------------------------------------


@transaction.atomic
def do_create_request(
    membership: Membership,
    *,
    title: str,
    service_area: str,
    target_group: TargetGroup,
    places: int,
    weekdays: list[int],
    start: datetime.date,
    months: int,
    answer_by: datetime.date,
    municipalities: Iterable[Municipality] = (),
    near: Municipality | None = None,
    radius_km: int | None = None,
    transport_needed: bool = False,
    description: str = "",
) -> Request:
    """Publish a buyer's request; the farms that match it in the area are told."""
    if not access.can_buy(membership):
        raise PermissionDenied
    request = Request.objects.create(
        buyer=membership.organisation,
        created_by=membership.user,
        title=title,
        service_area=service_area,
        target_group=target_group,
        places=places,
        weekdays=weekdays,
        start=start,
        months=months,
        answer_by=answer_by,
        near=near,
        radius_km=radius_km,
        transport_needed=transport_needed,
        description=description,
    )
    request.municipalities.set(municipalities)
    url = reverse("purchasing:request", args=[request.pk])
    for ranked in matching.rank(request):
        if ranked.fits:
            notify(
                access.farm_keepers(ranked.farm),
                title=_("A new request matches your farm: %(title)s") % {"title": request.title},
                body=_("%(buyer)s asks for %(places)s places on %(days)s from %(start)s. Answer by %(by)s.")
                % {
                    "buyer": request.buyer.name,
                    "places": request.places,
                    "days": request.weekday_labels.lower(),
                    "start": date_format(request.start),
                    "by": date_format(request.answer_by),
                },
                url=url,
                key=f"request-{request.pk}-matches",
            )
    return request


@transaction.atomic
def do_invite_farm(membership: Membership, request: Request, farm: Farm) -> Invitation:
    """The buyer asks a farm to answer; inviting twice is harmless."""
    if not access.can_manage_request(membership, request):
        raise PermissionDenied
    if request.status != RequestStatus.OPEN:
        raise NotAllowed(_("The request is closed."))
    if not Farm.objects.listed().filter(pk=farm.pk).exists():
        # Places are bought only from approved farms; an invitation would let any other farm answer.
        raise NotAllowed(_("%(farm)s is not approved and cannot be invited.") % {"farm": farm.name})
    invitation, created = Invitation.objects.get_or_create(
        request=request, farm=farm, defaults={"invited_by": membership.user}
    )
    if created:
        notify(
            access.farm_keepers(farm),
            title=_("%(buyer)s invites you to answer a request") % {"buyer": request.buyer.name},
            body=_("%(title)s. Answer by %(by)s.") % {"title": request.title, "by": date_format(request.answer_by)},
            url=reverse("purchasing:request", args=[request.pk]),
            key=f"request-{request.pk}-invited",
        )
    return invitation


@transaction.atomic
def do_cancel_request(membership: Membership, request: Request) -> Request:
    if not access.can_manage_request(membership, request):
        raise PermissionDenied
    if request.status == RequestStatus.OPEN:
        request.status = RequestStatus.CANCELLED
        request.save(update_fields=["status"])
    return request


# --- Proposals ---------------------------------------------------------------------------------------


def _answering(membership: Membership, request: Request, farm: Farm | None) -> Farm:
    if farm is None or not access.can_answer_requests(membership, farm):
        raise PermissionDenied
    if not matching.farm_may_see(request, farm):
        raise PermissionDenied
    if request.status != RequestStatus.OPEN:
        raise NotAllowed(_("The request is closed and takes no more answers."))
    return farm


@transaction.atomic
def do_submit_proposal(
    membership: Membership,
    request: Request,
    farm: Farm | None,
    *,
    service_offer: ServiceOffer,
    price_model: str,
    price: Decimal,
    places: int,
    weekdays: list[int],
    transport: bool = False,
    note: str = "",
) -> Proposal:
    """The farm offers places. One answer per farm per request: a second send changes nothing."""
    farm = _answering(membership, request, farm)
    proposal = Proposal(
        request=request,
        farm=farm,
        created_by=membership.user,
        status=ProposalStatus.SUBMITTED,
        service_offer=service_offer,
        price_model=price_model,
        price=price,
        places=places,
        weekdays=weekdays,
        transport=transport,
        note=note,
    )
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError:
        return Proposal.objects.get(request=request, farm=farm)
    notify(
        buyers(request.buyer),
        title=_("%(farm)s has sent an offer") % {"farm": farm.name},
        body=_("For the request «%(title)s».") % {"title": request.title},
        url=reverse("purchasing:request", args=[request.pk]),
    )
    return proposal


@transaction.atomic
def do_decline_request(membership: Membership, request: Request, farm: Farm | None, reason: str) -> Proposal:
    """The farm says no to a request, with why. One answer per farm per request."""
    farm = _answering(membership, request, farm)
    if not reason.strip():
        raise NotAllowed(_("Tell the buyer why you say no."))
    proposal, created = Proposal.objects.get_or_create(
        request=request,
        farm=farm,
        defaults={"status": ProposalStatus.DECLINED, "decline_reason": reason.strip(), "created_by": membership.user},
    )
    if created:
        notify(
            buyers(request.buyer),
            title=_("%(farm)s says no to your request") % {"farm": farm.name},
            body=_("For the request «%(title)s»: %(reason)s")
            % {"title": request.title, "reason": proposal.decline_reason},
            url=reverse("purchasing:request", args=[request.pk]),
        )
    return proposal
