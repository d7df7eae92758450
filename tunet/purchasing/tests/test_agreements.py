"""Agreements: signing on both sides, the second approver, versions, the PDF, who may do what, and
the reminders before the end."""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tunet.accounts.models import OrganisationKind, Role
from tunet.accounts.tests.factories import OrganisationFactory, member
from tunet.catalogue.tests.factories import FarmFactory
from tunet.core.models import Notification
from tunet.purchasing import actions, forms, rules, tasks
from tunet.purchasing.models import (
    Agreement,
    AgreementStatus,
    AgreementVersion,
    BuyerPolicy,
    Reservation,
    Signature,
    VersionState,
)
from tunet.purchasing.tests.factories import accepted_agreement, signed_agreement
from tunet.purchasing.tests.scene import THURSDAY, TUESDAY

pytestmark = pytest.mark.django_db


def as_(client, membership):
    client.force_login(membership.user)
    return client


def form_data(version, **changes):
    """The edit form's fields as the page fills them in for this version, with changes."""
    data = {
        "start": version.start.isoformat(),
        "end": version.end.isoformat(),
        "renewal_years": version.renewal_years,
        "termination_months": version.termination_months,
        "price_model": version.price_model,
        "price": str(version.price),
        "buyer_contact": version.buyer_contact,
        "farm_contact": version.farm_contact,
        "emergency_phone": version.emergency_phone or "900 00 000",
        "meeting_points": version.meeting_points,
        "meeting_frequency": version.meeting_frequency,
        "responsibilities": version.responsibilities,
        **{f"places_{day}": places for day, places in version.places.items()},
    }
    if version.transport:
        data["transport"] = "on"
    data.update(changes)
    return data


def edit(membership, version, **changes):
    form = forms.AgreementForm(form_data(version, **changes), instance=version)
    assert form.is_valid(), form.errors
    return actions.do_update_draft(membership, version, **form.terms())


def told(user, agreement):
    """How many notifications about the agreement the person has had (whatever the language)."""
    return Notification.objects.filter(user=user, url=reverse("purchasing:agreement", args=[agreement.pk])).count()


def reserved(agreement):
    return dict(Reservation.objects.filter(agreement=agreement).values_list("weekday", "places"))


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


# --- Pages ---------------------------------------------------------------------------------------------


def test_the_agreement_page_reads_as_a_standard_agreement(client):
    deal = accepted_agreement()
    html = as_(client, deal.farmer).get(reverse("purchasing:agreement", args=[deal.agreement.pk])).content.decode()
    for text in (
        deal.agreement.buyer.name,
        deal.farm.name,
        deal.draft.responsibilities[:40],
        reverse("purchasing:agreement_sign", args=[deal.agreement.pk]),
        reverse("purchasing:agreement_pdf", args=[deal.agreement.pk, 1]),
    ):
        assert text in html


def test_signing_through_the_pages_asks_for_the_confirmation(client):
    deal = accepted_agreement()
    url = reverse("purchasing:agreement_sign", args=[deal.agreement.pk])
    as_(client, deal.buyer)
    page = client.get(url)
    assert page.status_code == 200
    assert deal.agreement.buyer.name in page.content.decode()
    contents = page.context["form"]["contents"].value()
    refused = client.post(url, {"contents": contents})
    assert refused.status_code == 400
    assert not Signature.objects.exists()
    assert client.post(url, {"contents": contents, "confirm": "on"}).status_code == 302
    assert client.post(url, {"contents": contents, "confirm": "on"}).status_code == 302  # a double submit
    assert Signature.objects.get().user == deal.buyer.user
    as_(client, deal.farmer)
    contents = client.get(url).context["form"]["contents"].value()
    client.post(url, {"contents": contents, "confirm": "on"})
    deal.agreement.refresh_from_db()
    assert deal.agreement.status == AgreementStatus.ACTIVE


