"""The permission matrix over every endpoint: anonymous, a client of the organisation, a client of
another organisation, a revoked and an expired client, and a client without the scope. Errors are
problem details in Norwegian."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.api.models import Scope
from tunet.catalogue.tests.factories import FarmFactory, add_offer, listed_farm
from tunet.daily.models import Attendance
from tunet.daily.tests.factories import farm_day
from tunet.learning.tests.factories import ChapterFactory
from tunet.purchasing.tests.scene import buyer

from .helpers import api_client, bearer

pytestmark = pytest.mark.django_db

LAST_MONTH = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")


@pytest.fixture
def d():
    return farm_day(2)


def buyer_endpoints(d):
    """(name, url, scope) of every read a buyer's client makes about this scene."""
    placement = d.placements[0]
    return [
        ("requests", reverse("api:requests"), Scope.AGREEMENTS_READ),
        ("offers", reverse("api:offers"), Scope.AGREEMENTS_READ),
        ("agreements", reverse("api:agreements"), Scope.AGREEMENTS_READ),
        ("agreement", reverse("api:agreement", args=[d.agreement.pk]), Scope.AGREEMENTS_READ),
        ("placements", reverse("api:placements"), Scope.PLACEMENTS_READ),
        (
            "attendance_month",
            reverse("api:attendance_month", args=[placement.pk, LAST_MONTH]),
            Scope.PLACEMENTS_READ,
        ),
    ]


def farm_endpoints(d):
    return [
        ("agreements", reverse("api:agreements"), Scope.AGREEMENTS_READ),
        ("agreement", reverse("api:agreement", args=[d.agreement.pk]), Scope.AGREEMENTS_READ),
        ("placements", reverse("api:placements"), Scope.PLACEMENTS_READ),
        (
            "invoice_basis",
            reverse("api:invoice_basis", args=[d.agreement.pk, LAST_MONTH]),
            Scope.INVOICES_READ,
        ),
        (
            "attendance_month",
            reverse("api:attendance_month", args=[d.placements[0].pk, LAST_MONTH]),
            Scope.PLACEMENTS_READ,
        ),
    ]


LISTS = {"requests", "offers", "agreements", "placements"}


def assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status
    assert body["detail"]
    assert body["title"]
    return body


# --- Public ---------------------------------------------------------------------------------------------------


def test_public_endpoints_need_no_key(client):
    farm = listed_farm()
    add_offer(farm)
    chapter = ChapterFactory()
    for url in (
        reverse("api:farms"),
        reverse("api:farm", args=[farm.pk]),
        reverse("api:municipalities"),
        reverse("api:chapters"),
        reverse("api:chapter", args=[chapter.key]),
        reverse("api:schema"),
    ):
        assert client.get(url).status_code == 200, url


def test_unlisted_farms_and_drafts_are_not_public(client):
    hidden = FarmFactory()  # not approved
    draft = ChapterFactory(is_published=False)
    assert_problem(client.get(reverse("api:farm", args=[hidden.pk])), 404)
    assert_problem(client.get(reverse("api:chapter", args=[draft.key])), 404)
    assert client.get(reverse("api:farms")).json()["results"] == []


# --- Organisation endpoints --------------------------------------------------------------------------------------


@pytest.mark.parametrize("side", ["buyer", "farm"])
def test_anonymous_is_refused_with_401(client, d, side):
    endpoints = buyer_endpoints(d) if side == "buyer" else farm_endpoints(d)
    for _name, url, _scope in endpoints:
        body = assert_problem(client.get(url), 401)
        assert "API-klient" in body["detail"] or "nøkkel" in body["detail"]
    assert_problem(client.post(reverse("api:attendance"), {}, content_type="application/json"), 401)


def test_the_buyers_client_reads_its_own(client, d):
    _c, token = api_client(d.case_worker.organisation)
    for name, url, _scope in buyer_endpoints(d):
        response = client.get(url, **bearer(token))
        assert response.status_code == 200, (name, response.content)
        if name in LISTS - {"requests", "offers"}:
            assert response.json()["results"], name


def test_the_farms_client_reads_its_own(client, d):
    _c, token = api_client(d.farm.provider)
    for name, url, _scope in farm_endpoints(d):
        response = client.get(url, **bearer(token))
        assert response.status_code == 200, (name, response.content)
        if name in LISTS:
            assert response.json()["results"], name


