import datetime
import random

import pytest
from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, OuterRef
from django.urls import reverse, set_script_prefix
from django.utils import timezone

from tunet.approval.models import ApprovalStatus
from tunet.catalogue import search
from tunet.catalogue.models import Animal, Farm, FarmPhoto, OfferDay, ServiceArea, ServiceOffer, TargetGroup
from tunet.core import geo
from tunet.core.models import Municipality

from .factories import add_offer, approve, listed_farm

pytestmark = pytest.mark.django_db

SKIEN = {"municipality_id": "4003", "latitude": 59.21, "longitude": 9.61}
PORSGRUNN = {"municipality_id": "4001", "latitude": 59.14, "longitude": 9.66}
BERGEN = {"municipality_id": "4601", "latitude": 60.39, "longitude": 5.32}


def names(criteria):
    return [card["name"] for card in search.find(criteria, per_page=100).object_list]


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
    found = search.find(search.Criteria(place=place, radius_km=30)).object_list
    assert [card["name"] for card in found] == ["Skien-gården", "Porsgrunn-gården"]
    assert found[0]["distance_km"] < found[1]["distance_km"] < 30


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


# --- The page of results and its cards ------------------------------------------------------------


def test_a_page_counts_every_farm_found_and_a_page_past_the_end_shows_the_last():
    for n in range(25):
        listed_farm(name=f"Gård {n:02}")
    first = search.find(search.Criteria())
    assert (first.paginator.count, first.number, first.paginator.num_pages, len(first.object_list)) == (25, 1, 2, 20)
    assert (first.has_previous(), first.has_next(), first.next_page_number()) == (False, True, 2)
    second = search.find(search.Criteria(), "2")
    assert [card["name"] for card in second.object_list] == [f"Gård {n:02}" for n in range(20, 25)]
    assert (second.has_previous(), second.has_next(), second.previous_page_number()) == (True, False, 1)
    assert search.find(search.Criteria(), "9").number == 2  # past the end: the last page
    assert search.find(search.Criteria(), str(10**30)).number == 2  # however far past
    for odd in ("0", "-3", "tre", None):
        assert search.find(search.Criteria(), odd).number == 1


def test_no_farm_found_is_one_empty_page():
    listed_farm(name="Bergen", **BERGEN)
    for page in (None, "3"):
        found = search.find(search.Criteria(county="40"), page)
        assert (found.paginator.count, found.number, found.paginator.num_pages, list(found.object_list)) == (
            0,
            1,
            1,
            [],
        )


def test_a_card_shows_the_offers_that_meet_the_search_with_their_groups_and_days():
    farm = listed_farm(name="Solbakken", transport_offered=True, step_free_access=True, **SKIEN)
    dementia = add_offer(farm, title="Dagtilbud demens", weekdays=(3, 1))
    dementia.target_groups.add(TargetGroup.objects.get(code="eldre"))
    add_offer(farm, title="Arbeidstrening", target_group="psykisk-helse-rus", area=ServiceArea.WORK, weekdays=(0,))
    hidden = add_offer(farm, title="Ikke aktiv", weekdays=(1,))
    hidden.is_active = False
    hidden.save()

    (card,) = search.find(search.Criteria(target_group="demens", weekdays=[1])).object_list
    groups = ", ".join(TargetGroup.objects.filter(code__in=["demens", "eldre"]).values_list("name", flat=True))
    assert card["offers"] == [{"title": "Dagtilbud demens", "summary": f"{groups}. Dager: tirsdag, torsdag"}]
    assert card["place"] == "Skien, Telemark"
    assert (card["transport_offered"], card["step_free_access"]) == (True, True)
    assert card["url"] == reverse("catalogue:farm", args=[farm.pk])
    assert card["distance_km"] is None

    (card,) = search.find(search.Criteria()).object_list
    assert [offer["title"] for offer in card["offers"]] == ["Arbeidstrening", "Dagtilbud demens"]


def test_a_card_shows_the_first_photo_and_the_animals_in_the_lists_order():
    farm = listed_farm(name="Dyregården", animals=["sau", "hest", "hons"])
    for order, alt in [(2, "Sauer"), (1, "Hester i sol"), (3, "Høner")]:
        FarmPhoto.objects.create(
            farm=farm, image=f"farms/{farm.pk}/{order}.png", alt_text=alt, sort_order=order, width=40 + order, height=30
        )
    (card,) = search.find(search.Criteria()).object_list
    first = FarmPhoto.objects.get(farm=farm, sort_order=1)
    assert card["photo"] == {
        "url": reverse("catalogue:photo_file", args=[farm.pk, first.pk]), "alt_text": "Hester i sol",
        "width": first.width, "height": first.height,
    }  # fmt: skip
    assert card["animals"] == list(
        Animal.objects.filter(code__in=["sau", "hest", "hons"]).values_list("name", flat=True)
    )
    assert search.find(search.Criteria(animals="hest")).object_list[0]["photo"]["alt_text"] == "Hester i sol"