def test_the_edit_page_keeps_what_was_typed_and_explains_errors(client):
    deal = accepted_agreement()
    url = reverse("purchasing:agreement_edit", args=[deal.agreement.pk])
    as_(client, deal.farmer)
    assert client.get(url).status_code == 200
    data = form_data(deal.draft, end=deal.draft.start.isoformat(), meeting_points="Låven hver tirsdag")
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Låven hver tirsdag" in response.content.decode()
    assert response.context["form"].errors["end"]
    assert client.post(url, form_data(deal.draft, meeting_points="Låven hver tirsdag")).status_code == 302
    assert deal.draft.meeting_points == "Låven hver tirsdag"


def test_a_new_version_through_the_page(client):
    deal = signed_agreement()
    url = reverse("purchasing:agreement_new_version", args=[deal.agreement.pk])
    as_(client, deal.farmer)
    assert client.post(url, {"note": ""}).status_code == 400
    response = client.post(url, {"note": "Ny pris fra januar"})
    assert response.status_code == 302
    assert response["Location"].endswith("/endre/")
    assert client.post(url, {"note": "Ny pris fra januar"}).status_code == 302  # a double submit
    assert deal.agreement.versions.filter(number=2, change_note="Ny pris fra januar").count() == 1
    assert deal.agreement.versions.count() == 2


def test_every_version_has_a_pdf_for_both_sides(client):
    deal = signed_agreement()
    actions.do_start_new_version(deal.buyer, deal.agreement, "Ny pris")
    for person in (deal.buyer, deal.farmer):
        as_(client, person)
        for number in (1, 2):
            response = client.get(reverse("purchasing:agreement_pdf", args=[deal.agreement.pk, number]))
            assert response.status_code == 200
            assert response["Content-Type"] == "application/pdf"
            assert response.content.startswith(b"%PDF-")
    assert client.get(reverse("purchasing:agreement_pdf", args=[deal.agreement.pk, 3])).status_code == 404


def _people(deal):
    return {
        "case_worker": deal.buyer,
        "buyer_colleague": member(Role.NAV_ADVISER, OrganisationFactory(kind=OrganisationKind.NAV_OFFICE)),
        "farmer": deal.farmer,
        "farm_staff": member(Role.FARM_STAFF, deal.farm.provider),
        "other_municipality": member(Role.CASE_WORKER),
        "other_farm": member(Role.FARMER, FarmFactory().provider),
        "officer": member(Role.APPROVAL_OFFICER),
    }


# Who may read (GET the page and the PDF) and who may change and sign (the other pages).
MATRIX = {
    "case_worker": (200, True),
    "farmer": (200, True),
    "farm_staff": (200, False),
    "buyer_colleague": (403, False),  # a NAV office that is not the buyer
    "other_municipality": (403, False),
    "other_farm": (403, False),
    "officer": (403, False),
}
CHANGING = ["purchasing:agreement_edit", "purchasing:agreement_sign", "purchasing:agreement_cancel"]


@pytest.mark.parametrize("who", list(MATRIX))
def test_the_permission_matrix_of_the_agreement_pages(client, who):
    deal = accepted_agreement()
    person = _people(deal)[who]
    reads, changes = MATRIX[who]
    pk = deal.agreement.pk
    as_(client, person)
    assert client.get(reverse("purchasing:agreement", args=[pk])).status_code == reads
    assert client.get(reverse("purchasing:agreement_pdf", args=[pk, 1])).status_code == reads
    for name in CHANGING:
        assert client.get(reverse(name, args=[pk])).status_code == (200 if changes else 403)
    edited = client.post(reverse("purchasing:agreement_edit", args=[pk]), form_data(deal.draft, price="1"))
    assert edited.status_code == (302 if changes else 403)
    assert (deal.draft.price == Decimal("1")) == changes
    signing = {"contents": rules.fingerprint(deal.draft), "confirm": "on"}
    signed = client.post(reverse("purchasing:agreement_sign", args=[pk]), signing)
    assert signed.status_code == (302 if changes else 403)
    assert Signature.objects.filter(user=person.user).exists() == changes
    if not changes:
        assert client.post(reverse("purchasing:agreement_cancel", args=[pk])).status_code == 403
        deal.agreement.refresh_from_db()
        assert deal.agreement.status == AgreementStatus.DRAFT


