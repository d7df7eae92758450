"""Journey: on a 360 px phone the case worker records a relative's consent and invites her; she opens the
link, makes a password, sees the next farm day and reports absence for it; the farmer's «I dag» shows it,
the buyer is told and sees it in the attendance report, and the participant's «Hvem har sett» lists the
farmer's look. Then every page of «Mine sider», as the participant and as a relative, through axe-core."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import expect

from tunet.accounts.models import Membership
from tunet.care.models import Participant, Placement

from .helpers import check_page, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


def log_in_person(page, email):
    """A participant or a relative logs in and lands on their own pages."""
    log_in(page, email, lands=r"/mine-sider/\d+/$")


def test_a_relative_is_invited_reports_absence_and_everyone_sees_it(phone_page, demo_data):
    page = phone_page
    solveig = Participant.objects.get(first_name="Solveig", last_name="Testrud")
    placement = Placement.objects.get(participant=solveig, status="active")

    # The case worker records the consent and sends the invitation.
    log_in(page, "saksbehandler@tunet.example")
    page.goto(reverse("care:participant", args=[solveig.pk]))
    page.click("main nav a:has-text('Innlogging og pårørende')")
    expect(page.locator("h2").first).to_contain_text("Innlogging for deltakeren og pårørende")
    check_page(page)
    page.fill("#id_relative-full_name", "Per Testrud")
    page.fill("#id_relative-relation", "sønn")
    page.fill("#id_relative-email", "per@example.org")
    page.check("#id_relative-sees_days")
    page.check("#id_relative-reports_absence")
    page.check("input[name=relative-consent_from][value=participant]")
    page.click("main button:has-text('Registrer og send invitasjonen')")
    expect(page.locator(".messages")).to_contain_text("Samtykket er registrert")
    expect(page.locator("main")).to_contain_text("Per Testrud (sønn)")
    check_page(page)
    log_out(page)

    # Per opens the link from the e-mail and makes a password.
    link = re.search(r"https?://\S+(/invitasjon/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(link)
    check_page(page)
    page.fill("#id_password1", "Hønsehus-i-sola-7")
    page.fill("#id_password2", "Hønsehus-i-sola-7")
    page.click("main button[type=submit]")
    expect(page).to_have_url(re.compile(rf"/mine-sider/{solveig.pk}/$"))
    expect(page.locator("main")).to_contain_text("Neste gårdsdag")
    check_page(page)

    # He reports absence for the next farm day.
    page.click("main a:has-text('Jeg kommer ikke')")
    check_page(page)
    first = page.locator("input[name=days]").first
    day = datetime.date.fromisoformat(first.get_attribute("value").split(":")[1])
    first.check()
    page.check("input[name=reason][value=time_off]")
    page.click("main button:has-text('Send')")
    expect(page.locator(".messages")).to_contain_text("Gården ser at du ikke kommer")
    expect(page.locator("main")).to_contain_text("Solveig kommer ikke")
    check_page(page)
    log_out(page)

    # The farmer's «I dag» for that day shows the reported absence, and he opens Solveig's page.
    log_in(page, "gardbruker@tunet.example")
    page.goto(reverse("daily:day_on", args=[day.isoformat()]))
    card = page.locator(f"#card-{placement.pk}")
    expect(card).to_contain_text("Meldt fravær")
    expect(card).to_contain_text("Jeg har fri (meldt av en pårørende)")
    check_page(page)
    page.goto(reverse("care:participant", args=[solveig.pk]))
    log_out(page)

    # The buyer is told (without a name) and sees it in the month's attendance report.
    log_in(page, "saksbehandler@tunet.example")
    page.goto(reverse("core:notifications"))
    expect(page.locator("main")).to_contain_text(f"Fravær meldt for {day:%d.%m.%Y}")
    page.goto(reverse("daily:attendance_report", args=[placement.pk, day.year, day.month]))
    expect(page.locator("main")).to_contain_text("Meldt fravær")
    log_out(page)

    # Solveig sees who has looked: the farmer, from Solbakken gård, and her son.
    log_in_person(page, "deltaker@tunet.example")
    page.click("main nav a:has-text('Hvem har sett opplysningene mine')")
    looks = page.locator("main .portal-looks")
    expect(looks).to_contain_text("Ola Solbakken")
    expect(looks).to_contain_text("Solbakken gård")
    expect(looks).to_contain_text("Per Testrud (pårørende)")
    check_page(page)


def test_every_page_of_my_pages_passes_axe_on_a_phone(phone_page, demo_data):
    page = phone_page
    solveig = Participant.objects.get(first_name="Solveig", last_name="Testrud")
    placement = Placement.objects.get(participant=solveig, status="active")
    names = ["overview", "farm_days", "absence", "goals", "check_in", "messages", "contact", "records", "looks"]
    for email, pages in (
        ("deltaker@tunet.example", names),
        ("parorende@tunet.example", [n for n in names if n not in ("records", "looks")]),
    ):
        log_in_person(page, email)
        for name in pages:
            response = page.goto(reverse(f"portal:{name}", args=[solveig.pk]))
            assert response.status == 200, f"{email} {name}"
            expect(page.locator("main h1")).to_be_visible()
            check_page(page)
        log_out(page)
    log_in(page, "saksbehandler@tunet.example")
    relative = solveig.portal_access.get(kind="relative")
    for path in (
        reverse("portal:manage", args=[solveig.pk]),
        reverse("portal:withdraw", args=[solveig.pk, relative.pk]),
        reverse("portal:conversation", args=[placement.pk]),
    ):
        assert page.goto(path).status == 200, path
        check_page(page)
    # An invitation to the organisation, and the pages its link leads to.
    log_out(page)
    log_in(page, "admin@tunet.example")
    admin = Membership.objects.get(user__email="admin@tunet.example")
    page.goto(reverse("accounts:member_add", args=[admin.organisation_id]))
    check_page(page)
    page.fill("#id_full_name", "Nina Ny")
    page.fill("#id_email", "nina@example.org")
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text("Invitert, ikke godtatt ennå")
    check_page(page)
    log_out(page)
    token = re.search(r"/bli-med/(\S+)/", mail.outbox[-1].body).group(1)
    for path in (
        reverse("accounts:join", args=[token]),
        reverse("accounts:join", args=["brukt"]),
        reverse("portal:invitation", args=["brukt"]),
    ):
        page.goto(path)
        expect(page.locator("main h1")).to_be_visible()
        check_page(page)
