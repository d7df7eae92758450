"""Every page a person can open, as the role that opens it, through axe-core: the pages the
journeys do not pass through (editors, confirmations, second-level pages) included."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from tunet.approval.models import Deviation, Document, Revision, Standard
from tunet.care.models import Participant, Placement
from tunet.catalogue.models import Farm
from tunet.daily.models import FollowUpMeeting, Incident
from tunet.learning.models import Handbook
from tunet.purchasing.models import Agreement, Request

from .helpers import check_page, log_in, log_out

pytestmark = pytest.mark.django_db(transaction=True)


def tour(page, email, paths):
    log_in(page, email)
    for path in paths:
        response = page.goto(path)
        assert response.status == 200, f"{email} {path} gave {response.status}"
        expect(page.locator("main h1").first).to_be_visible()
        check_page(page)
    log_out(page)


def test_every_page_of_every_role_passes_axe(page, demo_data):
    solbakken = Farm.objects.get(provider=demo_data["solbakken"])
    standard = Standard.objects.order_by("sort_order").first()
    version = standard.versions.get(status="published")
    revision = Revision.objects.filter(farm=solbakken).first()
    deviation = Deviation.objects.filter(farm=solbakken).first()
    document = Document.objects.filter(farm=solbakken).first()
    agreement = Agreement.objects.get(buyer=demo_data["skien"], farm=solbakken)
    request = Request.objects.filter(buyer=demo_data["skien"], status="open").first()
    # One placed now: after a placement ends the farm no longer reads the risk assessment.
    participant = Participant.objects.filter(
        buyer=demo_data["skien"], protected=False, placements__status="active"
    ).first()
    placement = Placement.objects.filter(participant=participant).first()
    today = timezone.localdate()

    tour(
        page,
        "godkjenning@tunet.example",
        [
            reverse("approval:overview"),
            reverse("approval:farm_file", args=[solbakken.pk]),
            reverse("approval:revoke", args=[solbakken.pk]),
            reverse("approval:standards"),
            reverse("approval:standard_version", args=[standard.code, version.number]),
            reverse("learning:handbooks"),
            reverse("learning:handbook_edit", args=[Handbook.objects.first().slug]),
        ],
    )
    # A draft of a standard, and its editor pages.
    log_in(page, "godkjenning@tunet.example")
    page.goto(reverse("approval:standard_version", args=[standard.code, version.number]))
    page.click("main form[action$='/nytt-utkast/'] button[type=submit]")
    draft_number = version.number + 1
    draft = standard.versions.get(number=draft_number)
    for path in (
        reverse("approval:version_notes", args=[standard.code, draft_number]),
        reverse("approval:version_publish", args=[standard.code, draft_number]),
        reverse("approval:section_new", args=[standard.code, draft_number]),
        reverse("approval:section_edit", args=[standard.code, draft_number, draft.sections.first().pk]),
        reverse("approval:section_delete", args=[standard.code, draft_number, draft.sections.first().pk]),
        reverse("approval:item_new", args=[standard.code, draft_number]),
        reverse("approval:item_edit", args=[standard.code, draft_number, draft.items.first().pk]),
        reverse("approval:item_delete", args=[standard.code, draft_number, draft.items.first().pk]),
    ):
        assert page.goto(path).status == 200, path
        check_page(page)
    log_out(page)

    tour(
        page, "revisor@tunet.example", [reverse("approval:worklist"), reverse("approval:revision", args=[revision.pk])]
    )

    tour(
        page,
        "gardbruker@tunet.example",
        [
            reverse("approval:farm"),
            reverse("approval:self_audit"),
            reverse("approval:deviation", args=[deviation.pk]),
            reverse("approval:documents"),
            *([reverse("approval:document_delete", args=[document.pk])] if document else []),
            reverse("purchasing:overview"),
            reverse("purchasing:request", args=[request.pk]),
            reverse("purchasing:agreement", args=[agreement.pk]),
            reverse("care:participants"),
            reverse("care:placement", args=[placement.pk]),
            reverse("care:risk", args=[participant.pk]),
            reverse("daily:day"),
            reverse("daily:absence"),
            reverse("daily:incidents"),
            reverse("daily:incident_new"),
            reverse("daily:meetings", args=[agreement.pk]),
            reverse("daily:invoice", args=[agreement.pk, today.year, today.month]),
            reverse("daily:attendance_report", args=[placement.pk, today.year, today.month]),
            reverse("core:notifications"),
        ],
    )

    tour(
        page,
        "saksbehandler@tunet.example",
        [
            reverse("purchasing:overview"),
            reverse("purchasing:guide"),
            reverse("purchasing:request_new"),
            reverse("purchasing:request", args=[request.pk]),
            reverse("purchasing:request_cancel", args=[request.pk]),
            reverse("purchasing:agreement", args=[agreement.pk]),
            reverse("purchasing:agreement_new_version", args=[agreement.pk]),
            reverse("purchasing:agreement_notice", args=[agreement.pk]),
            reverse("care:participants"),
            reverse("care:participant_new"),
            reverse("care:participant", args=[participant.pk]),
            reverse("care:participant_edit", args=[participant.pk]),
            reverse("care:participant_named", args=[participant.pk]),
            reverse("care:participant_refer", args=[participant.pk]),
            reverse("care:placement_end", args=[placement.pk]),
            reverse("care:access_log", args=[participant.pk]),
            reverse("daily:incidents"),
            reverse("daily:meetings", args=[agreement.pk]),
        ],
    )
    tour(page, "admin@tunet.example", [reverse("purchasing:signing_rule")])
    meeting = FollowUpMeeting.objects.filter(agreement=agreement).first()
    incident = Incident.objects.filter(farm=solbakken).first()
    extra = [reverse("daily:meeting", args=[meeting.pk])] if meeting else []
    extra += [reverse("daily:incident", args=[incident.pk])] if incident else []
    if extra:
        tour(page, "gardbruker@tunet.example", extra)