@pytest.mark.parametrize("side", ["buyer", "farm"])
def test_another_organisations_client_sees_nothing(client, d, side):
    other = buyer("3301").organisation if side == "buyer" else member(Role.FARMER, FarmFactory().provider).organisation
    _c, token = api_client(other)
    for name, url, _scope in buyer_endpoints(d) + farm_endpoints(d):
        response = client.get(url, **bearer(token))
        if name in LISTS:
            assert response.status_code == 200, name
            assert response.json()["results"] == [], name
        else:
            assert_problem(response, 404 if name in {"agreement", "attendance_month"} else response.status_code)
            assert response.status_code in (403, 404), name


@pytest.mark.parametrize("state", ["revoked", "expired"])
def test_revoked_and_expired_clients_are_refused(client, d, state):
    _c, token = api_client(d.case_worker.organisation, **{state: True})
    for _name, url, _scope in buyer_endpoints(d):
        assert_problem(client.get(url, **bearer(token)), 401)


def test_a_wrong_or_garbled_key_is_refused(client, d):
    _c, token = api_client(d.case_worker.organisation)
    url = reverse("api:placements")
    assert_problem(client.get(url, **bearer(token[:-2] + "xx")), 401)
    assert_problem(client.get(url, **bearer("tunet_nothing")), 401)
    assert_problem(client.get(url, HTTP_AUTHORIZATION="Bearer"), 401)


@pytest.mark.parametrize("side", ["buyer", "farm"])
def test_a_client_without_the_scope_is_refused_with_403(client, d, side):
    organisation = d.case_worker.organisation if side == "buyer" else d.farm.provider
    endpoints = buyer_endpoints(d) if side == "buyer" else farm_endpoints(d)
    for name, url, scope in endpoints:
        others = [s for s in Scope.values if s != scope]
        _c, token = api_client(organisation, others, name=f"Uten {scope}")
        body = assert_problem(client.get(url, **bearer(token)), 403)
        assert "omfang" in body["detail"] or "tilgang" in body["detail"], name


def test_attendance_post_matrix(client, d):
    placement = d.placements[0]
    day = timezone.localdate()
    payload = {"placement": placement.pk, "date": day.isoformat(), "status": "present"}
    url = reverse("api:attendance")
    _c, buyer_token = api_client(d.case_worker.organisation)  # a buyer does not run the farm day
    _c, other_token = api_client(member(Role.FARMER, FarmFactory().provider).organisation)
    _c, no_scope = api_client(d.farm.provider, [Scope.PLACEMENTS_READ])
    _c, revoked = api_client(d.farm.provider, revoked=True)
    _c, token = api_client(d.farm.provider)
    assert_problem(client.post(url, payload, content_type="application/json", **bearer(buyer_token)), 403)
    assert_problem(client.post(url, payload, content_type="application/json", **bearer(other_token)), 404)
    assert_problem(client.post(url, payload, content_type="application/json", **bearer(no_scope)), 403)
    assert_problem(client.post(url, payload, content_type="application/json", **bearer(revoked)), 401)
    assert not Attendance.objects.exists()
    response = client.post(url, payload, content_type="application/json", **bearer(token))
    assert response.status_code == 201, response.content
    assert Attendance.objects.get().status == "present"


def test_the_rules_refuse_as_409_in_norwegian(client, d):
    _c, token = api_client(d.farm.provider)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    payload = {"placement": d.placements[0].pk, "date": tomorrow.isoformat(), "status": "present"}
    body = assert_problem(
        client.post(reverse("api:attendance"), payload, content_type="application/json", **bearer(token)), 409
    )
    assert "fravær" in body["detail"]


def test_an_invalid_body_is_a_400_problem_with_errors(client, d):
    _c, token = api_client(d.farm.provider)
    body = assert_problem(
        client.post(reverse("api:attendance"), {"status": "kanskje"}, content_type="application/json", **bearer(token)),
        400,
    )
    assert {"placement", "date", "status"} <= set(body["errors"])


def test_the_buyer_does_not_see_an_unsent_invoice_basis(client, d):
    _c, token = api_client(d.case_worker.organisation)
    response = client.get(reverse("api:invoice_basis", args=[d.agreement.pk, LAST_MONTH]), **bearer(token))
    assert_problem(response, 400)


def test_client_responses_are_never_stored(client, d):
    _c, token = api_client(d.case_worker.organisation)
    response = client.get(reverse("api:placements"), **bearer(token))
    assert "no-store" in response["Cache-Control"]