@pytest.mark.parametrize("who", list(MATRIX))
def test_only_the_signers_make_a_new_version(client, who):
    deal = signed_agreement()
    person = _people(deal)[who]
    _reads, changes = MATRIX[who]
    url = reverse("purchasing:agreement_new_version", args=[deal.agreement.pk])
    as_(client, person)
    assert client.get(url).status_code == (200 if changes else 403)
    assert client.post(url, {"note": "Ny pris"}).status_code == (302 if changes else 403)
    assert deal.agreement.versions.count() == (2 if changes else 1)


def test_the_farmer_cancels_an_unsigned_agreement_through_the_page(client):
    deal = accepted_agreement()
    url = reverse("purchasing:agreement_cancel", args=[deal.agreement.pk])
    as_(client, deal.farmer)
    assert client.post(url).status_code == 302
    assert client.post(url).status_code == 302  # a double submit
    deal.agreement.refresh_from_db()
    assert deal.agreement.status == AgreementStatus.CANCELLED
    page = client.get(reverse("purchasing:agreement", args=[deal.agreement.pk]))
    assert reverse("purchasing:agreement_sign", args=[deal.agreement.pk]) not in page.content.decode()


def test_anonymous_people_are_sent_to_log_in(client):
    deal = accepted_agreement()
    pk = deal.agreement.pk
    urls = [reverse(name, args=[pk]) for name in ["purchasing:agreement", *CHANGING]]
    urls += [
        reverse("purchasing:agreement_new_version", args=[pk]),
        reverse("purchasing:agreement_pdf", args=[pk, 1]),
        reverse("purchasing:signing_rule"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(
    ("role", "kind", "allowed"),
    [
        (Role.ADMIN, OrganisationKind.MUNICIPALITY, True),
        (Role.ADMIN, OrganisationKind.NAV_OFFICE, True),
        (Role.CASE_WORKER, OrganisationKind.MUNICIPALITY, False),
        (Role.FARMER, OrganisationKind.PROVIDER, False),
        (Role.ADMIN, OrganisationKind.PROVIDER, False),
        (Role.APPROVAL_OFFICER, OrganisationKind.APPROVAL_BODY, False),
    ],
)
def test_a_buyers_administrator_sets_the_signing_rule(client, role, kind, allowed):
    person = member(role, OrganisationFactory(kind=kind))
    url = reverse("purchasing:signing_rule")
    as_(client, person)
    assert client.get(url).status_code == (200 if allowed else 403)
    response = client.post(url, {"second_approver_required": "on"})
    client.post(url, {"second_approver_required": "on"})  # a double submit
    assert response.status_code == (302 if allowed else 403)
    assert BuyerPolicy.objects.filter(organisation=person.organisation, second_approver_required=True).exists() == (
        allowed
    )
    if allowed:
        client.post(url, {})
        assert not BuyerPolicy.objects.get(organisation=person.organisation).second_approver_required


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_agreement_page_runs_the_same_queries_for_one_or_three_versions(client):
    one, three = signed_agreement(), signed_agreement()
    for note in ("Ny pris", "Færre plasser"):
        version = actions.do_start_new_version(three.buyer, three.agreement, note)
        actions.do_sign_agreement(three.buyer, version)
        actions.do_sign_agreement(three.farmer, version)
    assert three.agreement.versions.count() == 3
    as_(client, one.buyer)
    url_one = reverse("purchasing:agreement", args=[one.agreement.pk])
    _count(client, url_one)  # warm up the session
    first = _count(client, url_one)
    as_(client, three.buyer)
    url_three = reverse("purchasing:agreement", args=[three.agreement.pk])
    _count(client, url_three)
    assert _count(client, url_three) == first


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
