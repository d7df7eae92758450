"""The agreement pages: what they show, the PDF, who may do what, and their query counts."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tunet.accounts.models import OrganisationKind, Role
from tunet.accounts.tests.factories import OrganisationFactory, member
from tunet.catalogue.tests.factories import FarmFactory
from tunet.purchasing import actions, rules
from tunet.purchasing.models import AgreementStatus, BuyerPolicy, Signature
from tunet.purchasing.tests.factories import accepted_agreement, signed_agreement
from tunet.purchasing.tests.helpers import as_, form_data

pytestmark = pytest.mark.django_db


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
