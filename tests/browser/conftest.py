"""Browser tests: Playwright driving Debian's Chromium at /usr/bin/chromium against live_server.

Locally they skip when Chromium is missing; with REQUIRE_BROWSER=1 (CI) a missing browser fails.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))

# Playwright's sync API runs an event loop in this thread; the tests still set up data with the ORM.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER") == "1" or os.environ.get("CI"):
            pytest.fail(f"Chromium is required for the browser tests but {CHROMIUM} is missing.")
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_data(live_server, settings):
    """The demo organisations, logins and farms, with the register they stand on.

    The register comes from a data migration, and every transactional test empties the
    database when it ends. serialized_rollback cannot bring it back here: once Playwright runs,
    the test sees a different connection object than the one the serialized copy was kept on.
    """
    from django.core import mail

    from tunet.core.models import County, Municipality, PostalCode
    from tunet.core.register import load_register
    from tunet.demo import load as demo

    if not County.objects.exists():
        load_register(County, Municipality, PostalCode)
    # The live server runs in this process, so a fast hasher here makes its logins fast too.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    organisations = demo.load()
    # The demo's own notifications (an auditor assigned, ...) are not the e-mails a test looks for.
    mail.outbox.clear()
    return organisations


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nb-NO")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nb-NO", viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
