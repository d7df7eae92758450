"""Requests, matching, offers, accepting and capacity."""

import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from tunet.accounts import access
from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.approval.models import Approval, ApprovalStatus, sync_listings
from tunet.catalogue.tests.factories import add_offer
from tunet.core.models import Notification
from tunet.purchasing import actions, capacity, matching, queries, tasks
from tunet.purchasing.actions import agreements
from tunet.purchasing.models import (
    Agreement,
    AgreementStatus,
    ProposalStatus,
    RequestStatus,
    Reservation,
)
from tunet.purchasing.tests.scene import THURSDAY, TUESDAY, buyer, farm_with_offer, proposal, request_for

pytestmark = pytest.mark.django_db


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
    sync_listings()  # a bulk write: the farm's listing follows, as in production (approval.models)
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
    sync_listings()  # a bulk write: the farm's listing follows, as in production (approval.models)
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
