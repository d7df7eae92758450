import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tunet.approval.models import ApprovalStatus
from tunet.catalogue import search
from tunet.catalogue.models import ServiceArea

from .factories import add_offer, approve, listed_farm

pytestmark = pytest.mark.django_db

SKIEN = {"municipality_id": "4003", "latitude": 59.21, "longitude": 9.61}
PORSGRUNN = {"municipality_id": "4001", "latitude": 59.14, "longitude": 9.66}
BERGEN = {"municipality_id": "4601", "latitude": 60.39, "longitude": 5.32}


def names(criteria):
    return [farm.name for farm in search.search(criteria)]


def test_only_farms_with_a_valid_approval_are_listed():
    listed = listed_farm(name="Godkjent")
    expired = listed_farm(name="Utløpt")
    expired.approval.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    expired.approval.save()
    suspended = listed_farm(name="Suspendert")
    suspended.approval.status = ApprovalStatus.SUSPENDED
    suspended.approval.save()
    assert names(search.Criteria()) == [listed.name]


def test_offer_filters_must_be_met_by_the_same_offer():
    both = listed_farm(name="Demens tirsdag")
    add_offer(both, target_group="demens", weekdays=(1,))
    split = listed_farm(name="Delt")
    add_offer(split, target_group="demens", weekdays=(0,))
    add_offer(split, target_group="barn-unge", area=ServiceArea.EDUCATION, weekdays=(1,))
    assert names(search.Criteria(target_group="demens", weekdays=[1])) == ["Demens tirsdag"]


def test_every_chosen_weekday_must_be_offered():
    tue_thu = listed_farm(name="Tirsdag og torsdag")
    add_offer(tue_thu, weekdays=(1, 3))
    tue = listed_farm(name="Bare tirsdag")
    add_offer(tue, weekdays=(1,))
    assert names(search.Criteria(weekdays=[1, 3])) == ["Tirsdag og torsdag"]
    assert sorted(names(search.Criteria(weekdays=[1]))) == ["Bare tirsdag", "Tirsdag og torsdag"]


def test_distance_filter_keeps_farms_within_the_radius_nearest_first():
    listed_farm(name="Porsgrunn-gården", **PORSGRUNN)
    listed_farm(name="Skien-gården", **SKIEN)
    listed_farm(name="Bergen-gården", **BERGEN)
    place = search.find_place("3727")  # Skien
    found = list(search.search(search.Criteria(place=place, radius_km=30)))
    assert [farm.name for farm in found] == ["Skien-gården", "Porsgrunn-gården"]
    assert found[0].distance < found[1].distance < 30


def test_animals_any_none_and_which():
    listed_farm(name="Hester", animals=["hest"])
    listed_farm(name="Sau og høner", animals=["sau", "hons"])
    listed_farm(name="Skog")
    assert names(search.Criteria(animals=search.ANIMALS_NONE)) == ["Skog"]
    assert names(search.Criteria(animals=search.ANIMALS_ANY)) == ["Hester", "Sau og høner"]
    assert names(search.Criteria(animals="hons")) == ["Sau og høner"]


def test_county_municipality_and_transport():
    listed_farm(name="Skien", transport_offered=True, **SKIEN)
    listed_farm(name="Bergen", **BERGEN)
    assert names(search.Criteria(county="40")) == ["Skien"]
    assert names(search.Criteria(municipality="4601")) == ["Bergen"]
    assert names(search.Criteria(transport=True)) == ["Skien"]


@pytest.mark.parametrize(
    ("text", "expected"), [("Skien", "Skien"), ("skien", "Skien"), ("3727", "3727 Skien"), ("Brumunddal", "Brumunddal")]
)
def test_find_place_understands_municipalities_postcodes_and_post_towns(text, expected):
    assert search.find_place(text).name == expected


def test_unknown_place_gives_a_clear_error_and_keeps_the_other_choices(client):
    listed_farm(name="Gården")
    response = client.get(reverse("catalogue:catalogue"), {"sted": "Atlantis", "malgruppe": "demens"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Vi kjenner ikke stedet «Atlantis»" in html
    assert 'value="Atlantis"' in html
    assert '<option value="demens" selected>' in html


def test_filters_live_in_the_url_and_htmx_gets_only_the_results(client):
    farm = listed_farm(name="Solbakken", **SKIEN)
    add_offer(farm, weekdays=(1,))
    url = reverse("catalogue:catalogue")
    query = {"malgruppe": "demens", "sted": "Skien", "radius": "30", "dag": "1"}
    full = client.get(url, query)
    assert "<html" in full.content.decode()
    assert "Solbakken" in full.content.decode()
    partial = client.get(url, query, headers={"HX-Request": "true", "HX-Target": "results"})
    assert "<html" not in partial.content.decode()
    assert "Solbakken" in partial.content.decode()


def test_empty_result_says_what_to_loosen(client):
    listed_farm(name="Gården", **BERGEN)
    response = client.get(reverse("catalogue:catalogue"), {"sted": "Skien", "radius": "10", "transport": "on"})
    html = response.content.decode()
    assert "Ingen gårder passer" in html
    assert "lengre avstand" in html
    assert "uten transport" in html


def test_map_points_follow_the_search(client):
    listed_farm(name="Skien", **SKIEN)
    listed_farm(name="Bergen", **BERGEN)
    data = client.get(reverse("catalogue:catalogue_map"), {"fylke": "46"}).json()
    assert [farm["name"] for farm in data["farms"]] == ["Bergen"]


def test_the_approval_of_an_unlisted_farm_is_hidden_even_if_it_matches():
    farm = listed_farm(name="Gammel")
    approve(farm).delete()
    assert names(search.Criteria()) == []
