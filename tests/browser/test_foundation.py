"""The foundation as people use it: log in with each role, switch organisation, reset a forgotten
password, log in by keyboard alone, and the same pages on a phone.

Elements are found by URL, id, name and role rather than by visible text, so that the journeys
hold whether the Norwegian translation is in place or not. Names of organisations are data and
safe to look for.
"""

import re

import pytest
from playwright.sync_api import expect

from tunet.accounts.models import Membership, Organisation
from tunet.demo import accounts as demo

from .helpers import LOGOUT_BUTTON, check_page, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)

MULTI = "flere@tunet.example"


def org_bar_name(page):
    return page.locator(".org-bar strong")


def assert_focus_visible(page):
    """The focused element has an outline or a focus ring drawn with box-shadow."""
    style = page.evaluate(
        """() => {
            const s = getComputedStyle(document.activeElement);
            return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow};
        }"""
    )
    outlined = style["outline"] != "none" and style["width"] > 0
    assert outlined or style["shadow"] != "none", f"no visible focus: {style}"


def test_every_role_logs_in_sees_its_start_page_and_logs_out(page, demo_data):
    page.goto("/logg-inn/")
    check_page(page)
    for email, _name, _phone, roles in demo.PEOPLE:
        log_in(page, email)
        first = min((demo_data[key] for key, _role, _title in roles), key=lambda org: org.name)
        expect(org_bar_name(page)).to_have_text(first.name)
        expect(page.locator("main h1")).to_be_visible()
        expect(page.locator(f"header a[href='/virksomhet/{first.pk}/']")).to_be_visible()
        # The start page differs by role (its introduction and next steps), so each one is scanned.
        check_page(page)
        log_out(page)
    check_page(page)  # the front page, where logging out lands


def test_person_with_two_organisations_switches_between_them(page, demo_data):
    skien, nav_skien = demo_data["skien"], demo_data["nav-skien"]
    to_skien = Membership.objects.get(user__email=MULTI, organisation=skien)
    log_in(page, MULTI)
    # Organisations come in name order, so NAV Skien is where the person starts.
    expect(org_bar_name(page)).to_have_text(nav_skien.name)
    expect(page.locator("main .lead")).to_contain_text(nav_skien.name)
    check_page(page)  # the start page with the switcher in the header

    page.select_option("#switch-membership", str(to_skien.pk))
    page.click(".org-switcher button[type=submit]")

    expect(page).to_have_url(re.compile(r"/start/$"))
    expect(org_bar_name(page)).to_have_text(skien.name)
    expect(page.locator("#switch-membership")).to_have_value(str(to_skien.pk))
    expect(page.locator("main .lead")).to_contain_text(skien.name)
    expect(page.locator("main .messages .ds-alert[data-color=success]")).to_contain_text(skien.name)
    expect(page.locator(f"header a[href='/virksomhet/{skien.pk}/']")).to_be_visible()
    check_page(page)  # with the confirmation message

    # The choice lasts: the next page still acts for the municipality.
    page.goto(f"/virksomhet/{skien.pk}/")
    expect(org_bar_name(page)).to_have_text(skien.name)
    expect(page.locator("main h1")).to_have_text(skien.name)
    check_page(page)


