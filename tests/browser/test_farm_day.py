"""Journey 3: the case worker refers a participant on the demo agreement with Solbakken gård, the
farmer accepts, registers a week of attendance on «I dag» on a phone, reports an incident, and
exports and sends the month's invoice basis, which the buyer then reads."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tunet.care.models import Placement
from tunet.catalogue.models import Farm
from tunet.daily.models import Attendance, Incident, InvoiceBasis
from tunet.purchasing.models import Agreement

from .helpers import check_page, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


def tap(page, card, label):
    """Tap a status button on a participant's card and wait for htmx to swap the card back."""
    card.get_by_role("button", name=re.compile(f"^{label}")).click()
    expect(card.get_by_role("button", name=re.compile(f"^{label}"))).to_have_attribute("aria-pressed", "true")


def test_referral_a_week_on_the_farm_an_incident_and_the_invoice_basis(page, phone_page, demo_data):
    farm = Farm.objects.get(provider=demo_data["solbakken"])
    agreement = Agreement.objects.get(farm=farm, status="active")
    today = timezone.localdate()
    week = today - datetime.timedelta(days=today.weekday() + 7)  # Monday last week
    tuesday = week + datetime.timedelta(days=1)

    # The case worker registers the participant and refers them to Tuesdays on the agreement. The
    # start is set in the past, as if the referral had been made before last week, so that last
    # week's days can be registered.
    log_in(page, "saksbehandler@tunet.example")
    page.goto("/deltakere/ny/")
    check_page(page)
    page.fill("#id_first_name", "Ingrid")
    page.fill("#id_last_name", "Journeysen")
    page.fill("#id_birth_year", "1944")
    page.fill("#id_street_address", "Gamle Postveg 7")
    page.fill("#id_phone", "400 12 345")
    page.click("main button[type=submit]:has-text('Registrer')")
    expect(page.locator("h1")).to_contain_text("Ingrid Journeysen")
    check_page(page)
    page.click("text=Henvis til en plass")
    check_page(page)
    page.select_option("#id_agreement", str(agreement.pk))
    page.check("input[name=weekdays][value='1']")
    page.fill("#id_start", (week - datetime.timedelta(days=7)).isoformat())
    page.click("main button[type=submit]:has-text('Send henvisningen')")
    expect(page.locator(".messages")).to_contain_text(farm.name)
    placement_url = page.url
    log_out(page)

    # The farmer accepts, on the phone.
    phone = phone_page
    log_in(phone, "gardbruker@tunet.example")
    phone.goto(placement_url)
    check_page(phone)
    phone.click("text=Godta henvisningen")
    placement = Placement.objects.get(participant__last_name="Journeysen")
    assert placement.status == "active"

    # A week of attendance, day by day through the date addresses.
    for offset in range(5):
        day = week + datetime.timedelta(days=offset)
        phone.goto(f"/i-dag/{day.isoformat()}/")
        check_page(phone)
        cards = phone.locator("article.day-card")
        for n in range(cards.count()):
            card = cards.nth(n)
            is_ingrid = "Journeysen" in card.inner_text()
            tap(phone, card, "Sendt hjem" if is_ingrid and day == tuesday else "Til stede")
    ingrid_days = Attendance.objects.filter(placement=placement)
    assert [(a.date, a.status) for a in ingrid_days] == [(tuesday, "sent_home")]
    assert Attendance.objects.filter(date__gte=week, date__lte=week + datetime.timedelta(days=4)).count() >= 5
    # Reloading the Tuesday shows what htmx saved, card by card.
    phone.goto(f"/i-dag/{tuesday.isoformat()}/")
    expect(phone.locator("article.day-card:has-text('Journeysen')")).to_contain_text("Sendt hjem")

    # An incident on the Tuesday.
    phone.goto("/hendelser/ny/")
    check_page(phone)
    phone.select_option("#id_placement", str(placement.pk))
    phone.fill("#id_occurred_at", f"{tuesday.isoformat()}T11:30")
    phone.check("input[name=severity][value='medium']")
    phone.fill("#id_what_happened", "Ble svimmel under vedhogging og satte seg ned.")
    phone.fill("#id_immediate_action", "Fikk vann og hvile, sendt hjem med drosje.")
    phone.click("main button[type=submit]:has-text('Meld hendelsen')")
    expect(phone.locator(".messages")).to_contain_text("kjøperen")
    check_page(phone)
    assert Incident.objects.get().placement == placement

    # The month's invoice basis: from the agreement page to the month, three downloads, then send.
    phone.goto(f"/innkjop/avtale/{agreement.pk}/")
    phone.click("main a:has-text('Fakturagrunnlag')")
    phone.goto(f"/innkjop/avtale/{agreement.pk}/fakturagrunnlag/{tuesday.year}/{tuesday.month}/")
    check_page(phone)
    expect(phone.locator("main")).to_contain_text("Journeysen")
    for link, suffix in (("Last ned CSV", ".csv"), ("Last ned Excel", ".xlsx"), ("Last ned PDF", ".pdf")):
        with phone.expect_download() as download:
            phone.click(f"text={link}")
        assert download.value.suggested_filename.endswith(suffix)
    phone.click("main button[type=submit]:has-text('Send til')")
    expect(phone.locator(".messages")).to_contain_text("sendt")
    check_page(phone)
    basis = InvoiceBasis.objects.get(agreement=agreement)
    assert basis.status == "sent"
    assert basis.total > 0
    log_out(phone)

    # The buyer is told, and reads the sent basis and the incident.
    log_in(page, "saksbehandler@tunet.example")
    page.goto(f"/innkjop/avtale/{agreement.pk}/fakturagrunnlag/{tuesday.year}/{tuesday.month}/")
    expect(page.locator("main")).to_contain_text("Sendt")
    check_page(page)
    page.goto("/hendelser/")
    check_page(page)
    page.click("main table a")
    expect(page.locator("main")).to_contain_text("svimmel")
    check_page(page)
