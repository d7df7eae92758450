"""The request pages: who sees what, answering and accepting through them, and the query counts."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.approval.models import Approval, ApprovalStatus, sync_listings
from tunet.core.models import Notification
from tunet.purchasing import actions, matching
from tunet.purchasing.models import (
    Agreement,
    ProposalStatus,
    Request,
    RequestStatus,
    Reservation,
)
from tunet.purchasing.tests.helpers import as_
from tunet.purchasing.tests.scene import THURSDAY, TUESDAY, buyer, farm_with_offer, proposal, request_for

pytestmark = pytest.mark.django_db


# --- Pages: who sees what --------------------------------------------------------------------------------


def test_a_buyer_sees_only_its_own_requests(client):
    mine, theirs = buyer(), buyer()
    request = request_for(theirs)
    assert as_(client, mine).get(reverse("purchasing:request", args=[request.pk])).status_code == 403
    assert request.title not in as_(client, mine).get(reverse("purchasing:overview")).content.decode()
    assert as_(client, theirs).get(reverse("purchasing:request", args=[request.pk])).status_code == 200


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("matching_farm", 200),
        ("invited_farm", 200),
        ("other_farm", 403),
        ("approval_officer", 403),
        ("auditor", 403),
        ("other_buyer", 403),
        ("staff_of_matching_farm", 200),
    ],
)
def test_who_may_open_a_request(client, who, expected):
    case_worker = buyer()
    request = request_for(case_worker)
    matching_farm, _, matching_farmer = farm_with_offer()
    invited_farm, _, invited_farmer = farm_with_offer(municipality="4001", lat=59.12, lon=9.76)
    actions.do_invite_farm(case_worker, request, invited_farm)
    _, _, other_farmer = farm_with_offer(municipality="4001", lat=59.12, lon=9.76)
    people = {
        "matching_farm": matching_farmer,
        "invited_farm": invited_farmer,
        "other_farm": other_farmer,
        "approval_officer": member(Role.APPROVAL_OFFICER),
        "auditor": member(Role.AUDITOR),
        "other_buyer": buyer(),
        "staff_of_matching_farm": member(Role.FARM_STAFF, matching_farm.provider),
    }
    response = as_(client, people[who]).get(reverse("purchasing:request", args=[request.pk]))
    assert response.status_code == expected
    listed = request.title in as_(client, people[who]).get(reverse("purchasing:overview")).content.decode()
    assert listed == (expected == 200)


def test_the_farm_sends_an_offer_through_the_page_and_the_buyer_accepts(client):
    case_worker = buyer()
    farm, offer, farmer = farm_with_offer(places=3)
    request = request_for(case_worker, places=2)
    as_(client, farmer)
    page = client.get(reverse("purchasing:request", args=[request.pk])).content.decode()
    assert "tirsdag 3" in page
    url = reverse("purchasing:proposal_submit", args=[request.pk])
    refused = client.post(
        url,
        {
            "service_offer": offer.pk,
            "places": 2,
            "weekdays": [TUESDAY, 5],
            "price_model": "attended_day",
            "price": "700",
            "note": "Vi henter",
        },
    )
    assert refused.status_code == 400
    assert "lørdag" in refused.content.decode()
    assert "Vi henter" in refused.content.decode()
    data = {
        "service_offer": offer.pk,
        "places": 2,
        "weekdays": [TUESDAY, THURSDAY],
        "price_model": "attended_day",
        "price": "700",
        "note": "Vi henter",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # a double submit: still one offer
    sent = request.proposals.get()
    as_(client, case_worker)
    accept = reverse("purchasing:proposal_accept", args=[request.pk, sent.pk])
    assert "Ja, godta tilbudet" in client.get(accept).content.decode()
    response = client.post(accept)
    agreement = Agreement.objects.get()
    assert response["Location"] == reverse("purchasing:agreement", args=[agreement.pk])
    farm_page = client.get(reverse("catalogue:farm", args=[farm.pk])).content.decode()
    assert 'data-free="1">1<' in farm_page


def test_the_request_form_refuses_personal_data_and_keeps_what_was_typed(client):
    case_worker = buyer()
    as_(client, case_worker)
    today = timezone.localdate()
    data = {
        "title": "Plass til en bruker",
        "service_area": "health",
        "target_group": _demens_pk(),
        "places": 1,
        "weekdays": [TUESDAY],
        "start": (today + datetime.timedelta(days=30)).isoformat(),
        "months": 12,
        "municipalities": ["4003"],
        "answer_by": (today + datetime.timedelta(days=10)).isoformat(),
        "description": "Gjelder Ola, fnr 01017000027, som trenger ro.",
    }
    response = client.post(reverse("purchasing:request_new"), data)
    assert response.status_code == 400
    assert "fødselsnummeret" in response.content.decode()
    assert "Plass til en bruker" in response.content.decode()
    data["description"] = "Rolige dager med dyr."
    data["answer_by"] = (today + datetime.timedelta(days=40)).isoformat()
    assert "før plassene starter" in client.post(reverse("purchasing:request_new"), data).content.decode()
    data["answer_by"] = (today + datetime.timedelta(days=10)).isoformat()
    assert client.post(reverse("purchasing:request_new"), data).status_code == 302
    assert Request.objects.get().buyer == case_worker.organisation


def test_publishing_tells_the_matching_farms():
    case_worker = buyer()
    _farm, _offer, farmer = farm_with_offer()
    _far, _far_offer, far_farmer = farm_with_offer(municipality="4001", lat=59.12, lon=9.76)
    from tunet.purchasing.forms import RequestForm

    today = timezone.localdate()
    form = RequestForm(
        {
            "title": "Dagtilbud",
            "service_area": "health",
            "target_group": _demens_pk(),
            "places": 1,
            "weekdays": [TUESDAY],
            "start": (today + datetime.timedelta(days=30)).isoformat(),
            "months": 12,
            "municipalities": ["4003"],
            "answer_by": (today + datetime.timedelta(days=10)).isoformat(),
        },
        buyer=case_worker.organisation,
    )
    assert form.is_valid(), form.errors
    actions.do_create_request(case_worker, **form.cleaned_data)
    assert Notification.objects.filter(user=farmer.user).count() == 1
    assert not Notification.objects.filter(user=far_farmer.user).exists()


@pytest.mark.parametrize("farms", [2, 12])
def test_the_request_page_runs_a_constant_number_of_queries(client, farms, django_assert_num_queries):
    case_worker = buyer()
    for _ in range(farms):
        farm, offer, farmer = farm_with_offer()
    request = request_for(case_worker)
    proposal(request, farm, offer, farmer)
    as_(client, case_worker)
    client.get(reverse("purchasing:request", args=[request.pk]))  # warm the session
    with django_assert_num_queries(QUERIES_ON_REQUEST_PAGE):
        assert client.get(reverse("purchasing:request", args=[request.pk])).status_code == 200


QUERIES_ON_REQUEST_PAGE = 14


def _demens_pk():
    from tunet.catalogue.models import TargetGroup

    return TargetGroup.objects.get(code="demens").pk


def test_cancelling_an_unsigned_agreement_lets_the_buyer_choose_again():
    case_worker = buyer()
    farm, offer, farmer = farm_with_offer(places=4)
    other_farm, other_offer, other_farmer = farm_with_offer(places=4)
    request = request_for(case_worker, places=2)
    chosen = proposal(request, farm, offer, farmer)
    other = proposal(request, other_farm, other_offer, other_farmer)
    agreement = actions.do_accept_proposal(case_worker, chosen)
    actions.do_cancel_agreement(case_worker, agreement)
    request.refresh_from_db()
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert request.status == RequestStatus.OPEN
    assert chosen.status == ProposalStatus.REJECTED
    assert other.status == ProposalStatus.SUBMITTED
    assert not Reservation.objects.exists()
    assert actions.do_accept_proposal(case_worker, other).farm == other_farm


def test_an_offer_whose_agreement_was_cancelled_is_not_opened_again():
    # Accept A, cancel; accept B, cancel: A had its agreement already, and accepting it again would
    # make a second agreement for the same offer (it crashed on the one-agreement-per-offer rule).
    case_worker = buyer()
    a_farm, a_offer, a_farmer = farm_with_offer()
    b_farm, b_offer, b_farmer = farm_with_offer()
    request = request_for(case_worker)
    first = proposal(request, a_farm, a_offer, a_farmer)
    second = proposal(request, b_farm, b_offer, b_farmer)
    actions.do_cancel_agreement(case_worker, actions.do_accept_proposal(case_worker, first))
    second.refresh_from_db()
    actions.do_cancel_agreement(case_worker, actions.do_accept_proposal(case_worker, second))
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (ProposalStatus.REJECTED, ProposalStatus.REJECTED)
    with pytest.raises(actions.NotAllowed):
        actions.do_accept_proposal(case_worker, first)
    assert Agreement.objects.filter(status="cancelled").count() == 2


def test_only_approved_farms_are_invited():
    case_worker = buyer()
    request = request_for(case_worker)
    suspended, _offer, farmer = farm_with_offer()
    Approval.objects.filter(farm=suspended).update(status=ApprovalStatus.SUSPENDED)
    sync_listings()  # a bulk write: the farm's listing follows, as in production (approval.models)
    with pytest.raises(actions.NotAllowed, match="ikke godkjent"):
        actions.do_invite_farm(case_worker, request, suspended)
    assert not request.invitations.exists()
    with pytest.raises(PermissionDenied):
        actions.do_decline_request(farmer, request, suspended, "Fullt")


def test_a_farm_in_the_corner_of_the_box_but_beyond_the_radius_may_not_answer(client):
    from tunet.core import geo
    from tunet.core.models import Municipality

    case_worker = buyer()
    request = request_for(case_worker, municipalities=(), near="4003", radius_km=10)
    skien = Municipality.objects.get(pk="4003")
    _min_lat, max_lat, _min_lon, max_lon = geo.bounding_box(skien.latitude, skien.longitude, 10)
    corner, _offer, farmer = farm_with_offer(lat=max_lat - 0.001, lon=max_lon - 0.001)
    assert geo.distance_km(skien.latitude, skien.longitude, corner.latitude, corner.longitude) > 10
    assert not matching.farm_may_see(request, corner)
    assert as_(client, farmer).get(reverse("purchasing:request", args=[request.pk])).status_code == 403
    with pytest.raises(PermissionDenied):
        actions.do_decline_request(farmer, request, corner, "Nei")


def test_the_buyer_cannot_answer_its_own_request(client):
    case_worker = buyer()
    request = request_for(case_worker)
    as_(client, case_worker)
    assert client.post(reverse("purchasing:proposal_decline", args=[request.pk]), {"reason": "Nei"}).status_code == 403
    assert client.post(reverse("purchasing:proposal_submit", args=[request.pk]), {}).status_code == 403
    assert not request.proposals.exists()


def test_an_offer_gives_at_most_the_places_asked_for(client):
    case_worker = buyer()
    _farm, offer, farmer = farm_with_offer(places=4)
    request = request_for(case_worker, places=2)
    data = {
        "service_offer": offer.pk,
        "places": 4,
        "weekdays": [TUESDAY, THURSDAY],
        "price_model": "attended_day",
        "price": "700",
    }
    refused = as_(client, farmer).post(reverse("purchasing:proposal_submit", args=[request.pk]), data)
    assert refused.status_code == 400
    assert "Tilby høyst så mange" in refused.content.decode()
    assert not request.proposals.exists()


def test_saying_no_tells_the_buyer():
    case_worker = buyer()
    request = request_for(case_worker)
    farm, _offer, farmer = farm_with_offer()
    actions.do_decline_request(farmer, request, farm, "Fullt på tirsdager til sommeren")
    actions.do_decline_request(farmer, request, farm, "Fullt på tirsdager til sommeren")  # a double submit
    told = Notification.objects.filter(user=case_worker.user, url=reverse("purchasing:request", args=[request.pk]))
    assert told.count() == 1
    assert "Fullt på tirsdager" in told.get().body


# --- The overview runs the same queries however much each side has ---------------------------------------


def _overview_queries(client, membership):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    as_(client, membership)
    client.get(reverse("purchasing:overview"))  # warm the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("purchasing:overview"))
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _business(case_worker, farm, offer, farmer, count):
    """count open requests with an offer each, and count accepted ones with their agreements."""
    for _ in range(count):
        proposal(request_for(case_worker, places=1), farm, offer, farmer)
        actions.do_accept_proposal(case_worker, proposal(request_for(case_worker, places=1), farm, offer, farmer))


@pytest.mark.parametrize("side", ["buyer", "farm"])
def test_the_overview_runs_a_constant_number_of_queries(client, side):
    case_worker = buyer()
    farm, offer, farmer = farm_with_offer(places=50)
    viewer = case_worker if side == "buyer" else farmer
    _business(case_worker, farm, offer, farmer, 1)
    small, _page = _overview_queries(client, viewer)
    _business(case_worker, farm, offer, farmer, 4)
    large, page = _overview_queries(client, viewer)
    assert large == small
    assert page.count(reverse("purchasing:agreement", args=[Agreement.objects.latest("pk").pk])) == 1
    assert Agreement.objects.count() == 5


def test_a_farmer_who_did_not_answer_a_closed_request_is_told_it_is_closed(client):
    case_worker = buyer()
    request = request_for(case_worker)
    _farm, _offer, farmer = farm_with_offer()
    actions.do_cancel_request(case_worker, request)
    page = as_(client, farmer).get(reverse("purchasing:request", args=[request.pk])).content.decode()
    assert "Forespørselen er avsluttet." in page
    assert "Gårdbrukeren svarer" not in page
