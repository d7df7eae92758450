"""Journey 2's first half: a case worker finds dementia offers on Tuesdays within 30 km of Skien
and opens a farm; then the farmer edits the profile and sees the change in public."""

import re

import pytest
from playwright.sync_api import expect

from tunet.catalogue.models import Farm
from tunet.demo import accounts as accounts_demo

from .helpers import check_page

pytestmark = pytest.mark.django_db(transaction=True)


def test_search_open_a_farm_then_the_farmer_updates_it(page, demo_data):
    solbakken = Farm.objects.get(provider=demo_data["solbakken"])

    page.goto("/finn-gard/")
    check_page(page)
    page.select_option("#id_malgruppe", "demens")
    page.fill("#id_sted", "Skien")
    page.select_option("#id_radius", "30")
    page.check("input[name=dag][value='1']")
    # htmx swaps in the results and puts the filters in the address, without a full reload.
    page.evaluate("window.__notReloaded = true")
    page.click("form[role=search] button[type=submit]")
    expect(page).to_have_url(re.compile(r"malgruppe=demens.*sted=Skien.*dag=1"))
    results = page.locator("#results")
    expect(results.locator(f"a[href='/gard/{solbakken.pk}/']")).to_be_visible()
    assert page.evaluate("window.__notReloaded") is True
    cards = results.locator(".farm-card")
    assert cards.count() >= 1
    for text in cards.all_inner_texts():
        assert "km" in text
    check_page(page)

    page.click(f"#results a[href='/gard/{solbakken.pk}/']")
    expect(page.locator("h1")).to_have_text(solbakken.name)
    expect(page.locator("main")).to_contain_text("Personer med demens")
    check_page(page)

    # The back button returns to the same search.
    page.go_back()
    expect(page).to_have_url(re.compile(r"sted=Skien"))
    expect(page.locator(f"#results a[href='/gard/{solbakken.pk}/']")).to_be_visible()

    # The farmer logs in, changes the description, and the public page shows it.
    page.goto("/logg-inn/")
    page.fill("#id_username", "gardbruker@tunet.example")
    page.fill("#id_password", accounts_demo.DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    page.click("header a[href='/min-gard/']")
    expect(page).to_have_url(re.compile(rf"/gard/{solbakken.pk}/endre/$"))
    check_page(page)
    new_text = "Nytt i år: en egen sansehage med benker i le for vinden."
    page.fill("#id_description", new_text)
    page.click("form.form button[type=submit]")
    expect(page.locator(".messages")).to_be_visible()
    page.goto(f"/gard/{solbakken.pk}/")
    expect(page.locator("main")).to_contain_text(new_text)
    page.goto(f"/gard/{solbakken.pk}/historikk/")
    expect(page.locator("main")).to_contain_text(new_text)
    check_page(page)

    # The farmer's other pages: a new offer (its weekday table), photos, and a delete confirmation.
    offer = solbakken.offers.first()
    for path in (
        f"/gard/{solbakken.pk}/tilbud/ny/",
        f"/gard/{solbakken.pk}/tilbud/{offer.pk}/endre/",
        f"/gard/{solbakken.pk}/tilbud/{offer.pk}/slett/",
        f"/gard/{solbakken.pk}/bilder/",
    ):
        page.goto(path)
        expect(page.locator("main h1")).to_be_visible()
        check_page(page)


def test_catalogue_on_a_phone(phone_page, demo_data):
    phone_page.goto("/finn-gard/?malgruppe=demens&sted=Skien&radius=30&dag=1")
    expect(phone_page.locator("#results .farm-card").first).to_be_visible()
    check_page(phone_page)


def test_catalogue_works_without_javascript(browser, live_server, demo_data):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto("/finn-gard/")
    page.select_option("#id_malgruppe", "demens")
    page.click("form[role=search] button[type=submit]")
    expect(page).to_have_url(re.compile(r"malgruppe=demens"))
    expect(page.locator("#results .farm-card").first).to_be_visible()
    context.close()
