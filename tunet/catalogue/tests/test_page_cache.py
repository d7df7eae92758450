import pytest
from django.urls import reverse

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.approval.models import ApprovalStatus
from tunet.catalogue import page_cache

from .factories import add_offer, listed_farm

pytestmark = pytest.mark.django_db

URL = reverse("catalogue:catalogue")


def test_the_same_search_is_served_from_the_cache_without_queries(client, django_assert_num_queries):
    add_offer(listed_farm(name="Solbakken"))
    first = client.get(URL, {"malgruppe": "demens"})
    with django_assert_num_queries(0):
        second = client.get(URL, {"malgruppe": "demens"})
    assert second.content == first.content
    assert "Solbakken" in second.content.decode()


def test_whole_page_and_htmx_results_are_kept_apart(client):
    listed_farm(name="Solbakken")
    client.get(URL, headers={"HX-Request": "true", "HX-Target": "results"})
    whole = client.get(URL)
    assert "<html" in whole.content.decode()
    assert whole["Vary"].count("HX-Request") == 1


@pytest.mark.parametrize(
    "change",
    [
        lambda farm: setattr(farm, "name", "Nytt navn") or farm.save(),
        lambda farm: add_offer(farm, title="Nytt tilbud"),
        lambda farm: farm.animals.set([]),
        lambda farm: setattr(farm.approval, "status", ApprovalStatus.SUSPENDED) or farm.approval.save(),
    ],
)
def test_any_change_to_the_catalogue_is_shown_at_once(client, change):
    farm = listed_farm(name="Solbakken", animals=["sau"])
    before = client.get(URL).content
    change(farm)
    assert client.get(URL).content != before


def test_a_change_gives_the_catalogue_a_new_version_again_when_it_commits(django_capture_on_commit_callbacks):
    farm = listed_farm(name="Solbakken")
    before = page_cache.version()
    with django_capture_on_commit_callbacks(execute=True):
        farm.name = "Nytt navn"
        farm.save()
        # Another process may render the farm as it was until the commit, under this version.
        during = page_cache.version()
    assert before != during != page_cache.version()


def test_logged_in_people_share_the_kept_results_but_get_their_own_header(client):
    listed_farm(name="Solbakken")
    first, second = member(Role.CASE_WORKER, full_name="Kari Først"), member(Role.NAV_ADVISER, full_name="Per Andre")
    client.force_login(first.user)
    assert "Kari Først" in client.get(URL).content.decode()
    client.force_login(second.user)
    html = client.get(URL).content.decode()
    assert "Per Andre" in html
    assert "Kari Først" not in html
    assert "Solbakken" in html


def test_the_cache_can_be_turned_off(client, settings):
    settings.CATALOGUE_CACHE_SECONDS = 0
    farm = listed_farm(name="Solbakken")
    client.get(URL)
    type(farm).objects.filter(pk=farm.pk).update(name="Endret uten signal")
    assert "Endret uten signal" in client.get(URL).content.decode()
