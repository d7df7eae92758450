"""Idempotency, the access log, ETag, constant query counts, the catalogue's filters and the schema."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from tunet.accounts.models import AccessLogEntry
from tunet.api.models import IdempotencyRecord
from tunet.care.models import Participant
from tunet.catalogue.models import ServiceArea
from tunet.catalogue.tests.factories import add_offer, listed_farm
from tunet.daily.models import Attendance
from tunet.daily.tests.factories import farm_day
from tunet.learning.tests.factories import ChapterFactory

from .helpers import api_client, bearer

pytestmark = pytest.mark.django_db

LAST_MONTH = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")


def post(client, token, payload, key=None):
    headers = bearer(token)
    if key:
        headers["HTTP_IDEMPOTENCY_KEY"] = key
    return client.post(reverse("api:attendance"), payload, content_type="application/json", **headers)


# --- Idempotency ------------------------------------------------------------------------------------------------


def test_a_repeated_post_with_the_same_key_returns_the_first_answer_and_changes_nothing(client):
    d = farm_day(1)
    _c, token = api_client(d.farm.provider)
    payload = {"placement": d.placements[0].pk, "date": timezone.localdate().isoformat(), "status": "present"}
    first = post(client, token, payload, key="dag-1")
    assert first.status_code == 201
    recorded_at = Attendance.objects.get().recorded_at
    second = post(client, token, payload, key="dag-1")
    assert second.status_code == 201
    assert second.json() == first.json()
    assert second["Idempotent-Replayed"] == "true"
    assert Attendance.objects.count() == 1
    assert Attendance.objects.get().recorded_at == recorded_at  # the action did not run again
    assert IdempotencyRecord.objects.count() == 1


def test_the_same_key_for_another_request_is_refused(client):
    d = farm_day(1)
    _c, token = api_client(d.farm.provider)
    day = timezone.localdate().isoformat()
    post(client, token, {"placement": d.placements[0].pk, "date": day, "status": "present"}, key="k")
    response = post(client, token, {"placement": d.placements[0].pk, "date": day, "status": "no_show"}, key="k")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert Attendance.objects.get().status == "present"


def test_a_refused_write_is_not_remembered(client):
    d = farm_day(1)
    _c, token = api_client(d.farm.provider)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    payload = {"placement": d.placements[0].pk, "date": tomorrow, "status": "present"}
    assert post(client, token, payload, key="k").status_code == 409
    assert not IdempotencyRecord.objects.exists()


def test_keys_belong_to_one_client(client):
    d = farm_day(1)
    _c, one = api_client(d.farm.provider, name="En")
    _c, two = api_client(d.farm.provider, name="To")
    day = timezone.localdate().isoformat()
    post(client, one, {"placement": d.placements[0].pk, "date": day, "status": "present"}, key="k")
    response = post(client, two, {"placement": d.placements[0].pk, "date": day, "status": "no_show"}, key="k")
    assert response.status_code == 201
    assert Attendance.objects.get().status == "no_show"


# --- The access log ------------------------------------------------------------------------------------------------


def logged(participants, client_):
    kind = ContentType.objects.get_for_model(Participant)
    return {
        p.pk: AccessLogEntry.objects.filter(actor=client_.user, subject_type=kind, subject_id=str(p.pk)).count()
        for p in participants
    }


@pytest.mark.parametrize("side", ["buyer", "farm"])
def test_every_read_of_participant_data_is_logged_in_the_clients_name(client, side):
    d = farm_day(2)
    organisation = d.case_worker.organisation if side == "buyer" else d.farm.provider
    api, token = api_client(organisation, name="Fagsystemet")
    participants = [p.participant for p in d.placements]
    urls = [reverse("api:placements"), reverse("api:attendance_month", args=[d.placements[0].pk, LAST_MONTH])]
    if side == "farm":
        urls.append(reverse("api:invoice_basis", args=[d.agreement.pk, LAST_MONTH]))
    for url in urls:
        assert client.get(url, **bearer(token)).status_code == 200, url
    counts = logged(participants, api)
    assert counts[participants[0].pk] == len(urls)
    assert counts[participants[1].pk] == len(urls) - 1
    entry = AccessLogEntry.objects.filter(actor=api.user).first()
    assert entry.organisation == organisation
    assert "Fagsystemet" in str(entry.actor)
    assert entry.path.startswith("/api/v1/")


def test_another_organisations_client_leaves_no_log_rows(client):
    d = farm_day(1)
    other = farm_day(1)
    api, token = api_client(other.case_worker.organisation)
    client.get(reverse("api:attendance_month", args=[d.placements[0].pk, LAST_MONTH]), **bearer(token))
    client.get(reverse("api:placements"), **bearer(token))
    assert logged([d.placements[0].participant], api) == {d.placements[0].participant.pk: 0}


# --- ETag -------------------------------------------------------------------------------------------------------------


def test_lists_answer_if_none_match_with_304(client):
    add_offer(listed_farm())
    first = client.get(reverse("api:farms"))
    etag = first["ETag"]
    again = client.get(reverse("api:farms"), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    add_offer(listed_farm(name="Ny gård"))
    assert client.get(reverse("api:farms"), HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_client_lists_have_etags_too(client):
    d = farm_day(1)
    _c, token = api_client(d.case_worker.organisation)
    first = client.get(reverse("api:placements"), **bearer(token))
    assert client.get(reverse("api:placements"), HTTP_IF_NONE_MATCH=first["ETag"], **bearer(token)).status_code == 304


# --- Query counts at two sizes ------------------------------------------------------------------------------------------


def farms(n):
    for i in range(n):
        farm = listed_farm(name=f"Gård {i:03d}")
        add_offer(farm)
        add_offer(farm, area=ServiceArea.WORK, target_group="arbeidssokere", weekdays=(0, 2))


@pytest.mark.parametrize("size", [2, 8])
def test_the_farm_search_takes_the_same_queries_at_any_size(client, django_assert_num_queries, size):
    farms(size)
    search = {"weekday": [1], "free_places": "true", "near": "Skien"}
    client.get(reverse("api:farms"), search)  # the catalogue's reference lists, read once and cached
    # The free offers (3), the farms, their offers, target groups, activities, days, the free places (2).
    with django_assert_num_queries(10):
        response = client.get(reverse("api:farms"), search)
    assert len(response.json()["results"]) == size


@pytest.mark.parametrize("size", [2, 8])
def test_the_chapter_list_takes_the_same_queries_at_any_size(client, django_assert_num_queries, size):
    ChapterFactory.create_batch(size)
    with django_assert_num_queries(1):
        response = client.get(reverse("api:chapters"))
    assert len(response.json()["results"]) == size


def test_the_municipality_list_takes_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get(reverse("api:municipalities"), {"county": "40"})
    assert response.json()["results"]


@pytest.mark.parametrize("size", [1, 4])
def test_client_lists_take_the_same_queries_at_any_size(client, django_assert_num_queries, size):
    d = farm_day(size)
    _c, token = api_client(d.case_worker.organisation)
    for name, queries in (("api:placements", 4), ("api:agreements", 4)):
        with django_assert_num_queries(queries):
            response = client.get(reverse(name), **bearer(token))
        assert response.status_code == 200


# --- The catalogue's filters -----------------------------------------------------------------------------------------------


def test_the_farm_search_filters_as_the_catalogue(client):
    dementia = listed_farm(name="Demensgården")
    add_offer(dementia, weekdays=(1, 3), places=1)
    work = listed_farm(name="Arbeidsgården", transport_offered=True)
    add_offer(work, area=ServiceArea.WORK, target_group="arbeidssokere", weekdays=(0,))

    def names(**params):
        response = client.get(reverse("api:farms"), params)
        assert response.status_code == 200, response.content
        return [farm["name"] for farm in response.json()["results"]]

    assert set(names()) == {"Demensgården", "Arbeidsgården"}
    assert names(service_area=ServiceArea.WORK) == ["Arbeidsgården"]
    assert names(target_group="demens") == ["Demensgården"]
    assert names(weekday=1) == ["Demensgården"]
    assert names(weekday=[0, 1]) == []
    assert names(transport="true") == ["Arbeidsgården"]
    assert set(names(county="40", near="Skien", radius_km=20)) == {"Demensgården", "Arbeidsgården"}
    assert names(near="Tromsø", radius_km=50) == []
    farm = client.get(reverse("api:farm", args=[dementia.pk])).json()
    assert farm["approval"]["status"] == "approved"
    assert farm["approval"]["valid_until"]
    assert farm["offers"][0]["days"][0]["free_places"] == 1


def test_bad_filters_are_400_problems_in_norwegian(client):
    response = client.get(reverse("api:farms"), {"near": "Atlantis"})
    assert response.status_code == 400
    assert "Atlantis" in response.json()["errors"]["near"][0]
    assert client.get(reverse("api:farms"), {"weekday": "mandag"}).status_code == 400


def test_pagination_is_by_cursor(client):
    farms(3)
    first = client.get(reverse("api:farms"), {"page_size": 2}).json()
    assert len(first["results"]) == 2
    assert "cursor=" in first["next"]
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1
    assert {f["id"] for f in first["results"]}.isdisjoint({f["id"] for f in second["results"]})


# --- The schema -------------------------------------------------------------------------------------------------------------


def test_the_openapi_document_validates_and_covers_every_endpoint():
    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    paths = set(schema["paths"])
    for path in (
        "/api/v1/farms/",
        "/api/v1/farms/{id}/",
        "/api/v1/municipalities/",
        "/api/v1/handbook/chapters/",
        "/api/v1/requests/",
        "/api/v1/offers/",
        "/api/v1/agreements/",
        "/api/v1/placements/",
        "/api/v1/placements/{id}/attendance/{month}/",
        "/api/v1/agreements/{id}/invoice-bases/{month}/",
        "/api/v1/attendance/",
    ):
        assert path in paths
    farm = schema["components"]["schemas"]["Farm"]["properties"]
    assert farm["approval"]
    assert "Gårdens navn" in farm["name"]["description"]


def test_the_schema_is_served(client):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


# --- Invoice basis files and rate limits -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("download", "content_type"), [("csv", "text/csv"), ("xlsx", "application/vnd.openxml")])
def test_the_invoice_basis_comes_as_the_pages_file_too(client, download, content_type):
    d = farm_day(1)
    api, token = api_client(d.farm.provider)
    url = reverse("api:invoice_basis", args=[d.agreement.pk, LAST_MONTH])
    response = client.get(url, {"download": download}, **bearer(token))
    assert response.status_code == 200
    assert response["Content-Type"].startswith(content_type)
    assert "attachment" in response["Content-Disposition"]
    assert logged([d.placements[0].participant], api) == {d.placements[0].participant.pk: 1}
    assert client.get(url, {"download": "pdf"}, **bearer(token)).status_code == 400


def test_each_client_has_its_own_rate_limit(client, monkeypatch):
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"client": "2/minute", "anon": "100/minute"})
    d = farm_day(1)
    _c, one = api_client(d.case_worker.organisation, name="En")
    _c, two = api_client(d.case_worker.organisation, name="To")
    url = reverse("api:agreements")
    assert [client.get(url, **bearer(one)).status_code for _ in range(3)] == [200, 200, 429]
    refused = client.get(url, **bearer(one))
    assert refused["Content-Type"] == "application/problem+json"
    assert "Retry-After" in refused
    assert "sekunder" in refused.json()["detail"]
    assert client.get(url, **bearer(two)).status_code == 200
