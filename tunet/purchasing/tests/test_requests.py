"""Requests, matching, offers, accepting and capacity."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from tunet.accounts import access
from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.approval.models import Approval, ApprovalStatus
from tunet.catalogue.tests.factories import add_offer
from tunet.core.models import Notification
from tunet.purchasing import actions, capacity, matching, queries, tasks
from tunet.purchasing.actions import agreements
from tunet.purchasing.models import (
    OPEN_END,
    Agreement,
    AgreementStatus,
    ProposalStatus,
    Request,
    RequestStatus,
    Reservation,
    add_months,
)
from tunet.purchasing.tests.scene import THURSDAY, TUESDAY, buyer, farm_with_offer, proposal, request_for

pytestmark = pytest.mark.django_db


def as_(client, membership):
    client.force_login(membership.user)
    return client


# --- Matching ranks as documented ---------------------------------------------------------------------


def test_matching_ranks_capacity_then_transport_then_distance():
    case_worker = buyer()
    # Near Skien's centre (59.21, 9.61), full on Thursdays:
    full, full_offer, _ = farm_with_offer(places=1, lat=59.21, lon=9.61, name="Full gård", transport=True)
    # Far (Porsgrunn side) but with transport and room:
    far_driving, *_ = farm_with_offer(places=4, lat=59.05, lon=9.65, name="Langt unna med bil", transport=True)
    # Near, room, no transport:
    near_no_car, *_ = farm_with_offer(places=4, lat=59.22, lon=9.60, name="Nær uten bil", transport=False)
    # Near, room, transport:
    best, *_ = farm_with_offer(places=4, lat=59.23, lon=9.62, name="Best", transport=True)
    request = request_for(case_worker, places=2, transport=True)
    names = [entry.farm.name for entry in matching.rank(request)]
    assert names == ["Best", "Langt unna med bil", "Nær uten bil", "Full gård"]
    ranked = {entry.farm.name: entry for entry in matching.rank(request)}
    assert ranked["Best"].fits
    assert not ranked["Full gård"].enough
    assert any("For få ledige plasser" in reason for reason in ranked["Full gård"].reasons)
    assert any("Tilbyr ikke transport" in reason for reason in ranked["Nær uten bil"].reasons)
    assert any(reason.endswith("km unna") for reason in ranked["Best"].reasons)


def test_matching_leaves_out_unapproved_farms_other_groups_and_other_areas():
    case_worker = buyer()
    farm_with_offer(name="Med")
    suspended, *_ = farm_with_offer(name="Suspendert")
    Approval.objects.filter(farm=suspended).update(status=ApprovalStatus.SUSPENDED)
    other_group, *_ = farm_with_offer(name="Annen gruppe")
    other_group.offers.all().delete()
    add_offer(other_group, target_group="psykisk-helse-rus")
    farm_with_offer(name="Porsgrunn", municipality="4001", lat=59.12, lon=9.76)
    request = request_for(case_worker, municipalities=("4003",))
    assert [entry.farm.name for entry in matching.rank(request)] == ["Med"]
    by_radius = request_for(case_worker, municipalities=(), near="4003", radius_km=30)
    assert {entry.farm.name for entry in matching.rank(by_radius)} == {"Med", "Porsgrunn"}


def test_capacity_counts_reservations_over_the_whole_period():
    case_worker = buyer()
    farm, offer, farmer = farm_with_offer(places=3)
    first = request_for(case_worker, places=2)
    agreement = actions.do_accept_proposal(case_worker, proposal(first, farm, offer, farmer))
    free = capacity.free_places([offer.pk], first.start, first.end)[offer.pk]
    assert free == {TUESDAY: 1, THURSDAY: 1}
    # The agreement renews itself unless terminated, so it holds its places after its end date too.
    later = first.start + datetime.timedelta(days=365 * 3 + 10)
    assert capacity.free_places([offer.pk], later, later)[offer.pk] == {TUESDAY: 1, THURSDAY: 1}
    # Without renewal the places are free again after the three years.
    version = agreement.versions.get()
    version.renewal_years = 0
    version.save()
    agreements._reserve(agreement, version)
    assert capacity.free_places([offer.pk], later, later)[offer.pk] == {TUESDAY: 3, THURSDAY: 3}


def test_an_agreement_that_does_not_renew_ends_after_its_end_date():
    case_worker = buyer()
    farm, offer, farmer = farm_with_offer(places=3)
    agreement = actions.do_accept_proposal(case_worker, proposal(request_for(case_worker), farm, offer, farmer))
    version = agreement.versions.get()
    version.renewal_years = 0
    version.farm_contact, version.emergency_phone = "Kari Gård, 900 00 000", "900 00 000"
    version.save()
    actions.do_sign_agreement(case_worker, version)
    actions.do_sign_agreement(farmer, version)
    with time_machine.travel(version.end + datetime.timedelta(days=1)):
        assert tasks.run_daily.call()["ended"] == 1
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ENDED


def test_an_offer_from_a_farm_no_longer_approved_cannot_be_accepted():
    case_worker = buyer()
    farm, offer, farmer = farm_with_offer()
    offered = proposal(request_for(case_worker), farm, offer, farmer)
    Approval.objects.filter(farm=farm).update(status=ApprovalStatus.SUSPENDED)
    with pytest.raises(actions.NotAllowed, match="godkjenning"):
        actions.do_accept_proposal(case_worker, offered)


def test_notifications_go_to_the_buyers_of_that_organisation_only():
    skien, other = buyer(), buyer()
    # A buyer in another municipality who is also staff at this farm is not this farm's farmer,
    # nor is a farm employee in Skien Skien's buyer.
    farm, _offer, farmer = farm_with_offer()
    member(Role.FARM_STAFF, farm.provider, email="dobbel@tunet.test")
    from tunet.accounts.models import Membership, User

    both = User.objects.get(email="dobbel@tunet.test")
    Membership.objects.create(user=both, organisation=other.organisation, role=Role.CASE_WORKER)
    assert set(access.farm_keepers(farm)) == {farmer.user}
    assert set(queries.buyers(skien.organisation)) == {skien.user}
    assert set(queries.buyers(other.organisation)) == {other.user, both}


# --- Accepting and overbooking -----------------------------------------------------------------------


def test_accepting_reserves_places_makes_the_agreement_and_closes_the_request():
    case_worker = buyer()
    farm, offer, farmer = farm_with_offer(places=4)
    other_farm, other_offer, other_farmer = farm_with_offer(places=4)
    request = request_for(case_worker, places=2)
    chosen = proposal(request, farm, offer, farmer)
    other = proposal(request, other_farm, other_offer, other_farmer)
    agreement = actions.do_accept_proposal(case_worker, chosen)
    assert actions.do_accept_proposal(case_worker, chosen) == agreement  # a double click
    assert Agreement.objects.count() == 1
    version = agreement.versions.get()
    assert version.places == {str(TUESDAY): 2, str(THURSDAY): 2}
    assert (version.end - version.start).days in (1094, 1095)  # three years
    assert set(Reservation.objects.values_list("weekday", "places")) == {(TUESDAY, 2), (THURSDAY, 2)}
    request.refresh_from_db()
    other.refresh_from_db()
    assert request.status == RequestStatus.CLOSED
    assert other.status == ProposalStatus.REJECTED
    assert Notification.objects.filter(user=farmer.user).exists()


def test_the_last_places_cannot_be_taken_twice():
    farm, offer, farmer = farm_with_offer(places=2)
    first_buyer, second_buyer = buyer(), buyer()
    first = proposal(request_for(first_buyer, places=2), farm, offer, farmer)
    second = proposal(request_for(second_buyer, places=1), farm, offer, farmer)
    actions.do_accept_proposal(first_buyer, first)
    with pytest.raises(actions.NotAllowed, match="ledige plasser"):
        actions.do_accept_proposal(second_buyer, second)
    assert Agreement.objects.count() == 1
    second.refresh_from_db()
    assert second.status == ProposalStatus.SUBMITTED


def test_only_the_requests_buyer_accepts():
    farm, offer, farmer = farm_with_offer()
    request = request_for(buyer())
    with pytest.raises(PermissionDenied):
        actions.do_accept_proposal(buyer(), proposal(request, farm, offer, farmer))


def test_a_farm_answers_only_requests_it_may_see():
    case_worker = buyer()
    request = request_for(case_worker)
    far_farm, _offer, far_farmer = farm_with_offer(municipality="4001", lat=59.12, lon=9.76)
    with pytest.raises(PermissionDenied):
        actions.do_decline_request(far_farmer, request, far_farm, "Nei")
    actions.do_invite_farm(case_worker, request, far_farm)
    assert actions.do_decline_request(far_farmer, request, far_farm, "Fullt").status == ProposalStatus.DECLINED


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


def _signed(places=2, capacity_places=3):
    case_worker = buyer()
    farm, offer, farmer = farm_with_offer(places=capacity_places)
    agreement = actions.do_accept_proposal(
        case_worker, proposal(request_for(case_worker, places=places), farm, offer, farmer)
    )
    version = agreement.versions.get()
    version.farm_contact, version.emergency_phone = "Kari Gård, 900 00 000", "900 00 000"
    version.save()
    actions.do_sign_agreement(case_worker, version)
    actions.do_sign_agreement(farmer, version)
    agreement.refresh_from_db()
    return agreement, case_worker, farmer, offer


def test_notice_ends_the_agreement_after_the_notice_period_and_frees_the_places():
    agreement, case_worker, farmer, offer = _signed()
    today = timezone.localdate()
    with pytest.raises(actions.NotAllowed):
        actions.do_give_notice(farmer, agreement, "  ")
    actions.do_give_notice(farmer, agreement, "Vi avvikler dagtilbudet.")
    actions.do_give_notice(farmer, agreement, "Igjen")  # a second click changes nothing
    agreement.refresh_from_db()
    version = agreement.versions.get()
    assert agreement.ends_on == min(
        add_months(today, version.termination_months), version.end if not version.renewal_years else OPEN_END
    )
    assert agreement.notice_note == "Vi avvikler dagtilbudet."
    after = agreement.ends_on + datetime.timedelta(days=1)
    assert capacity.free_places([offer.pk], after, after)[offer.pk] == {TUESDAY: 3, THURSDAY: 3}
    assert capacity.free_places([offer.pk], agreement.ends_on, agreement.ends_on)[offer.pk] == {TUESDAY: 1, THURSDAY: 1}
    assert Notification.objects.filter(user=case_worker.user, title__contains="sagt opp").exists()
    with time_machine.travel(after):
        tasks.run_daily.call()
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.ENDED


def test_notice_through_the_page_asks_why_and_only_signers_may_give_it(client):
    agreement, case_worker, farmer, _offer = _signed()
    staff = member(Role.FARM_STAFF, agreement.farm.provider)
    url = reverse("purchasing:agreement_notice", args=[agreement.pk])
    assert as_(client, staff).post(url, {"note": "Nei"}).status_code == 403
    as_(client, case_worker)
    assert "Ja, si opp avtalen" in client.get(url).content.decode()
    assert client.post(url, {"note": ""}).status_code == 400
    assert client.post(url, {"note": "Behovet er borte"}).status_code == 302
    agreement.refresh_from_db()
    assert agreement.notice_given_by == case_worker.user
    assert "er sagt opp" in client.get(reverse("purchasing:agreement", args=[agreement.pk])).content.decode()
