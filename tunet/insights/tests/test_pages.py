"""The statistics pages: who sees which figures (the permission matrix), the figures checked against
small data sets counted by hand, the downloads, and a constant number of queries."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tunet.accounts.access import StatisticsScope
from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.care.models import EndReason
from tunet.catalogue.models import ServiceArea
from tunet.catalogue.tests.factories import FarmFactory
from tunet.insights import figures
from tunet.insights.queries import Filters

from .factories import HAUGESUND, OSLO, SKIEN, agreement, buyer, coordinator, farm, stays, today

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("insights:overview")
PUBLIC = reverse("insights:public")


def csv_url(key, query=""):
    return reverse("insights:overview_download", args=[key, "csv"]) + query


def log_in(client, membership):
    client.force_login(membership.user)


@pytest.fixture
def market():
    """Telemark (Skien): a farm with 7 placements of one buyer; Rogaland (Haugesund): a farm with 3
    placements of another buyer; Oslo: a farm and nothing bought."""
    skien_buyer, haugesund_buyer = buyer(SKIEN), buyer(HAUGESUND, Role.NAV_ADVISER)
    _f1, skien_offer = farm(SKIEN, places=4)
    _f2, haugesund_offer = farm(HAUGESUND, area=ServiceArea.WORK, target_group="arbeidssokere", places=6)
    farm(OSLO, area=ServiceArea.EDUCATION, target_group="barn-unge", places=5, weekdays=(0,))
    skien = agreement(skien_buyer, skien_offer, places=2)
    haugesund = agreement(haugesund_buyer, haugesund_offer, target_group="arbeidssokere", places=3)
    stays(skien_buyer, skien, 7)
    stays(haugesund_buyer, haugesund, 3)
    return {"skien_buyer": skien_buyer, "haugesund_buyer": haugesund_buyer, "skien": skien, "haugesund": haugesund}


# --- Who sees what -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [OVERVIEW, csv_url("places")])
def test_anonymous_is_sent_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/logg-inn/" in response["Location"]


@pytest.mark.parametrize("role", [Role.FARMER, Role.FARM_STAFF, Role.AUDITOR, Role.ADMIN])
@pytest.mark.parametrize("url", [OVERVIEW, csv_url("places")])
def test_those_without_figures_of_their_own_are_refused(client, role, url):
    log_in(client, member(role, FarmFactory().provider if role in (Role.FARMER, Role.FARM_STAFF) else None))
    assert client.get(url).status_code == 403


def test_the_public_page_needs_no_login(client, market):
    response = client.get(PUBLIC)
    assert response.status_code == 200
    assert response.context["tables"][0][0].key == "counties"
    assert client.get(reverse("insights:public_download", args=["counties", "csv"])).status_code == 200
    assert client.get(reverse("insights:public_download", args=["nothing", "csv"])).status_code == 404
    assert client.get(reverse("insights:public_download", args=["counties", "exe"])).status_code == 404


def test_the_front_page_links_to_the_public_figures(client):
    assert PUBLIC in client.get("/").content.decode()


def _places(response):
    table = next(table for table, _chart in response.context["tables"] if table.key == "places")
    return {label: [cell.text for cell in cells] for label, cells in table.rows}, table


def test_the_coordinator_sees_only_their_region(client, market):
    log_in(client, coordinator("40"))  # Statsforvalteren i Vestfold og Telemark
    response = client.get(OVERVIEW)
    assert response.status_code == 200
    rows, table = _places(response)
    # Only Skien's farm: one health offer of 4 places on Tuesdays and Thursdays, 2 bought on Tuesdays.
    assert rows == {"Helse og omsorg": ["1", "8", "2", "25,0 %"]}
    farms = next(table for table, _chart in response.context["tables"] if table.key == "farms")
    assert [label for label, _cells in farms.rows] == ["Telemark"]


def test_a_coordinator_of_another_region_sees_none_of_it(client, market):
    log_in(client, coordinator("11"))  # Rogaland
    rows, _table = _places(client.get(OVERVIEW))
    assert list(rows) == ["Arbeid og rehabilitering"]


def test_a_coordinator_cannot_choose_a_county_outside_the_region(client, market):
    log_in(client, coordinator("40"))
    response = client.get(OVERVIEW, {"county": "03"})
    assert response.status_code == 400
    rows, _table = _places(response)
    assert list(rows) == ["Helse og omsorg"]  # still the region, not Oslo
    assert client.get(csv_url("places", "?county=03")).status_code == 403


def test_the_approval_body_sees_the_whole_country(client, market):
    log_in(client, member(Role.APPROVAL_OFFICER))
    rows, table = _places(client.get(OVERVIEW))
    assert set(rows) == {"Helse og omsorg", "Arbeid og rehabilitering", "Oppvekst og opplæring"}
    assert [cell.text for cell in table.totals] == ["3", "25", "5", "20,0 %"]


def test_a_buyer_sees_only_its_own_purchases(client, market):
    log_in(client, market["haugesund_buyer"])
    response = client.get(OVERVIEW)
    keys = [table.key for table, _chart in response.context["tables"]]
    assert "farms" not in keys
    assert "school" not in keys
    rows, _table = _places(response)
    assert rows == {"Arbeid og rehabilitering": ["3"]}
    participants = next(table for table, _chart in response.context["tables"] if table.key == "participants")
    # Three placements: fewer than five, and the total with it.
    assert participants.rows == [] or all(cell.hidden for _label, cells in participants.rows for cell in cells)
    assert client.get(csv_url("farms")).status_code == 404


def test_the_other_buyer_sees_its_own(client, market):
    log_in(client, market["skien_buyer"])
    rows, _table = _places(client.get(OVERVIEW))
    assert rows == {"Helse og omsorg": ["2"]}


# --- Figures against hand counts ------------------------------------------------------------------------------


def test_placements_are_counted_and_small_numbers_hidden(client, market):
    log_in(client, member(Role.APPROVAL_OFFICER))
    response = client.get(OVERVIEW)
    table = next(table for table, _chart in response.context["tables"] if table.key == "participants")
    cells = {label: dict(zip(table.columns, (cell.text for cell in cells), strict=True)) for label, cells in table.rows}
    # 7 dementia placements in health, 3 job seekers in work.
    assert cells["Personer med demens"]["Helse og omsorg"] == "7"
    assert cells["Arbeidssøkere og personer langt fra arbeidslivet"]["Arbeid og rehabilitering"] == "færre enn 5"
    # The 3 would follow from the total (10) and the 7: they are hidden too.
    assert "10" not in [cell.text for cell in table.totals]
    content = response.content.decode()
    assert "færre enn 5" in content
    assert "Slik skjermer vi små tall" in content


def test_endings_and_length_of_stay(market):
    start = today() - datetime.timedelta(days=100)
    stays(market["skien_buyer"], market["skien"], 5, start=start, ended_on=today() - datetime.timedelta(days=10))
    scope = StatisticsScope()
    filters = Filters(start=today() - datetime.timedelta(days=30), end=today())
    endings = figures.endings_table(scope, filters)
    health = dict(endings.rows)["Helse og omsorg"]
    assert health[0].text == "5"  # all five to work
    assert health[-1].text == "5"
    stays_table = figures.stays_table(scope, filters)
    assert dict(stays_table.rows)["Helse og omsorg"][1].text == "90"


def test_requests_answered_and_days_to_agreement(market):
    scope = StatisticsScope()
    table = figures.requests_table(scope, Filters(start=today() - datetime.timedelta(days=30), end=today()))
    assert [cell.text for cell in dict(table.rows)["Helse og omsorg"]] == ["1", "1", "0", "1", "10"]


def test_the_filters_narrow_the_figures(client, market):
    log_in(client, member(Role.APPROVAL_OFFICER))
    response = client.get(OVERVIEW, {"county": "11", "service_area": "work"})
    rows, _table = _places(response)
    assert list(rows) == ["Arbeid og rehabilitering"]
    response = client.get(OVERVIEW, {"municipality": SKIEN, "county": "11"})
    assert response.status_code == 400


# --- Downloads ------------------------------------------------------------------------------------------------


def test_csv_and_xlsx_of_a_table(client, market):
    log_in(client, member(Role.APPROVAL_OFFICER))
    response = client.get(csv_url("places", "?county=40"))
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Tjenesteområde"
    assert rows[1] == ["Helse og omsorg", "1", "8", "2", "25,0"]
    response = client.get(reverse("insights:overview_download", args=["participants", "xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][0] == "Målgruppe"
    assert "færre enn 5" in [value for row in values for value in row]


def test_text_that_looks_like_a_formula_is_neutralised():
    from tunet.core.exports import neutralise

    assert neutralise("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert neutralise("+47") == "'+47"
    assert neutralise("-1") == "'-1"
    assert neutralise("@SUM") == "'@SUM"
    assert neutralise("Skien") == "Skien"
    assert neutralise(-1) == -1


# --- Queries do not grow with the data -----------------------------------------------------------------------------


def _more(market, n):
    for _ in range(n):
        _f, offer = farm(SKIEN, area=ServiceArea.WORK, target_group="arbeidssokere")
        made = agreement(market["skien_buyer"], offer, target_group="arbeidssokere")
        stays(market["skien_buyer"], made, 2)
        stays(market["skien_buyer"], made, 1, ended_on=today(), end_reason=EndReason.EDUCATION)


@pytest.mark.parametrize("who", ["approval", "buyer"])
def test_the_overview_makes_as_many_queries_at_any_size(client, market, django_assert_num_queries, who):
    viewer = member(Role.APPROVAL_OFFICER) if who == "approval" else market["skien_buyer"]
    log_in(client, viewer)
    client.get(OVERVIEW)  # sessions and the like, once
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(OVERVIEW)
    _more(market, 4)
    with django_assert_num_queries(len(small)):
        client.get(OVERVIEW)


def test_the_public_page_makes_as_many_queries_at_any_size(client, market, django_assert_num_queries):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        client.get(PUBLIC)
    cache.clear()
    _more(market, 4)
    with django_assert_num_queries(len(small)):
        client.get(PUBLIC)
