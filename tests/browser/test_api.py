"""The API as an administrator meets it: make a client on the organisation's page, use its key once,
revoke it; and the browsable documentation, served from our own files under the strict CSP."""

import re

import pytest
from playwright.sync_api import expect

from tunet.accounts.models import Organisation

from .helpers import check_page, log_in

pytestmark = pytest.mark.django_db(transaction=True)

ADMIN = "admin@tunet.example"  # Fredrikstad kommune's administrator


def test_an_administrator_makes_a_client_uses_its_key_and_revokes_it(page, demo_data):
    organisation = Organisation.objects.get(name="Fredrikstad kommune")
    log_in(page, ADMIN)
    page.goto(f"/virksomhet/{organisation.pk}/")
    page.click(f"a[href='/virksomhet/{organisation.pk}/api-klienter/']")
    expect(page).to_have_url(re.compile(r"/api-klienter/$"))
    check_page(page)
    page.click("main form button[type=submit]")  # nothing filled in: the errors stand on the page
    expect(page.locator(".ds-validation-message").first).to_be_visible()
    check_page(page)
    page.fill("#id_name", "Fagsystemet")
    page.check("input[name=scopes][value='placements:read']")
    page.click("main form.form button[type=submit]")
    token = page.input_value("#api-token")
    assert token.startswith("tunet_")
    check_page(page)
    answer = page.request.get("/api/v1/placements/", headers={"Authorization": f"Bearer {token}"})
    assert answer.status == 200
    page.click("main li form button[type=submit]")
    expect(page.locator("#api-token")).to_have_count(0)
    answer = page.request.get("/api/v1/placements/", headers={"Authorization": f"Bearer {token}"})
    assert answer.status == 401
    assert answer.headers["content-type"] == "application/problem+json"


def test_the_clients_page_fits_a_phone(phone_page, demo_data):
    organisation = Organisation.objects.get(name="Fredrikstad kommune")
    log_in(phone_page, ADMIN)
    phone_page.goto(f"/virksomhet/{organisation.pk}/api-klienter/")
    check_page(phone_page)


def test_the_documentation_loads_from_our_own_files_under_the_csp(page, live_server, demo_data):
    refused, outside = [], []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.on(
        "request",
        lambda request: None if request.url.startswith((live_server.url, "data:")) else outside.append(request.url),
    )
    page.goto("/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Tunet API")
    check_page(page)
    page.locator("#operations-Offentlig-farms_list .opblock-summary-control").click()
    expect(page.locator("#operations-Offentlig-farms_list .parameters")).to_be_visible()
    check_page(page)
    assert refused == []
    assert outside == []


def test_the_documentation_fits_a_phone(phone_page, demo_data):
    phone_page.goto("/api/v1/docs/")
    expect(phone_page.locator(".opblock").first).to_be_visible()
    check_page(phone_page)
