"""The catalogue and the farm page run the same number of queries for 10 and 200 farms."""

import pytest
from django.urls import reverse

from tunet.catalogue.models import Animal, FarmPhoto

from .factories import add_offer, listed_farm

pytestmark = pytest.mark.django_db


def make_farms(count):
    animals = list(Animal.objects.all()[:3])
    farms = []
    for n in range(count):
        farm = listed_farm(name=f"Gård {n:03}", latitude=59.2 + n * 0.001, longitude=9.6, transport_offered=n % 2 == 0)
        farm.animals.set(animals[: n % 4])
        add_offer(farm, weekdays=(1, 3))
        add_offer(farm, target_group="psykisk-helse-rus", weekdays=(0, 1, 2), title=f"Arbeid {n}")
        FarmPhoto.objects.create(farm=farm, image=f"farms/{farm.pk}/x.png", alt_text="Sauer", width=10, height=10)
        farms.append(farm)
    return farms


def count_queries(client, django_assert_max_num_queries, url, params=None):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()  # measure with the filter lists read from the database, as after a restart
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(context.captured_queries)


SEARCHES = [
    {},
    {"malgruppe": "demens", "sted": "Skien", "radius": "50", "dag": ["1", "3"]},
    {"dyr": "med", "transport": "on", "fylke": "40"},
]


@pytest.mark.parametrize("params", SEARCHES)
def test_catalogue_query_count_is_constant(client, django_assert_max_num_queries, params):
    make_farms(10)
    small = count_queries(client, django_assert_max_num_queries, reverse("catalogue:catalogue"), params)
    make_farms(190)
    large = count_queries(client, django_assert_max_num_queries, reverse("catalogue:catalogue"), params)
    assert small == large
    # Two for the results (the page of farms with its count, what their cards show); four read the
    # filter lists, which are then kept. Exact, so a query that escapes the count would show.
    assert large == 6


def test_farm_page_query_count_is_constant(client, django_assert_max_num_queries):
    small_farm = make_farms(10)[0]
    small = count_queries(client, django_assert_max_num_queries, reverse("catalogue:farm", args=[small_farm.pk]))
    big = make_farms(190)[-1]
    for n in range(5):
        add_offer(big, title=f"Ekstra {n}", weekdays=(0, 1, 2, 3, 4))
    large = count_queries(client, django_assert_max_num_queries, reverse("catalogue:farm", args=[big.pk]))
    assert small == large
    assert large <= 10
