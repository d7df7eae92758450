"""The catalogue demo data: enough farms, spread over the country, and loading twice changes nothing."""

import pytest

from tunet.accounts.models import Membership, Organisation, OrganisationKind, Role
from tunet.approval.models import Approval, ApprovalStatus
from tunet.catalogue.models import Farm, OfferDay, ServiceOffer
from tunet.core.geo import distance_km
from tunet.core.models import Municipality
from tunet.demo import accounts as accounts_demo
from tunet.demo import catalogue as catalogue_demo

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "organisations": Organisation.objects.count(),
        "farms": Farm.objects.count(),
        "offers": ServiceOffer.objects.count(),
        "days": OfferDay.objects.count(),
        "approvals": Approval.objects.count(),
        "memberships": Membership.objects.count(),
        "animals": Farm.animals.through.objects.count(),
        "target_groups": ServiceOffer.target_groups.through.objects.count(),
        "activities": ServiceOffer.activities.through.objects.count(),
        "languages": ServiceOffer.languages.through.objects.count(),
    }


@pytest.fixture
def demo():
    organisations = accounts_demo.load()
    catalogue_demo.load(organisations)
    return organisations


def test_loading_twice_changes_nothing(demo):
    before = _counts()
    catalogue_demo.load(accounts_demo.load())
    assert _counts() == before


def test_many_farms_in_many_counties(demo):
    assert Farm.objects.count() >= 60
    assert Farm.objects.values("municipality__county").distinct().count() >= 6
    assert not Farm.objects.exclude(provider__kind=OrganisationKind.PROVIDER).exists()
    # Every farm has an approval; a few are suspended or not yet approved.
    assert Approval.objects.count() == Farm.objects.count()
    assert Approval.objects.filter(status=ApprovalStatus.SUSPENDED).count() == 4
    assert Approval.objects.filter(status=ApprovalStatus.PENDING).count() == 3


def test_every_approved_farm_has_an_offer_with_days(demo):
    for farm in Farm.objects.filter(approval__status=ApprovalStatus.APPROVED):
        assert OfferDay.objects.filter(offer__farm=farm).exists(), farm


def test_positions_are_in_norway_and_postcodes_in_the_municipality(demo):
    for farm in Farm.objects.select_related("postal_code"):
        assert 57.5 <= farm.latitude <= 71.5
        assert 4.0 <= farm.longitude <= 31.5
        assert farm.postal_code.municipality_id == farm.municipality_id
        assert distance_km(farm.latitude, farm.longitude, farm.postal_code.latitude, farm.postal_code.longitude) < 2


def test_farmer_logins_are_members_of_their_farm(demo):
    expected = {
        "gardbruker@tunet.example": "Solbakken gård",
        "gardbruker2@tunet.example": "Nordre Li gård",
        "gardbruker3@tunet.example": "Haugaland Grønt arbeid",
        "gardbruker4@tunet.example": "Elvetun gartneri",
    }
    for email, farm_name in expected.items():
        farm = Farm.objects.get(name=farm_name)
        assert Membership.objects.filter(user__email=email, organisation=farm.provider, role=Role.FARMER).exists(), (
            email
        )


def test_dementia_on_tuesdays_near_skien(demo):
    skien = Municipality.objects.get(number="4003")
    farms = (
        Farm.objects.listed()
        .filter(
            offers__target_groups__code="demens",
            offers__days__weekday=1,
        )
        .distinct()
    )
    near = [f for f in farms if distance_km(skien.latitude, skien.longitude, f.latitude, f.longitude) <= 30]
    assert len(near) >= 6

    solbakken = Farm.objects.get(name="Solbakken gård")
    assert solbakken.transport_offered
    assert distance_km(skien.latitude, skien.longitude, solbakken.latitude, solbakken.longitude) <= 30
    offer = solbakken.offers.get(target_groups__code="demens")
    assert sorted(offer.days.values_list("weekday", flat=True)) == [1, 3]


def test_organisation_numbers_are_valid_and_unique(demo):
    from stdnum.no import orgnr

    numbers = list(
        Organisation.objects.filter(kind=OrganisationKind.PROVIDER)
        .exclude(org_number="")
        .values_list("org_number", flat=True)
    )
    assert all(orgnr.is_valid(n) for n in numbers)
    assert len(numbers) == len(set(numbers))
