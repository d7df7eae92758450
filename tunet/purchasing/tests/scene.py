"""A small market for tests: a municipality buying, farms around Skien offering dementia care."""

import datetime
from decimal import Decimal

from django.utils import timezone

from tunet.accounts.models import OrganisationKind, Role
from tunet.accounts.tests.factories import OrganisationFactory, member
from tunet.catalogue.models import ServiceArea, TargetGroup
from tunet.catalogue.tests.factories import add_offer, listed_farm
from tunet.purchasing.models import PriceModel, Proposal, ProposalStatus, Request

TUESDAY, THURSDAY = 1, 3


def buyer(municipality="4003"):
    """A case worker in a municipality (Skien by default)."""
    organisation = OrganisationFactory(kind=OrganisationKind.MUNICIPALITY, municipality_id=municipality)
    return member(Role.CASE_WORKER, organisation)


def farm_with_offer(
    *, places=4, weekdays=(TUESDAY, THURSDAY), transport=False, municipality="4003", lat=59.2, lon=9.6, name=None
):
    fields = {"transport_offered": transport, "municipality_id": municipality, "latitude": lat, "longitude": lon}
    if name:
        fields["name"] = name
    farm = listed_farm(**fields)
    offer = add_offer(farm, weekdays=weekdays, places=places)
    farmer = member(Role.FARMER, farm.provider)
    return farm, offer, farmer


def request_for(
    membership,
    *,
    places=2,
    weekdays=(TUESDAY, THURSDAY),
    transport=False,
    municipalities=("4003",),
    near=None,
    radius_km=None,
    months=12,
):
    today = timezone.localdate()
    request = Request.objects.create(
        buyer=membership.organisation,
        created_by=membership.user,
        title="Dagtilbud demens",
        service_area=ServiceArea.HEALTH,
        target_group=TargetGroup.objects.get(code="demens"),
        places=places,
        weekdays=list(weekdays),
        start=today + datetime.timedelta(days=30),
        months=months,
        transport_needed=transport,
        near_id=near,
        radius_km=radius_km,
        answer_by=today + datetime.timedelta(days=10),
    )
    if municipalities and not near:
        request.municipalities.set(municipalities)
    return request


def proposal(request, farm, offer, farmer, *, places=None, price="650"):
    return Proposal.objects.create(
        request=request,
        farm=farm,
        service_offer=offer,
        status=ProposalStatus.SUBMITTED,
        price_model=PriceModel.PER_ATTENDED_DAY,
        price=Decimal(price),
        places=places or request.places,
        weekdays=request.weekdays,
        transport=farm.transport_offered,
        created_by=farmer.user,
    )
