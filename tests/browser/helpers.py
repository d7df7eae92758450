"""What every browser journey checks on every page it visits."""

from axe_playwright_python.sync_playwright import Axe

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
