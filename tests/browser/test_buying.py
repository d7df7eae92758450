"""Journey 2's second half: a municipal case worker asks for two places on Tuesdays and Thursdays
for persons with dementia with transport, a farm offers, the buyer accepts, both sign, the PDF
downloads, and the free places in the catalogue drop accordingly."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tunet.catalogue.models import Farm
from tunet.purchasing.models import Agreement, AgreementStatus

from .helpers import check_page, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


def free_places(page, farm):
    """The catalogue's free places on Tuesdays and Thursdays, the days the case worker asks for."""
    page.goto(f"/gard/{farm.pk}/")
    return [int(cell) for cell in page.locator("td[data-free='1'], td[data-free='3']").all_inner_texts()]


def test_request_offer_accept_sign_and_the_catalogue(page, demo_data):
    farm = Farm.objects.get(provider=demo_data["solbakken"])
    before = free_places(page, farm)

    # The case worker describes the need.
    log_in(page, "saksbehandler@tunet.example")
    page.click("header a[href='/innkjop/']")
    check_page(page)
    page.click("text=Ny forespørsel")
    check_page(page)
    page.fill("#id_title", "Dagtilbud for to hjemmeboende med demens")
    page.select_option("#id_service_area", "health")
    page.select_option("#id_target_group", label="Personer med demens")
    page.fill("#id_places", "2")
    page.check("input[name=weekdays][value='1']")
    page.check("input[name=weekdays][value='3']")
    start = timezone.localdate() + datetime.timedelta(days=30)
    page.fill("#id_start", start.isoformat())
    page.check("#id_transport_needed")
    page.fill("#id_answer_by", (start - datetime.timedelta(days=10)).isoformat())
    page.fill("#id_description", "To rolige dager i uka med dyr og enkelt arbeid, henting hjemme.")
    page.click("text=Publiser forespørselen")
    expect(page.locator(".messages")).to_contain_text("publisert")
    expect(page.locator(f"#farm-{farm.pk}")).to_contain_text("Kjører deltakerne")
    check_page(page)
    page.click(f"#farm-{farm.pk} button:has-text('Inviter')")
    expect(page.locator(f"#farm-{farm.pk}")).to_contain_text("Invitert")
    request_url = page.url.split("#")[0]
    log_out(page)

    # The farm offers.
    log_in(page, "gardbruker@tunet.example")
    page.goto("/varsler/")
    expect(page.locator("main")).to_contain_text("inviterer")
    page.goto(request_url)
    check_page(page)
    page.select_option("#id_service_offer", label="Dagtilbud for hjemmeboende med demens")
    page.select_option("#id_price_model", "attended_day")
    page.fill("#id_price", "850")
    page.fill("#id_note", "Vi henter i minibuss fra kl. 09.")
    page.click("text=Send tilbudet")
    expect(page.locator(".messages")).to_contain_text("sendt")
    log_out(page)

    # The buyer accepts and signs.
    log_in(page, "saksbehandler@tunet.example")
    page.goto(request_url)
    page.click("text=Godta tilbudet")
    check_page(page)
    page.click("text=Ja, godta tilbudet")
    expect(page).to_have_url(re.compile(r"/innkjop/avtale/\d+/$"))
    check_page(page)
    agreement_url = page.url
    page.click("text=Les og signer versjon 1")
    check_page(page)
    page.check("input[name=confirm]")
    page.click("text=Signer avtalen")
    expect(page.locator(".messages")).to_be_visible()
    log_out(page)

    # The farm signs, and the agreement is in force.
    log_in(page, "gardbruker@tunet.example")
    page.goto(agreement_url)
    page.click("text=Les og signer versjon 1")
    page.check("input[name=confirm]")
    page.click("text=Signer avtalen")
    expect(page.locator("main")).to_contain_text("Signert og gjeldende")
    check_page(page)
    with page.expect_download() as download:
        page.click("text=Versjon 1 som PDF")
    assert download.value.suggested_filename.endswith(".pdf")
    log_out(page)

    agreement = Agreement.objects.filter(farm=farm).latest("created_at")
    assert agreement.status == AgreementStatus.ACTIVE
    after = free_places(page, farm)
    assert after == [places - 2 for places in before]
