"""The handbook and the IPT school: a case worker searches the handbook for buyers; a farm
worker takes the course, passes it, downloads the certificate and checks it on the public page;
the approval body's editor changes a chapter and compares and restores it; and the reader's pages
on a 360 px phone."""

import re

import pytest
from playwright.sync_api import expect

from tunet.learning.models import Lesson

from .helpers import check_page
from .test_foundation import log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


def test_search_the_handbook_as_a_buyer_then_pass_the_school(page, demo_data):
    log_in(page, "saksbehandler@tunet.example")
    page.click("header a[href='/handbok/']")
    check_page(page)
    page.fill("#id_q", "gårdene")
    page.select_option("#id_for", "kjoper")
    page.click("form[role=search] button[type=submit]")
    expect(page).to_have_url(re.compile(r"q=g%C3%A5rdene.*for=kjoper"))
    results = page.locator("#results-heading + ul li")
    expect(results.first).to_be_visible()
    expect(page.locator("main")).to_contain_text("Hva kjøpere ser etter")
    # Chapters for participants and relatives only are not among a buyer's results.
    expect(page.locator("main")).not_to_contain_text("Til deg som er pårørende")
    check_page(page)
    page.click("main a[href='/handbok/kapittel/hva-kjopere-ser-etter/']")
    expect(page.locator("h1")).to_have_text("Hva kjøpere ser etter")
    check_page(page)
    log_out(page)

    # A farm worker who has not taken the course goes through all four lessons.
    log_in(page, "ansatt@tunet.example")
    page.goto("/skolen/")
    expect(page.locator("main")).to_contain_text("0 av 4 leksjoner bestått")
    check_page(page)
    for lesson in Lesson.objects.filter(course__slug="inn-pa-tunet-skolen").prefetch_related("questions__options"):
        page.goto(f"/skolen/{lesson.slug}/")
        if lesson.number == 1:
            check_page(page)
        for question in lesson.questions.all():
            right = next(option for option in question.options.all() if option.is_correct)
            page.check(f"input[name='q{question.pk}'][value='{right.pk}']")
        page.click("main form button[type=submit]")
        expect(page.locator("#resultat")).to_contain_text("Leksjonen er bestått")
        expect(page.locator("main")).to_contain_text(lesson.questions.first().explanation)
        check_page(page)

    page.click("#resultat a[href='/skolen/kursbevis/']")
    expect(page.locator("h1")).to_have_text("Kursbeviset ditt")
    check_page(page)
    code = page.locator("main .certificate-code").inner_text()
    assert re.fullmatch(r"IPT-[A-Z0-9]{4}-[A-Z0-9]{4}", code)
    with page.expect_download() as download:
        page.click("main a[href='/skolen/kursbevis/pdf/']")
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    log_out(page)

    # Anyone checks the certificate with its code, typed as a person might type it.
    page.goto("/skolen/sjekk-kursbevis/")
    check_page(page)
    page.fill("#id_code", code.lower().replace("-", " "))
    page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text("Kursbeviset er gyldig")
    expect(page.locator("main")).to_contain_text("Marte Lien")
    expect(page.locator("main")).not_to_contain_text("ansatt@tunet.example")
    check_page(page)

    # The editor changes a chapter, compares the two versions and restores the first.
    log_in(page, "godkjenning@tunet.example")
    page.goto("/handbok/kapittel/en-vanlig-dag/endre/")
    check_page(page)
    page.fill("#id_body", page.input_value("#id_body").replace("Lunsj klokka 12", "Lunsj klokka halv tolv"))
    page.fill("#id_note", "Ny lunsjtid")
    page.click("main form button[type=submit]")
    expect(page.locator("main")).to_contain_text("Lunsj klokka halv tolv")
    check_page(page)
    page.click("main nav a[href='/handbok/kapittel/en-vanlig-dag/historikk/']")
    check_page(page)
    page.click("main form button[type=submit]")
    expect(page.locator("main .diff-added")).to_contain_text("halv tolv")
    check_page(page)
    page.click("main a[href='/handbok/kapittel/en-vanlig-dag/versjon/1/']")
    check_page(page)
    page.click("main form button[type=submit]")
    expect(page.locator("main .rich-text")).to_contain_text("Lunsj klokka 12")
    check_page(page)
    for path in ("/handbok/bilder/", "/handbok/psykisk-helse-og-rus/", "/handbok/psykisk-helse-og-rus/utskrift/"):
        page.goto(path)
        check_page(page)
    log_out(page)

    page.set_viewport_size({"width": 360, "height": 740})
    for path in (
        "/handbok/?q=aktivitetsplikt&for=tilbyder",
        "/handbok/kapittel/til-deg-som-er-deltaker/",
        "/skolen/garden-som-arena/",
        f"/skolen/sjekk-kursbevis/{code}/",
    ):
        page.goto(path)
        check_page(page)