def test_forgotten_password_is_reset_by_e_mail(page, demo_data, mailoutbox, live_server, settings):
    settings.SITE_URL = live_server.url  # e-mails link to the public address, never to the request's Host
    email, new_password = "ansatt@tunet.example", "Ny sommer paa tunet 2026"
    page.goto("/logg-inn/")
    page.click("main a[href='/glemt-passord/']")
    expect(page).to_have_url(re.compile(r"/glemt-passord/$"))
    check_page(page)

    page.fill("#id_email", email)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/glemt-passord/sendt/$"))
    check_page(page)

    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [email]
    link = re.search(r"https?://\S+/nytt-passord/\S+/\S+/", message.body).group(0)
    page.goto(link)
    expect(page.locator("#id_new_password1")).to_be_visible()
    check_page(page)

    page.fill("#id_new_password1", new_password)
    page.fill("#id_new_password2", new_password)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/nytt-passord/ferdig/$"))
    check_page(page)

    # The link is used up.
    page.goto(link)
    expect(page.locator("#id_new_password1")).to_have_count(0)
    expect(page.locator("main a[href='/glemt-passord/']")).to_be_visible()
    check_page(page)

    log_in(page, email, new_password)
    log_out(page)
    page.goto("/logg-inn/")
    page.fill("#id_username", email)
    page.fill("#id_password", demo.DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    expect(page).to_have_url(re.compile(r"/logg-inn/$"))
    expect(page.locator("main .ds-error-summary[role=alert]").first).to_be_visible()
    check_page(page)  # the login page with its error


def test_keyboard_alone_reaches_the_skip_link_and_logs_in(page, demo_data):
    page.goto("/logg-inn/")
    page.keyboard.press("Tab")
    skip = page.locator("a.ds-skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_have_attribute("href", "#main")
    box = skip.bounding_box()  # hidden until focused, then shown at the top of the page
    assert box is not None
    assert box["width"] > 1
    assert box["height"] > 1
    assert 0 <= box["y"] <= page.viewport_size["height"] - box["height"]

    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
    assert page.url.endswith("#main")

    page.keyboard.press("Tab")
    expect(page.locator("#id_username")).to_be_focused()
    assert_focus_visible(page)
    page.keyboard.type("Gardbruker@tunet.example")
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type(demo.DEMO_PASSWORD)
    page.keyboard.press("Enter")

    # The form posts to the page's own address, so the browser keeps the #main it had.
    expect(page).to_have_url(re.compile(r"/start/(#main)?$"))
    expect(page.locator(LOGOUT_BUTTON)).to_be_visible()
    expect(org_bar_name(page)).to_have_text(demo_data["solbakken"].name)


def test_phone_login_start_and_organisation(phone_page, demo_data):
    page = phone_page
    skien = demo_data["skien"]
    page.goto("/logg-inn/")
    check_page(page)
    log_in(page, MULTI)
    expect(page.locator("#switch-membership")).to_be_visible()
    check_page(page)
    page.goto(f"/virksomhet/{demo_data['nav-skien'].pk}/")
    check_page(page)

    log_out(page)
    log_in(page, "admin@tunet.example")
    fredrikstad = demo_data["fredrikstad"]
    check_page(page)  # the administrator's start page, with more next steps
    page.goto(f"/virksomhet/{fredrikstad.pk}/")
    expect(page.locator("main h1")).to_have_text(fredrikstad.name)
    check_page(page)  # with the buttons and links only an administrator has
    response = page.goto(f"/virksomhet/{skien.pk}/")
    assert response.status == 403  # another organisation's page is refused
    check_page(page)


def test_public_pages_and_own_pages(page, demo_data):
    for path in ("/", "/om-dataene/"):
        response = page.goto(path)
        assert response.status == 200
        check_page(page)
    response = page.goto("/finnes-ikke/")
    assert response.status == 404
    check_page(page)

    log_in(page, "admin@tunet.example")
    organisation = Organisation.objects.get(name="Fredrikstad kommune")
    page.click(f"header a[href='/virksomhet/{organisation.pk}/']")
    expect(page).to_have_url(re.compile(rf"/virksomhet/{organisation.pk}/$"))
    expect(page.locator("main h1")).to_have_text(organisation.name)
    expect(page.locator("main table tbody tr")).to_have_count(1)
    check_page(page)

    page.click("header a[href='/min-profil/']")
    expect(page).to_have_url(re.compile(r"/min-profil/$"))
    expect(page.locator("#id_full_name")).to_have_value("Eva Strand")
    expect(page.locator(f"main a[href='/virksomhet/{organisation.pk}/']")).to_be_visible()
    check_page(page)

    response = page.goto("/finnes-ikke/")
    assert response.status == 404
    check_page(page)  # the 404 page with the signed-in header