def test_a_target_group_added_after_the_lists_were_read_is_named():
    farm = listed_farm(name="Ny gruppe")
    offer = add_offer(farm)
    search.find(search.Criteria())  # reads and keeps the reference lists
    group = TargetGroup.objects.create(code="ny", name="Ny målgruppe", sort_order=99)
    offer.target_groups.add(group)
    (card,) = search.find(search.Criteria()).object_list
    assert "Ny målgruppe. Dager:" in card["offers"][0]["summary"]


def test_a_renamed_municipality_is_named_and_found_by_its_new_name_in_the_next_search(
    django_capture_on_commit_callbacks,
):
    listed_farm(name="Gården", **SKIEN)
    as_they_were = search.reference_choices()
    skien = Municipality.objects.get(number="4003")
    with django_capture_on_commit_callbacks(execute=True):
        skien.name = "Skien by"
        skien.save()  # signals.py: the lists are read anew, and again when the change commits
        # Meanwhile another process, which read the lists before the change, keeps them.
        cache.set(f"{search.REFERENCE_KEY}:{as_they_were['stamp']}", as_they_were)
        cache.set(search.REFERENCE_KEY, as_they_were["stamp"])
        assert search.find(search.Criteria()).object_list[0]["place"] == "Skien, Telemark"
    (card,) = search.find(search.Criteria()).object_list
    assert card["place"] == "Skien by, Telemark"
    assert search.find_place("skien by").name == "Skien by"
    assert "skien" not in search.lookups()["place_by_name"]


def test_a_search_reads_only_the_stamp_of_the_reference_lists(django_assert_num_queries):
    lookups = search.lookups()
    cache.delete(f"{search.REFERENCE_KEY}:{cache.get(search.REFERENCE_KEY)}")  # the lists themselves are not read
    with django_assert_num_queries(0):
        assert search.lookups() is lookups


def test_card_addresses_follow_the_script_prefix():
    farm = listed_farm(name="Gården", **SKIEN)
    search.find(search.Criteria())
    set_script_prefix("/ipt/")
    try:
        (card,) = search.find(search.Criteria()).object_list
    finally:
        set_script_prefix("/")
    assert card["url"] == f"/ipt/gard/{farm.pk}/"


def test_the_distance_on_a_card_is_the_great_circle_distance_in_whole_km():
    listed_farm(name="Porsgrunn-gården", **PORSGRUNN)
    place = search.find_place("Skien")
    (card,) = search.find(search.Criteria(place=place, radius_km=30)).object_list
    expected = geo.distance_km(place.latitude, place.longitude, PORSGRUNN["latitude"], PORSGRUNN["longitude"])
    assert card["distance_km"] == round(expected)
    assert card["place"] == f"Porsgrunn, Telemark · {round(expected)} km unna"


def test_the_map_gets_the_positions_of_the_farms_found_in_the_lists_order():
    listed_farm(name="B", **SKIEN)
    listed_farm(name="A", **PORSGRUNN)
    listed_farm(name="C", **BERGEN)
    assert [name for _pk, name, _lat, _lon in search.positions(search.Criteria(county="40"), 10)] == ["A", "B"]
    assert len(search.positions(search.Criteria(), 2)) == 2


# --- The search means what the ORM would say ------------------------------------------------------


