"""Participants and placements for tests, on agreements made the way people make them."""

import datetime

import factory
from django.utils import timezone

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.care.models import Participant, Placement, PlacementStatus
from tunet.purchasing.tests.factories import signed_agreement

TUESDAY, THURSDAY = 1, 3


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant
        skip_postgeneration_save = True

    first_name = factory.Sequence(lambda n: f"Testdeltaker{n}")
    last_name = factory.Sequence(lambda n: f"Prøvesen{n:03d}")
    birth_year = 1950
    phone = "400 00 000"
    street_address = factory.Sequence(lambda n: f"Prøvevegen {n + 1}")
    emergency_name = "Pårørende Prøvesen"
    emergency_phone = "400 00 001"
    allergies = "Nøtter"


def participant(buyer_membership, **fields):
    return ParticipantFactory(buyer=buyer_membership.organisation, created_by=buyer_membership.user, **fields)


def placed(deal, person, *, weekdays=(TUESDAY,), status=PlacementStatus.ACTIVE, start=None, **fields):
    """A placement of person on the deal's agreement, by default active from today on Tuesdays."""
    return Placement.objects.create(
        participant=person,
        agreement=deal.agreement,
        weekdays=list(weekdays),
        start=start or timezone.localdate(),
        status=status,
        referred_by=deal.buyer.user,
        decided_by=deal.farmer.user if status != PlacementStatus.REFERRED else None,
        **fields,
    )


def next_weekday(weekday, after=None):
    """The first date on this weekday (0 = Monday) after `after` (today by default)."""
    day = (after or timezone.localdate()) + datetime.timedelta(days=1)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


def deal_with_staff(**kwargs):
    """A signed agreement, with a staff member on the farm as well as the farmer."""
    deal = signed_agreement(**kwargs)
    deal.staff = member(Role.FARM_STAFF, deal.farm.provider)
    return deal
