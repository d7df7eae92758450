"""What every browser journey checks on every page it visits."""

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tunet.demo.accounts import DEMO_PASSWORD

_axe = Axe()


def check_accessible(page):
    """axe-core finds no violations on the page as it is now."""
    results = _axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def check_fits_phone(page):
    """Nothing on the page is wider than the viewport (no sideways scrolling on a 360 px phone)."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"The page is {overflow} px wider than the screen at {page.url}"


def check_page(page):
    check_accessible(page)
    check_fits_phone(page)


LOGOUT_BUTTON = "header form[action='/logg-ut/'] button[type=submit]"


def log_in(page, email, password=DEMO_PASSWORD, lands=r"/start/$"):
    """Log in through the form; staff land on the start page, participants and relatives on their own
    pages (lands is then the address of «Mine sider»)."""
    page.goto("/logg-inn/")
    page.fill("#id_username", email)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(lands))


def log_out(page):
    page.click(LOGOUT_BUTTON)
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.locator(LOGOUT_BUTTON)).to_have_count(0)
    expect(page.locator("header a[href='/logg-inn/']")).to_be_visible()
