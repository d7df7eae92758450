"""Agreements: signing on both sides, the second approver, drafts and versions, cancelling, notice,
and the reminders before the end."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.catalogue.tests.factories import FarmFactory
from tunet.core.models import Notification
from tunet.purchasing import actions, capacity, rules, tasks
from tunet.purchasing.models import (
    OPEN_END,
    Agreement,
    AgreementStatus,
    AgreementVersion,
    BuyerPolicy,
    Reservation,
    Signature,
    VersionState,
    add_months,
)
from tunet.purchasing.tests.factories import accepted_agreement, signed_agreement
from tunet.purchasing.tests.helpers import as_, edit, reserved, told
from tunet.purchasing.tests.scene import THURSDAY, TUESDAY, buyer, farm_with_offer, proposal, request_for

pytestmark = pytest.mark.django_db


# --- Signing -----------------------------------------------------------------------------------------


def test_accepting_drafts_the_standard_agreement_with_its_places_reserved():
    deal = accepted_agreement(places=2)
    draft = deal.draft
    assert deal.agreement.status == AgreementStatus.DRAFT
    assert (draft.number, draft.state) == (1, VersionState.DRAFT)
    assert draft.places == {str(TUESDAY): 2, str(THURSDAY): 2}
    assert (draft.end - draft.start).days in (365 * 3 - 1, 365 * 3)  # three years, with a leap day or not
    assert (draft.renewal_years, draft.termination_months) == (1, 3)
    assert reserved(deal.agreement) == {TUESDAY: 2, THURSDAY: 2}


def test_both_sides_sign_and_the_version_is_in_force():
    deal = accepted_agreement()
    draft = deal.draft
    actions.do_sign_agreement(deal.buyer, draft)
    actions.do_sign_agreement(deal.buyer, draft)  # a double click
    assert Signature.objects.filter(version=draft).count() == 1
    draft.refresh_from_db()
    assert draft.state == VersionState.DRAFT
    assert told(deal.farmer.user, deal.agreement) == 2  # the offer accepted, then the buyer's signature
    assert told(deal.buyer.user, deal.agreement) == 0
    actions.do_sign_agreement(deal.farmer, draft)
    draft.refresh_from_db()
    deal.agreement.refresh_from_db()
    assert draft.state == VersionState.SIGNED
    assert deal.agreement.status == AgreementStatus.ACTIVE
    assert {(s.side, s.user_id) for s in draft.signatures.all()} == {
        ("buyer", deal.buyer.user_id),
        ("farm", deal.farmer.user_id),
    }
    assert (told(deal.buyer.user, deal.agreement), told(deal.farmer.user, deal.agreement)) == (1, 3)
    actions.do_sign_agreement(deal.farmer, draft)  # signing again after it is in force changes nothing
    assert draft.signatures.count() == 2


@pytest.mark.parametrize("who", ["farm_staff", "buyer_admin", "other_buyer", "other_farmer", "officer"])
def test_only_the_buyers_buyers_and_the_farmer_sign(who):
    deal = accepted_agreement()
    people = {
        "farm_staff": lambda: member(Role.FARM_STAFF, deal.farm.provider),
        "buyer_admin": lambda: member(Role.ADMIN, deal.agreement.buyer),
        "other_buyer": lambda: member(Role.CASE_WORKER),
        "other_farmer": lambda: member(Role.FARMER, FarmFactory().provider),
        "officer": lambda: member(Role.APPROVAL_OFFICER),
    }
    person = people[who]()
    for action in (
        lambda: actions.do_sign_agreement(person, deal.draft),
        lambda: edit(person, deal.draft, price="1"),
        lambda: actions.do_cancel_agreement(person, deal.agreement),
    ):
        with pytest.raises(PermissionDenied):
            action()
    assert not Signature.objects.exists()
    assert deal.draft.price != Decimal("1")


def test_a_second_approver_must_be_another_person():
    deal = accepted_agreement()
    BuyerPolicy.objects.create(organisation=deal.agreement.buyer, second_approver_required=True)
    draft = deal.draft
    actions.do_sign_agreement(deal.buyer, draft)
    actions.do_sign_agreement(deal.farmer, draft)
    actions.do_sign_agreement(deal.buyer, draft)  # the same person twice does not count as two
    draft.refresh_from_db()
    assert draft.state == VersionState.DRAFT
    colleague = member(Role.CASE_WORKER, deal.agreement.buyer)
    actions.do_sign_agreement(colleague, draft)
    draft.refresh_from_db()
    assert draft.state == VersionState.SIGNED
    assert draft.signatures.filter(side="buyer").count() == 2


def test_a_signature_is_refused_when_the_contents_changed_while_reading():
    deal = accepted_agreement()
    read = rules.fingerprint(deal.draft)
    edit(deal.farmer, deal.draft, price="999")
    with pytest.raises(actions.NotAllowed):
        actions.do_sign_agreement(deal.buyer, deal.draft, read=read)
    actions.do_sign_agreement(deal.buyer, deal.draft, read=rules.fingerprint(deal.draft))
    assert deal.draft.signatures.count() == 1


# --- Drafts and versions -------------------------------------------------------------------------------


def test_editing_a_draft_clears_the_signatures_on_it():
    deal = accepted_agreement()
    actions.do_sign_agreement(deal.buyer, deal.draft)
    edit(deal.farmer, deal.draft)  # the same contents again (a second click): the signature stands
    assert deal.draft.signatures.count() == 1
    edit(deal.farmer, deal.draft, price="720", emergency_phone="911 22 333")
    draft = deal.draft
    assert draft.signatures.count() == 0
    assert (draft.price, draft.emergency_phone) == (Decimal("720"), "911 22 333")
    assert told(deal.buyer.user, deal.agreement) == 1


def test_changing_the_places_reserves_them_again_or_is_refused_when_the_farm_is_full():
    deal = accepted_agreement(places=2, offer_places=4)
    edit(deal.buyer, deal.draft, places_1=3, places_3="")
    assert reserved(deal.agreement) == {TUESDAY: 3}
    with pytest.raises(actions.NotAllowed, match="ledige plasser|free places"):
        edit(deal.buyer, deal.draft, places_1=5)
    assert reserved(deal.agreement) == {TUESDAY: 3}
    assert deal.draft.places == {str(TUESDAY): 3}


def test_a_signed_version_never_changes():
    deal = signed_agreement()
    version = deal.agreement.versions.get()
    version.price = Decimal("1")
    with pytest.raises(ValueError, match="cannot be changed"):
        version.save()
    version.refresh_from_db()
    with pytest.raises(actions.NotAllowed):
        edit(deal.farmer, version, price="1")
    version.refresh_from_db()
    assert version.price != Decimal("1")


def test_a_change_is_a_new_version_signed_again_while_the_old_one_stays_in_force():
    deal = signed_agreement(places=2)
    with pytest.raises(actions.NotAllowed):
        actions.do_start_new_version(deal.buyer, deal.agreement, "   ")
    v2 = actions.do_start_new_version(deal.buyer, deal.agreement, "Én plass til på tirsdager")
    assert actions.do_start_new_version(deal.farmer, deal.agreement, "Noe annet") == v2  # one draft at a time
    v1 = deal.agreement.versions.get(number=1)
    assert (v2.number, v2.state, v2.places, v2.price) == (2, VersionState.DRAFT, v1.places, v1.price)
    edit(deal.buyer, v2, places_1=3)
    v1.refresh_from_db()
    assert v1.state == VersionState.SIGNED  # still in force
    # While version 2 is agreed, the places of both are held: the most of each.
    assert reserved(deal.agreement) == {TUESDAY: 3, THURSDAY: 2}
    actions.do_sign_agreement(deal.buyer, v2)
    actions.do_sign_agreement(deal.farmer, v2)
    v1.refresh_from_db()
    v2.refresh_from_db()
    assert (v1.state, v2.state) == (VersionState.REPLACED, VersionState.SIGNED)
    assert (v1.signatures.count(), v2.signatures.count()) == (2, 2)
    assert reserved(deal.agreement) == {TUESDAY: 3, THURSDAY: 2}
    assert AgreementVersion.objects.filter(agreement=deal.agreement).count() == 2


def test_an_unsigned_agreement_is_cancelled_and_its_places_freed():
    deal = accepted_agreement()
    actions.do_cancel_agreement(deal.farmer, deal.agreement)
    actions.do_cancel_agreement(deal.farmer, deal.agreement)  # a second click
    deal.agreement.refresh_from_db()
    assert deal.agreement.status == AgreementStatus.CANCELLED
    assert not Reservation.objects.filter(agreement=deal.agreement).exists()
    with pytest.raises(actions.NotAllowed):
        actions.do_sign_agreement(deal.buyer, deal.draft)
    signed = signed_agreement()
    with pytest.raises(actions.NotAllowed):
        actions.do_cancel_agreement(signed.buyer, signed.agreement)


# --- Reminders -----------------------------------------------------------------------------------------


def _keys(user):
    return set(Notification.objects.filter(user=user, key__startswith="agreement-").values_list("key", flat=True))


def test_both_sides_are_reminded_of_the_renewal_90_and_30_days_before_the_end():
    deal = signed_agreement()
    version = deal.agreement.versions.get()
    end = version.end
    with time_machine.travel(end - datetime.timedelta(days=120)):
        tasks.run_daily.call()
    assert not _keys(deal.buyer.user)
    with time_machine.travel(end - datetime.timedelta(days=89)):
        tasks.run_daily.call()
        tasks.run_daily.call()  # a second run tells nobody twice
    for person in (deal.buyer.user, deal.farmer.user):
        assert _keys(person) == {f"agreement-{deal.agreement.pk}-v1-ends-{end}-90"}
        reminder = Notification.objects.get(user=person, key__startswith="agreement-")
        assert "fornyes" in reminder.title or "renewed" in reminder.title
    with time_machine.travel(end - datetime.timedelta(days=29)):
        tasks.run_daily.call()
    assert len(_keys(deal.farmer.user)) == 2
    assert Notification.objects.filter(user=deal.buyer.user, key__startswith="agreement-").count() == 2


def test_an_agreement_without_renewal_is_reminded_of_its_expiry():
    deal = accepted_agreement()
    edit(deal.buyer, deal.draft, renewal_years=0)
    actions.do_sign_agreement(deal.buyer, deal.draft)
    actions.do_sign_agreement(deal.farmer, deal.draft)
    end = deal.agreement.versions.get().end
    with time_machine.travel(end - datetime.timedelta(days=29)):
        result = tasks.run_daily.call()
    assert result["reminded"] == 2  # the case worker and the farmer, once: the 30-day warning only
    titles = set(Notification.objects.filter(key__startswith="agreement-").values_list("title", flat=True))
    assert all("utløper" in t or "expires" in t for t in titles)


def test_unsigned_and_cancelled_agreements_are_not_reminded():
    deal = accepted_agreement()
    end = deal.draft.end
    with time_machine.travel(end - datetime.timedelta(days=29)):
        assert tasks.run_daily.call()["reminded"] == 0
    assert not Agreement.objects.filter(status=AgreementStatus.ACTIVE).exists()


# --- Notice ---------------------------------------------------------------------------------------------


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
