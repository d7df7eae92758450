"""Small hand-countable data sets for the figures: farms with offers, agreements made from requests,
and placements, written straight to the database (the actions that make them are tested elsewhere)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from tunet.accounts.models import OrganisationKind, Role
from tunet.accounts.tests.factories import OrganisationFactory, member
from tunet.care.models import EndReason, Placement, PlacementStatus
from tunet.care.tests.factories import participant
from tunet.catalogue.models import ServiceArea, TargetGroup
from tunet.catalogue.tests.factories import add_offer, listed_farm
from tunet.purchasing.models import (
    Agreement,
    AgreementStatus,
    PriceModel,
    Proposal,
    ProposalStatus,
    Request,
    Reservation,
)

TUESDAY = 1
SKIEN, HAUGESUND, OSLO = "4003", "1106", "0301"  # Telemark, Rogaland, Oslo
POSITION = {SKIEN: (59.2, 9.6), HAUGESUND: (59.41, 5.27), OSLO: (59.91, 10.75)}


def today():
    return timezone.localdate()


def buyer(municipality=SKIEN, role=Role.CASE_WORKER):
    kind = OrganisationKind.NAV_OFFICE if role == Role.NAV_ADVISER else OrganisationKind.MUNICIPALITY
    return member(role, OrganisationFactory(kind=kind, municipality_id=municipality))


def coordinator(county="40"):
    return member(Role.COORDINATOR, OrganisationFactory(kind=OrganisationKind.REGIONAL_COORDINATOR, county_id=county))


def farm(municipality=SKIEN, *, area=ServiceArea.HEALTH, target_group="demens", places=4, weekdays=(1, 3)):
    lat, lon = POSITION[municipality]
    found = listed_farm(municipality_id=municipality, latitude=lat, longitude=lon)
    offer = add_offer(found, target_group=target_group, area=area, weekdays=weekdays, places=places)
    return found, offer


def agreement(buying, offer, *, target_group="demens", places=2, weekdays=(TUESDAY,)):
    """An agreement in force from a request (answered with an accepted offer) made 10 days before."""
    group = TargetGroup.objects.get(code=target_group)
    request = Request.objects.create(
        buyer=buying.organisation,
        created_by=buying.user,
        title="Plasser",
        service_area=offer.service_area,
        target_group=group,
        places=places,
        weekdays=list(weekdays),
        start=today(),
        answer_by=today(),
    )
    Request.objects.filter(pk=request.pk).update(created_at=timezone.now() - datetime.timedelta(days=10))
    proposal = Proposal.objects.create(
        request=request,
        farm=offer.farm,
        service_offer=offer,
        status=ProposalStatus.ACCEPTED,
        price_model=PriceModel.PER_ATTENDED_DAY,
        price=Decimal(1000),
        places=places,
        weekdays=list(weekdays),
        created_by=buying.user,
    )
    made = Agreement.objects.create(
        buyer=buying.organisation,
        farm=offer.farm,
        service_offer=offer,
        proposal=proposal,
        status=AgreementStatus.ACTIVE,
    )
    for day in weekdays:
        Reservation.objects.create(
            agreement=made,
            service_offer=offer,
            weekday=day,
            places=places,
            start=today() - datetime.timedelta(days=365),
            end=today() + datetime.timedelta(days=365),
        )
    return made


def stays(buying, on, n, *, start=None, ended_on=None, end_reason=EndReason.WORK):
    """n placements on the agreement `on`, running since start (60 days ago), ended when ended_on is given."""
    start = start or today() - datetime.timedelta(days=60)
    return [
        Placement.objects.create(
            participant=participant(buying),
            agreement=on,
            weekdays=[TUESDAY],
            start=start,
            status=PlacementStatus.ENDED if ended_on else PlacementStatus.ACTIVE,
            ended_on=ended_on,
            end_reason=end_reason if ended_on else "",
            referred_by=buying.user,
        )
        for _ in range(n)
    ]
