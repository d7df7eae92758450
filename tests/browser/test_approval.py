"""Journey 1: a farmer completes the self-audit with one «Nei», the approval body assigns an
auditor, the auditor records the revision, the farmer closes the deviation with a document, the
auditor verifies it, and the farm is approved and appears in the catalogue."""

import pytest
from playwright.sync_api import expect

from tunet.accounts.models import Membership, Role
from tunet.approval import actions
from tunet.approval.models import AnswerValue, Approval, ApprovalStatus
from tunet.approval.tests.factories import PDF_BYTES
from tunet.catalogue.models import Farm

from .helpers import check_page, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)

PDF = PDF_BYTES  # a real one-page PDF: the vault parses what it is given


def test_from_self_audit_to_approval_and_the_catalogue(page, demo_data):
    farm = Farm.objects.get(provider=demo_data["elvetun"])
    # Elvetun is new in the scheme: not yet approved, so not in the catalogue.
    approval = Approval.objects.get(farm=farm)
    approval.status, approval.valid_until, approval.reason = ApprovalStatus.PENDING, None, ""
    approval.save()
    farmer = Membership.objects.get(user__email="gardbruker4@tunet.example", role=Role.FARMER)

    log_in(page, "gardbruker4@tunet.example")
    page.click("header a[href='/godkjenning/']")
    expect(page.locator("main h1")).to_have_text("Godkjenning")
    check_page(page)
    page.click("main nav a[href='/godkjenning/egenrevisjon/']")
    page.click("text=Start en ny egenrevisjon")
    expect(page.locator("#progress")).to_contain_text("0 av")
    check_page(page)

    # The farmer has answered all but the last three earlier; now the rest, on the page.
    audit = farm.self_audits.get()
    answers = list(audit.answers.order_by("item__version__standard__sort_order", "item_id"))
    for answer in answers[:-3]:
        actions.do_save_answer(farmer, answer, value=AnswerValue.YES)
    page.reload()
    no, yes, not_relevant = answers[-3:]
    item = page.locator(f"#answer-{no.pk}")
    item.locator("input[value=no]").check()
    # Saved as you go: «Nei» without a measure asks for one, and keeps the choice.
    expect(page.locator(f"#answer-{no.pk}")).to_contain_text("Beskriv tiltaket")
    item = page.locator(f"#answer-{no.pk}")
    item.locator("textarea[name$=measure]").fill("Skrive ny beredskapsplan og øve på den med de ansatte.")
    item.locator("input[name$=responsible]").fill("Guro Aune")
    item.locator("input[name$=deadline]").fill("2026-12-20")
    item.locator("button[type=submit]").click()
    expect(page.locator(f"#answer-{no.pk} [role=status]")).to_have_text("Lagret")
    page.locator(f"#answer-{yes.pk} input[value=yes]").check()
    expect(page.locator(f"#answer-{yes.pk} [role=status]")).to_have_text("Lagret")
    page.locator(f"#answer-{not_relevant.pk} input[value=na]").check()
    expect(page.locator(f"#answer-{not_relevant.pk} [role=status]")).to_have_text("Lagret")
    total = len(answers)
    expect(page.locator("#progress")).to_contain_text(f"{total} av {total}")
    check_page(page)
    page.click("text=Send inn egenrevisjonen >> nth=-1")
    expect(page.locator(".messages")).to_contain_text("sendt inn")
    expect(page.locator("main")).to_contain_text("Lukk avviket")
    log_out(page)

    # The approval body assigns the auditor, seeing each auditor's county and workload.
    log_in(page, "godkjenning@tunet.example")
    page.click("header a[href='/godkjenningsorgan/']")
    check_page(page)
    page.goto(f"/godkjenningsorgan/gard/{farm.pk}/")
    check_page(page)
    expect(page.locator("#id_auditor")).to_contain_text("Per Haugen")
    page.select_option("#id_auditor", str(Membership.objects.get(user__email="revisor@tunet.example").user_id))
    page.click("text=Tildel revisor")
    expect(page.locator(".messages")).to_contain_text("tildelt")
    log_out(page)

    # The auditor records the visit and accepts the revision.
    log_in(page, "revisor@tunet.example")
    page.click("header a[href='/revisjon/']")
    check_page(page)
    page.click(f"text={farm.name}")
    check_page(page)
    page.fill("#id_visit_date", "2026-11-20")
    page.fill("#id_met", "Guro Aune")
    page.fill("#id_summary", "Ryddig gård. Beredskapsplanen må skrives på nytt.")
    page.click("text=Lagre besøket")
    page.click("text=Godkjenn revisjonen >> nth=-1")
    expect(page.locator(".messages")).to_contain_text("Revisjonen er godkjent")
    log_out(page)

    # The farmer closes the deviation with a document.
    log_in(page, "gardbruker4@tunet.example")
    page.goto("/godkjenning/")
    page.click("main a:has-text('Lukk avviket')")
    check_page(page)
    page.fill("#id_note", "Ny beredskapsplan er skrevet og gjennomgått med alle ansatte.")
    page.set_input_files(
        "#id_file", files=[{"name": "beredskapsplan.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.select_option("#id_kind", "emergency_plan")
    page.click("main form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("Avviket er lukket")
    page.goto("/godkjenning/dokumenter/")
    expect(page.locator("main")).to_contain_text("Beredskapsplan")
    check_page(page)
    log_out(page)

    # The auditor verifies it, and the farm is approved.
    log_in(page, "revisor@tunet.example")
    page.goto("/varsler/")
    expect(page.locator("main")).to_contain_text("har lukket et avvik")
    check_page(page)
    page.goto(f"/revisjon/{farm.revisions.get().pk}/")
    page.click("main button[name=verify]")
    expect(page.locator("main")).to_contain_text("Bekreftet lukket")
    with page.expect_download() as download:
        page.click("text=Revisjonsrapport (PDF)")
    assert download.value.suggested_filename.endswith(".pdf")
    log_out(page)

    approval = Approval.objects.get(farm=farm)
    assert approval.status == ApprovalStatus.APPROVED
    page.goto(f"/finn-gard/?fylke={farm.municipality.county_id}")
    expect(page.locator(f"#results a[href='/gard/{farm.pk}/']")).to_be_visible()
    page.goto(f"/gard/{farm.pk}/")
    expect(page.locator("main")).to_contain_text("Godkjent Inn på tunet-gård")
    check_page(page)


def test_the_self_audit_on_a_phone(phone_page, demo_data):
    """Nordre Li's self-audit is half done in the demo: the farmer carries on from the farmyard."""
    log_in(phone_page, "gardbruker2@tunet.example")
    phone_page.goto("/godkjenning/egenrevisjon/")
    expect(phone_page.locator("#progress")).to_be_visible()
    check_page(phone_page)
    phone_page.goto("/godkjenning/")
    check_page(phone_page)
