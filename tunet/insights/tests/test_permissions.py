"""The permission matrix of the statistics: every view × the coordinator of the region, a coordinator of
another region, the approval body, the buyer whose purchases they are, another buyer, a farmer and
someone not logged in. Allowed views show only what the viewer may count; refusals are proven."""

import pytest
from django.urls import reverse

from tunet.accounts import access
from tunet.accounts.models import Organisation, OrganisationKind, Role
from tunet.accounts.tests.factories import OrganisationFactory, member
from tunet.catalogue.models import ServiceArea

from .factories import HAUGESUND, SKIEN, agreement, buyer, coordinator, farm, stays

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("insights:overview")
DOWNLOAD = reverse("insights:overview_download", args=["places", "csv"])
FARMS_DOWNLOAD = reverse("insights:overview_download", args=["farms", "csv"])
PUBLIC = reverse("insights:public")
PUBLIC_DOWNLOAD = reverse("insights:public_download", args=["counties", "xlsx"])
START = reverse("accounts:start")


@pytest.fixture
def scene():
    """Telemark: a farm where the Skien buyer has 6 placements on work training. Rogaland: a farm with
    an agreement of a Haugesund buyer and 5 placements."""
    skien_buyer, haugesund_buyer = buyer(SKIEN), buyer(HAUGESUND, Role.NAV_ADVISER)
    _f, telemark_offer = farm(SKIEN, area=ServiceArea.WORK, target_group="arbeidssokere", places=7)
    _g, rogaland_offer = farm(HAUGESUND, area=ServiceArea.HEALTH, places=9)
    stays(skien_buyer, agreement(skien_buyer, telemark_offer, target_group="arbeidssokere", places=6), 6)
    stays(haugesund_buyer, agreement(haugesund_buyer, rogaland_offer, places=5), 5)
    farmer = member(Role.FARMER, telemark_offer.farm.provider)
    return {
        "coordinator of the region": coordinator("40"),
        "coordinator of another region": coordinator("11"),
        "approval officer": member(Role.APPROVAL_OFFICER),
        "buyer, own purchases": skien_buyer,
        "buyer, other purchases": haugesund_buyer,
        "farmer": farmer,
        "anonymous": None,
    }


# (overview, download of its own table, farms table download): the status each viewer gets.
MATRIX = {
    "coordinator of the region": (200, 200, 200),
    "coordinator of another region": (200, 200, 200),
    "approval officer": (200, 200, 200),
    "buyer, own purchases": (200, 200, 404),  # a buyer has no figures of farms
    "buyer, other purchases": (200, 200, 404),
    "farmer": (403, 403, 403),
    "anonymous": (302, 302, 302),
}


@pytest.mark.parametrize("who", MATRIX)
def test_who_may_open_the_figures(client, scene, who):
    if scene[who]:
        client.force_login(scene[who].user)
    statuses = tuple(client.get(url).status_code for url in (OVERVIEW, DOWNLOAD, FARMS_DOWNLOAD))
    assert statuses == MATRIX[who]
    # The public page and its downloads are for everyone.
    assert client.get(PUBLIC).status_code == 200
    assert client.get(PUBLIC_DOWNLOAD).status_code == 200


def _places_bought(client):
    response = client.get(DOWNLOAD)
    lines = response.content.decode("utf-8-sig").splitlines()[1:]
    return {line.split(";")[0]: line.split(";") for line in lines}


# What each allowed viewer counts of the places bought: (service areas shown).
SEES = {
    "coordinator of the region": {"Arbeid og rehabilitering", "Sum"},  # Telemark only
    "coordinator of another region": {"Helse og omsorg", "Sum"},  # Rogaland only
    "approval officer": {"Arbeid og rehabilitering", "Helse og omsorg", "Sum"},
    "buyer, own purchases": {"Arbeid og rehabilitering", "Sum"},  # Skien's own agreement
    "buyer, other purchases": {"Helse og omsorg", "Sum"},  # Haugesund's own agreement
}


@pytest.mark.parametrize("who", SEES)
def test_each_viewer_counts_only_what_is_theirs(client, scene, who):
    client.force_login(scene[who].user)
    assert set(_places_bought(client)) == SEES[who]


@pytest.mark.parametrize("who", [w for w in MATRIX if w != "anonymous"])
def test_nobody_sees_a_row_about_a_participant(client, scene, who):
    client.force_login(scene[who].user)
    for url in (OVERVIEW, PUBLIC, START):
        content = client.get(url).content.decode()
        assert "Testdeltaker" not in content
        assert "Prøvesen" not in content


@pytest.mark.parametrize("who", MATRIX)
def test_only_the_coordinator_has_the_region_on_the_start_page(client, scene, who):
    if scene[who] is None:
        assert client.get(START).status_code == 302
        return
    client.force_login(scene[who].user)
    content = client.get(START).content.decode()
    shown = "Regionen din i dag" in content
    assert shown == who.startswith("coordinator")
    if who == "coordinator of the region":
        assert client.get(START).context["steps"][0]["url"] == OVERVIEW


def test_the_region_at_a_glance_counts_the_region(client, scene):
    client.force_login(scene["coordinator of the region"].user)
    content = client.get(START).content.decode()
    # One approved farm in Telemark with 7 places on Tuesdays and Thursdays; 6 bought on Tuesdays.
    assert '<span class="stat">1</span> godkjente gårder' in content
    assert '<span class="stat">14</span> tilbudte plasser i uken' in content
    assert '<span class="stat">6</span> kjøpte plasser i uken' in content
    assert '<span class="stat">43 %</span>' in content


# --- The scopes in access ---------------------------------------------------------------------------------------


def test_a_coordinators_region_is_every_county_of_the_statsforvalter():
    office = Organisation(kind=OrganisationKind.REGIONAL_COORDINATOR, county_id="40")
    assert access.region_of(office) == {"39", "40"}
    assert access.region_of(Organisation(county_id="32")) == {"03", "31", "32", "33"}
    assert access.region_of(Organisation(county_id="34")) == {"34"}
    assert access.region_of(Organisation()) == frozenset()
    every_county = [county for region in access.STATSFORVALTER_REGIONS for county in region]
    assert len(every_county) == len(set(every_county)) == 15


def test_the_scopes_by_role():
    assert access.statistics_scope(coordinator("40")) == access.StatisticsScope(counties=frozenset({"39", "40"}))
    assert access.statistics_scope(member(Role.APPROVAL_OFFICER)) == access.StatisticsScope()
    case_worker = buyer(SKIEN)
    assert access.statistics_scope(case_worker) == access.StatisticsScope(buyer_id=case_worker.organisation_id)
    # A coordinator whose office names no county has no region to count.
    nowhere = member(Role.COORDINATOR, OrganisationFactory(kind=OrganisationKind.REGIONAL_COORDINATOR))
    for membership in (nowhere, member(Role.FARMER), member(Role.AUDITOR), member(Role.ADMIN), None):
        assert access.statistics_scope(membership) is None
        assert not access.can_view_statistics(membership)
