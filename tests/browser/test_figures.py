"""Journey 6: the regional coordinator sees the region at a glance on the start page, opens the
region's figures, filters by target group and downloads a table as CSV; anyone finds «Inn på tunet
i tall» from the front page. Every page through axe-core, and on a 360 px phone without sideways
scrolling."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .helpers import check_fits_phone, check_page, log_in

pytestmark = pytest.mark.django_db(transaction=True)

# Kept for a person to look at (test-results/ is not committed).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"


def test_the_coordinator_follows_the_region_in_figures(page, demo_data):
    log_in(page, "koordinator@tunet.example")
    expect(page.locator("#glance-heading")).to_have_text("Regionen din i dag")
    check_page(page)
    page.click("header a[href='/statistikk/']")
    expect(page.locator("main h1")).to_have_text("Inn på tunet i tall")
    expect(page.locator("#id_county option").first).to_have_text("Hele regionen")
    check_page(page)

    page.select_option("#id_target_group", label="Personer med demens")
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"target_group=\d+"))
    expect(page.locator("#places-heading")).to_be_visible()
    check_page(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "coordinator-desktop.png"), full_page=True)

    with page.expect_download() as download:
        page.click("#places a[href*='places.csv']")
    path = download.value.path()
    text = Path(path).read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("Tjenesteområde;")


def test_the_public_figures_are_found_from_the_front_page(page, demo_data):
    page.goto("/")
    page.click("main a[href='/inn-pa-tunet-i-tall/']")
    expect(page.locator("main h1")).to_have_text("Inn på tunet i tall")
    expect(page.locator("#rule-heading")).to_have_text("Slik skjermer vi små tall")
    check_page(page)


def test_the_figures_read_well_on_a_phone(phone_page, demo_data):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone_page.set_viewport_size({"width": 360, "height": 760})
    phone_page.goto("/inn-pa-tunet-i-tall/")
    check_fits_phone(phone_page)
    phone_page.screenshot(path=str(SCREENSHOTS / "public-360.png"))
    log_in(phone_page, "godkjenning@tunet.example")
    phone_page.goto("/statistikk/")
    check_fits_phone(phone_page)
    phone_page.screenshot(path=str(SCREENSHOTS / "overview-360.png"))
    phone_page.screenshot(path=str(SCREENSHOTS / "overview-360-full.png"), full_page=True)
