"""The bench's floor view (benchmark/floor.py): one query, and the catalogue's farms in the catalogue's order."""

import re

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from benchmark import floor
from tunet.approval.models import ApprovalStatus
from tunet.catalogue import search
from tunet.catalogue.models import ServiceArea
from tunet.catalogue.tests.factories import add_offer, listed_farm

pytestmark = pytest.mark.django_db

SKIEN = {"municipality_id": "4003", "latitude": 59.21, "longitude": 9.61}
PORSGRUNN = {"municipality_id": "4001", "latitude": 59.14, "longitude": 9.66}
BERGEN = {"municipality_id": "4601", "latitude": 60.39, "longitude": 5.32}
QUERIES = [
    "malgruppe=demens&dag=1&sted=Skien&radius=30",
    "malgruppe=demens&dag=1&dag=3",
    "sted=Skien&radius=10",
    "fylke=40&transport=on",
    "kommune=4601",
    "omrade=work&dyr=med",
    "dyr=uten",
    "dyr=hest&sted=skien&radius=100",
    "",
]


@pytest.fixture
def farms():
    near = listed_farm(name="Solbakken", transport_offered=True, animals=("hest",), **SKIEN)
    add_offer(near, target_group="demens", weekdays=(1, 3))
    close = listed_farm(name="Vessia", **PORSGRUNN)
    add_offer(close, target_group="demens", weekdays=(1,))
    add_offer(close, target_group="barn-unge", area=ServiceArea.WORK, weekdays=(0,))
    split = listed_farm(name="Delt", animals=("sau",), **SKIEN)
    add_offer(split, target_group="demens", weekdays=(0,))
    add_offer(split, target_group="barn-unge", area=ServiceArea.EDUCATION, weekdays=(1,))
    far = listed_farm(name="Hylkje", transport_offered=True, **BERGEN)
    add_offer(far, target_group="demens", weekdays=(1,))
    hidden = listed_farm(name="Suspendert", **SKIEN)
    add_offer(hidden, target_group="demens", weekdays=(1,))
    hidden.approval.status = ApprovalStatus.SUSPENDED
    hidden.approval.save()


@pytest.fixture
def bench_urls(settings):
    settings.ROOT_URLCONF = "benchmark.urls"


def floor_ids(client, query):
    response = client.get(f"/bench/floor/?{query}")
    assert response.status_code == 200
    return [int(pk) for pk in re.findall(r'href="/gard/(\d+)/"', response.content.decode())]


@pytest.mark.usefixtures("farms", "bench_urls")
def test_the_floor_runs_one_query(client):
    floor.municipality_positions()  # read once per process
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/bench/floor/?malgruppe=demens&dag=1&sted=Skien&radius=30")
    assert response.status_code == 200
    assert len(queries) == 1
    assert "Solbakken" in response.content.decode()


@pytest.mark.usefixtures("farms", "bench_urls")
@pytest.mark.parametrize("query", QUERIES)
def test_the_floor_shows_the_catalogues_first_page(client, query):
    form = search.SearchForm(QueryDict(query))
    form.is_valid()
    expected = [card["pk"] for card in search.find(form.criteria(), per_page=floor.PAGE_SIZE).object_list]
    assert expected or query == "omrade=work&dyr=med"
    assert floor_ids(client, query) == expected


@pytest.mark.usefixtures("farms", "bench_urls")
def test_the_catalogue_is_served_beside_the_floor(client):
    assert client.get("/finn-gard/?malgruppe=demens&dag=1&sted=Skien&radius=30").status_code == 200


def test_production_does_not_route_to_the_floor(client):
    assert client.get("/bench/floor/").status_code == 404


def test_the_bench_counts_its_data_set():
    # make bench is not run by CI; this keeps the part that reads the models from breaking unseen.
    from benchmark.run import data_counts

    listed_farm()
    counts = data_counts()
    assert counts["farms"] == counts["listed_farms"] == 1
