import pytest
from django.urls import reverse

from tunet.accounts.models import OrganisationKind, Role
from tunet.accounts.tests.factories import OrganisationFactory, member
from tunet.catalogue.models import Farm, FarmChange, ServiceOffer

from .factories import add_offer, listed_farm

pytestmark = pytest.mark.django_db


def profile_data(farm, **changes):
    data = {
        "name": farm.name,
        "description": farm.description,
        "street_address": "Gardsvegen 1",
        "postal_code": "3727",
        "latitude": "59.2",
        "longitude": "9.6",
        "animals": [],
        "contact_name": "Ola",
        "contact_phone": "412 34 567",
        "contact_email": "ola@tunet.test",
        "website": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def farmer(client):
    farm = listed_farm(name="Solbakken gård")
    client.force_login(member(Role.FARMER, farm.provider).user)
    client.farm = farm
    return client


def test_profile_change_is_public_and_kept_in_the_history(farmer):
    farm = farmer.farm
    response = farmer.post(
        reverse("catalogue:farm_edit", args=[farm.pk]),
        profile_data(farm, description="Nå med hester og ny stall.", transport_offered="on"),
    )
    assert response.status_code == 302
    change = FarmChange.objects.get(farm=farm)
    assert change.changes["description"] == ["En gård med dyr og skog.", "Nå med hester og ny stall."]
    assert change.changes["transport_offered"] == [False, True]
    assert change.actor.full_name
    public = farmer.get(reverse("catalogue:farm", args=[farm.pk])).content.decode()
    assert "Nå med hester og ny stall." in public
    history = farmer.get(reverse("catalogue:history", args=[farm.pk])).content.decode()
    assert "Nå med hester og ny stall." in history
    assert "Nei → Ja" in history
    assert "True" not in history


def test_postcode_sets_the_municipality_and_an_empty_position_uses_the_postcodes_point(farmer):
    farm = farmer.farm
    farmer.post(
        reverse("catalogue:farm_edit", args=[farm.pk]),
        profile_data(farm, postal_code="2380", latitude="", longitude=""),
    )
    farm.refresh_from_db()
    assert farm.municipality.name == "Ringsaker"
    assert farm.latitude == pytest.approx(60.88, abs=0.1)


def test_bad_input_keeps_what_was_typed(farmer):
    farm = farmer.farm
    response = farmer.post(
        reverse("catalogue:farm_edit", args=[farm.pk]),
        profile_data(farm, description="Min nye tekst", postal_code="0000", contact_email="ikke-epost"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Min nye tekst" in html
    assert not FarmChange.objects.exists()


def test_an_offer_with_its_weekdays_is_created(farmer):
    farm = farmer.farm
    response = farmer.post(
        reverse("catalogue:offer_new", args=[farm.pk]),
        {
            "title": "Dagtilbud for personer med demens",
            "service_area": "health",
            "target_groups": ["1"],
            "places_1": "4",
            "opens_1": "09:00",
            "closes_1": "15:00",
            "places_3": "3",
            "opens_3": "10:00",
            "closes_3": "14:30",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    offer = ServiceOffer.objects.get(farm=farm)
    assert [(d.weekday, d.places) for d in offer.days.all()] == [(1, 4), (3, 3)]
    assert FarmChange.objects.filter(farm=farm, summary__contains="Dagtilbud").exists()


def test_an_offer_needs_a_day_and_a_day_must_end_after_it_starts(farmer):
    farm = farmer.farm
    url = reverse("catalogue:offer_new", args=[farm.pk])
    base = {"title": "Tilbud", "service_area": "health", "target_groups": ["1"]}
    no_days = farmer.post(url, base)
    assert no_days.status_code == 200
    backwards = farmer.post(url, {**base, "places_2": "2", "opens_2": "15:00", "closes_2": "09:00"})
    assert backwards.status_code == 200
    assert 'value="Tilbud"' in backwards.content.decode()
    assert not ServiceOffer.objects.exists()


def test_deleting_an_offer_asks_first(farmer):
    offer = add_offer(farmer.farm)
    url = reverse("catalogue:offer_delete", args=[farmer.farm.pk, offer.pk])
    assert farmer.get(url).status_code == 200
    assert ServiceOffer.objects.filter(pk=offer.pk).exists()
    farmer.post(url)
    assert not ServiceOffer.objects.filter(pk=offer.pk).exists()
    assert FarmChange.objects.filter(summary__contains="slettet").exists() or FarmChange.objects.exists()


def test_a_provider_creates_its_farm_profile_once(client):
    organisation = OrganisationFactory(kind=OrganisationKind.PROVIDER, name="Nye Haugen gård")
    client.force_login(member(Role.FARMER, organisation).user)
    data = {"name": "Nye Haugen gård", "postal_code": "3727", "contact_name": "Kari"}
    response = client.post(reverse("catalogue:farm_create"), data)
    farm = Farm.objects.get(provider=organisation)
    assert response["Location"] == reverse("catalogue:offer_new", args=[farm.pk])
    assert farm.municipality_id == "4003"
    again = client.post(reverse("catalogue:farm_create"), data)
    assert again.status_code == 302
    assert Farm.objects.filter(provider=organisation).count() == 1