def orm_search(criteria):
    """The search written with the ORM, from the rules it is made of (Farm.objects.listed() and
    the models' relations): the hand-written SQL in search/sql.py must find the same farms in the same order."""
    farms = Farm.objects.listed()
    if criteria.filters_offers:
        offers = ServiceOffer.objects.filter(farm=OuterRef("pk"), is_active=True)
        if criteria.service_area:
            offers = offers.filter(service_area=criteria.service_area)
        if criteria.target_group:
            offers = offers.filter(target_groups__code=criteria.target_group)
        for weekday in criteria.weekdays:
            offers = offers.filter(Exists(OfferDay.objects.filter(offer=OuterRef("pk"), weekday=weekday)))
        farms = farms.filter(Exists(offers))
    if criteria.county:
        farms = farms.filter(municipality__county_id=criteria.county)
    if criteria.municipality:
        farms = farms.filter(municipality_id=criteria.municipality)
    if criteria.transport:
        farms = farms.filter(transport_offered=True)
    if criteria.animals == search.ANIMALS_NONE:
        farms = farms.filter(animals__isnull=True)
    elif criteria.animals == search.ANIMALS_ANY:
        farms = farms.filter(animals__isnull=False)
    elif criteria.animals:
        farms = farms.filter(animals__code=criteria.animals)
    farms = list(farms.distinct().order_by("name", "pk"))
    if criteria.place:
        lat, lon = criteria.place.latitude, criteria.place.longitude
        near = [(geo.distance_km(lat, lon, farm.latitude, farm.longitude), farm) for farm in farms]
        farms = [farm for km, farm in sorted(near, key=lambda pair: pair[0]) if km <= criteria.radius_km]
    return [farm.pk for farm in farms]


def random_catalogue(seed=7):
    rng = random.Random(seed)
    groups = ["demens", "eldre", "psykisk-helse-rus", "barn-unge"]
    places = [SKIEN, PORSGRUNN, BERGEN, {"municipality_id": "3403", "latitude": 60.79, "longitude": 11.07}]
    for n in range(60):
        place = rng.choice(places)
        farm = listed_farm(
            name=f"Gård {rng.choice('ABCDEFGH')}{n:02}",
            municipality_id=place["municipality_id"],
            latitude=place["latitude"] + rng.uniform(-0.4, 0.4),
            longitude=place["longitude"] + rng.uniform(-0.6, 0.6),
            transport_offered=rng.random() < 0.5,
            animals=rng.sample(["hest", "sau", "hons", "storfe"], rng.randint(0, 2)),
        )
        for _ in range(rng.randint(0, 3)):
            offer = add_offer(
                farm, target_group=rng.choice(groups), area=rng.choice(list(ServiceArea.values)),
                weekdays=sorted(rng.sample(range(5), rng.randint(1, 4))),
            )  # fmt: skip
            if rng.random() < 0.2:
                offer.is_active = False
                offer.save()
        if rng.random() < 0.15:
            farm.approval.status = rng.choice([ApprovalStatus.SUSPENDED, ApprovalStatus.REVOKED])
            farm.approval.save()
        elif rng.random() < 0.1:
            farm.approval.valid_until = timezone.localdate() - datetime.timedelta(days=1)
            farm.approval.save()


CRITERIA = [
    {},
    {"target_group": "demens"},
    {"target_group": "eldre", "weekdays": [1]},
    {"weekdays": [0, 2]},
    {"service_area": ServiceArea.WORK, "transport": True},
    {"county": "40"},
    {"county": "46", "animals": search.ANIMALS_NONE},
    {"municipality": "4003"},
    {"animals": search.ANIMALS_ANY, "transport": True},
    {"animals": "hest"},
    {"place": "Skien", "radius_km": 30},
    {"place": "Skien", "radius_km": 100, "target_group": "demens", "weekdays": [1]},
    {"place": "Bergen", "radius_km": 50, "animals": "sau"},
    {"place": "Hamar", "radius_km": 20, "county": "34"},
]


@pytest.mark.parametrize("given", CRITERIA)
def test_the_search_finds_what_the_orm_finds(given):
    random_catalogue()
    given = dict(given)
    if "place" in given:
        given["place"] = search.find_place(given["place"])
    criteria = search.Criteria(**given)
    expected = orm_search(criteria)
    found = search.find(criteria, per_page=100)
    assert [card["pk"] for card in found.object_list] == expected
    assert found.paginator.count == len(expected)
    assert [pk for pk, *_rest in search.positions(criteria, 100)] == expected


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements are PostgreSQL's (CI)")
def test_on_postgresql_a_search_made_five_times_keeps_its_plan():
    farm = listed_farm(name="Solbakken", **SKIEN)
    add_offer(farm, weekdays=(1,))
    criteria = search.Criteria(target_group="demens", weekdays=[1], place=search.find_place("Skien"))
    for _ in range(6):
        assert [card["name"] for card in search.find(criteria).object_list] == ["Solbakken"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [statement for (statement,) in cursor.fetchall()]
    assert any("COUNT(*) OVER ()" in statement for statement in prepared)
    assert any("'photo'" in statement for statement in prepared)
    assert not any("django_session" in statement or "auth_user" in statement for statement in prepared)
