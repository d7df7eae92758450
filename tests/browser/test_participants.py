"""The participant pages as each side sees them: the buyer registers and reads, the farm reads
what it may, a protected participant's contact details stay hidden from those not named, and the
participant's access log shows who looked. axe-core on every page, and a phone."""

import re

import pytest
from playwright.sync_api import expect

from tunet.accounts.models import AccessLogEntry
from tunet.care.models import Participant

from .helpers import check_page, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


def test_buyer_and_farm_see_participants_as_they_may(page, demo_data):
    protected = Participant.objects.get(protected=True)
    open_one = Participant.objects.filter(protected=False, buyer=protected.buyer).first()

    log_in(page, "ansatt@tunet.example")  # farm staff, not named for the protected participant
    page.click("header a[href='/deltakere/']")
    expect(page.locator("main")).to_contain_text("Skjermet")
    check_page(page)
    page.goto(f"/deltakere/{protected.pk}/")
    expect(page.locator("main")).to_contain_text("Skjermet")
    if protected.street_address:
        expect(page.locator("main")).not_to_contain_text(protected.street_address)
    check_page(page)
    log_out(page)

    log_in(page, "saksbehandler@tunet.example")
    page.goto(f"/deltakere/{open_one.pk}/")
    expect(page.locator("main h1")).to_contain_text(open_one.first_name)
    check_page(page)
    page.goto(f"/deltakere/{protected.pk}/innsyn/")
    expect(page.locator("main")).to_contain_text("Marte Lien")  # the staff member's read is in the log
    check_page(page)
    page.goto("/deltakere/ny/")
    check_page(page)
    page.fill("#id_first_name", "Test")
    page.fill("#id_last_name", "Ny")
    page.fill("#id_birth_year", "1950")
    page.fill("#id_national_id", "12345678901")
    page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text("fødselsnummer")
    expect(page.locator("#id_first_name")).to_have_value("Test")
    check_page(page)
    page.goto(f"/deltakere/{open_one.pk}/henvis/")
    check_page(page)
    assert AccessLogEntry.objects.filter(subject_id=str(protected.pk), actor__email="ansatt@tunet.example").exists()


def test_participant_pages_on_a_phone(phone_page, demo_data):
    participant = Participant.objects.filter(protected=False).first()
    log_in(phone_page, "gardbruker@tunet.example")
    phone_page.goto("/deltakere/")
    check_page(phone_page)
    phone_page.goto(f"/deltakere/{participant.pk}/")
    expect(phone_page).to_have_url(re.compile(rf"/deltakere/{participant.pk}/$"))
    check_page(phone_page)
    placement = participant.placements.first()
    phone_page.goto(f"/plasser/{placement.pk}/")
    check_page(phone_page)
