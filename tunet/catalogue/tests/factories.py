import datetime

import factory
from django.utils import timezone

from tunet.accounts.models import OrganisationKind
from tunet.accounts.tests.factories import OrganisationFactory
from tunet.approval.models import Approval, ApprovalStatus
from tunet.catalogue.models import Animal, Farm, OfferDay, ServiceArea, ServiceOffer, TargetGroup


class FarmFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Farm

    provider = factory.SubFactory(OrganisationFactory, kind=OrganisationKind.PROVIDER)
    name = factory.Sequence(lambda n: f"Gård {n}")
    municipality_id = "4003"  # Skien
    latitude = 59.2
    longitude = 9.6
    description = "En gård med dyr og skog."


def approve(farm, months=12):
    return Approval.objects.update_or_create(
        farm=farm,
        defaults={
            "status": ApprovalStatus.APPROVED,
            "valid_until": timezone.localdate() + datetime.timedelta(days=30 * months),
        },
    )[0]


def add_offer(farm, *, target_group="demens", area=ServiceArea.HEALTH, weekdays=(1, 3), places=4, title=None):
    offer = ServiceOffer.objects.create(farm=farm, title=title or f"Dagtilbud på {farm.name}", service_area=area)
    offer.target_groups.add(TargetGroup.objects.get(code=target_group))
    OfferDay.objects.bulk_create(
        OfferDay(offer=offer, weekday=day, places=places, opens=datetime.time(9), closes=datetime.time(15))
        for day in weekdays
    )
    return offer


def listed_farm(*, animals=(), **fields):
    farm = FarmFactory(**fields)
    approve(farm)
    if animals:
        farm.animals.set(Animal.objects.filter(code__in=animals))
    return farm
