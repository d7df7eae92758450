"""The pages of the approval cycle: who may open them, what they do, and their query counts."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.approval import actions
from tunet.approval.models import AnswerValue, ApprovalStatus, Deviation, DeviationStatus, SelfAuditStatus
from tunet.approval.tests.factories import PDF_BYTES, DocumentFactory, png_bytes
from tunet.approval.tests.scheme import accepted_revision, in_days, scheme, submitted_self_audit
from tunet.catalogue.tests.factories import FarmFactory

pytestmark = pytest.mark.django_db


def as_(client, membership):
    client.force_login(membership.user)
    return client


@pytest.fixture
def s():
    return scheme()


@pytest.fixture
def revision(s):
    submitted_self_audit(s, no=1)
    revision = actions.do_assign_auditor(s.officer, s.farm, s.auditor.user)
    actions.do_record_visit(s.auditor, revision, visit_date=timezone.localdate(), met="Kari", summary="Greit")
    return revision


# --- Who may open what -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["approval:farm", "approval:self_audit", "approval:worklist", "approval:overview"])
def test_anonymous_is_sent_to_log_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/logg-inn/" in response["Location"] or "login" in response["Location"]


def test_the_farm_pages_are_the_farms_own(client, s):
    assert as_(client, s.farmer).get(reverse("approval:farm")).status_code == 200
    for role in (Role.CASE_WORKER, Role.AUDITOR, Role.APPROVAL_OFFICER):
        assert as_(client, member(role)).get(reverse("approval:farm")).status_code == 404
    staff = member(Role.FARM_STAFF, s.farm.provider)  # staff follow participants; the farmer keeps the file
    assert as_(client, staff).get(reverse("approval:self_audit")).status_code == 403


def test_a_farm_cannot_open_another_farms_deviation(client, revision, s):
    deviation = Deviation.objects.get(farm=s.farm)
    other = member(Role.FARMER, FarmFactory().provider)
    assert as_(client, other).get(reverse("approval:deviation", args=[deviation.pk])).status_code == 404
    assert as_(client, s.farmer).get(reverse("approval:deviation", args=[deviation.pk])).status_code == 200


@pytest.mark.parametrize(
    ("who", "expected"),
    [("auditor", 200), ("other_auditor", 403), ("officer", 403), ("farmer", 403), ("case_worker", 403)],
)
def test_only_the_assigned_auditor_opens_the_revision(client, revision, s, who, expected):
    people = {
        "auditor": s.auditor,
        "other_auditor": member(Role.AUDITOR),
        "officer": s.officer,
        "farmer": s.farmer,
        "case_worker": member(Role.CASE_WORKER),
    }
    response = as_(client, people[who]).get(reverse("approval:revision", args=[revision.pk]))
    assert response.status_code == expected
    post = as_(client, people[who]).post(reverse("approval:revision_accept", args=[revision.pk]))
    assert post.status_code == (302 if expected == 200 else 403)


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("auditor", 200),
        ("farmer", 200),
        ("officer", 200),
        ("other_farmer", 403),
        ("other_auditor", 403),
        ("case_worker", 403),
    ],
)
def test_the_revision_report_is_for_the_file_readers(client, revision, s, who, expected):
    people = {
        "auditor": s.auditor,
        "farmer": s.farmer,
        "officer": s.officer,
        "other_farmer": member(Role.FARMER, FarmFactory().provider),
        "other_auditor": member(Role.AUDITOR),
        "case_worker": member(Role.CASE_WORKER),
    }
    response = as_(client, people[who]).get(reverse("approval:revision_report", args=[revision.pk]))
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")


@pytest.mark.parametrize("role", [Role.FARMER, Role.AUDITOR, Role.CASE_WORKER, Role.NAV_ADVISER])
def test_the_overview_and_the_files_are_for_the_approval_body(client, s, role):
    person = member(role, s.farm.provider) if role == Role.FARMER else member(role)
    as_(client, person)
    assert client.get(reverse("approval:overview")).status_code == 403
    assert client.get(reverse("approval:farm_file", args=[s.farm.pk])).status_code == 403
    assert client.post(reverse("approval:assign", args=[s.farm.pk]), {"auditor": s.auditor.user.pk}).status_code == 403
    assert client.post(reverse("approval:revoke", args=[s.farm.pk]), {"reason": "x"}).status_code == 403
    assert not s.farm.revisions.exists()


# --- The farm's self-audit, through the pages -----------------------------------------------------------


def test_the_farmer_answers_saves_as_they_go_and_submits(client, s):
    as_(client, s.farmer)
    client.post(reverse("approval:self_audit_start"))
    client.post(reverse("approval:self_audit_start"))  # a double click
    audit = s.farm.self_audits.get()
    answers = list(audit.answers.order_by("item_id"))
    page = client.get(reverse("approval:self_audit"))
    assert "0 av 3" in page.content.decode()
    # The first answer is a «Nei» without its measure: refused, with what was typed kept.
    no = answers[0]
    response = client.post(
        reverse("approval:answer_save", args=[no.pk]), {f"a{no.pk}-value": "no", f"a{no.pk}-comment": "Ingen plan"}
    )
    assert response.status_code == 400
    assert "Beskriv tiltaket" in response.content.decode()
    assert "Ingen plan" in response.content.decode()
    data = {
        f"a{no.pk}-value": "no",
        f"a{no.pk}-comment": "Ingen plan",
        f"a{no.pk}-measure": "Skrive beredskapsplan",
        f"a{no.pk}-responsible": "Kari",
        f"a{no.pk}-deadline": in_days(30).isoformat(),
    }
    assert client.post(reverse("approval:answer_save", args=[no.pk]), data).status_code == 302
    # With htmx, only the answer and the progress come back.
    yes = answers[1]
    photo = _upload("bilde.png", png_bytes())
    response = client.post(
        reverse("approval:answer_save", args=[yes.pk]),
        {f"a{yes.pk}-value": "yes", f"a{yes.pk}-photo": photo},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Lagret" in body
    assert 'hx-swap-oob="true"' in body
    assert "2 av 3" in body
    assert "<html" not in body
    yes.refresh_from_db()
    assert yes.photo.name.startswith(f"private/farms/{s.farm.pk}/evidence/")
    # Submitting with one unanswered is refused; after answering it, submitted with one deviation.
    response = client.post(reverse("approval:self_audit_submit"), follow=True)
    assert "Svar på alle kravene" in response.content.decode()
    last = answers[2]
    client.post(reverse("approval:answer_save", args=[last.pk]), {f"a{last.pk}-value": "na"})
    client.post(reverse("approval:self_audit_submit"))
    client.post(reverse("approval:self_audit_submit"))  # a double submit
    audit.refresh_from_db()
    assert audit.status == SelfAuditStatus.SUBMITTED
    assert Deviation.objects.filter(farm=s.farm).count() == 1
    page = client.get(reverse("approval:farm")).content.decode()
    assert "Lukk avviket" in page


def test_a_photo_that_is_not_an_image_is_refused(client, s):
    as_(client, s.farmer)
    client.post(reverse("approval:self_audit_start"))
    answer = s.farm.self_audits.get().answers.first()
    fake = _upload("bilde.jpg", b"MZ\x90\x00 not a photo")
    response = client.post(
        reverse("approval:answer_save", args=[answer.pk]),
        {f"a{answer.pk}-value": "yes", f"a{answer.pk}-comment": "Se bildet", f"a{answer.pk}-photo": fake},
    )
    assert response.status_code == 400
    assert "ikke et bilde" in response.content.decode()
    assert "Se bildet" in response.content.decode()


def test_the_farm_closes_a_deviation_with_a_new_document(client, revision, s):
    deviation = Deviation.objects.get(farm=s.farm)
    as_(client, s.farmer)
    url = reverse("approval:deviation", args=[deviation.pk])
    response = client.post(url, {"note": "Planen er skrevet", "kind": "emergency_plan"})
    assert response.status_code == 400
    assert "Planen er skrevet" in response.content.decode()
    empty = client.post(url, {"note": "Planen er skrevet", "kind": "emergency_plan", "file": _upload("plan.pdf", b"")})
    assert "tom" in empty.content.decode()
    pdf = _upload("plan.pdf", PDF_BYTES)
    assert client.post(url, {"note": "Planen er skrevet", "kind": "emergency_plan", "file": pdf}).status_code == 302
    deviation.refresh_from_db()
    assert deviation.status == DeviationStatus.CLOSED
    assert deviation.evidence.farm == s.farm
    assert deviation.evidence.kind == "emergency_plan"


# --- The auditor and the approval body, through the pages ----------------------------------------------


def test_the_auditor_reviews_verifies_and_accepts(client, revision, s):
    as_(client, s.auditor)
    audit = s.farm.self_audits.get()
    answer = audit.answers.filter(value=AnswerValue.YES).first()
    url = reverse("approval:revision_review", args=[revision.pk, answer.pk])
    refused = client.post(url, {f"r{answer.pk}-verdict": "corrected", f"r{answer.pk}-corrected_value": "no"})
    assert refused.status_code == 400
    assert "Beskriv tiltaket" in refused.content.decode()
    client.post(
        url,
        {
            f"r{answer.pk}-verdict": "corrected",
            f"r{answer.pk}-corrected_value": "no",
            f"r{answer.pk}-note": "Mangler",
            f"r{answer.pk}-measure": "Ordne",
            f"r{answer.pk}-responsible": "Kari",
            f"r{answer.pk}-deadline": in_days(14).isoformat(),
        },
    )
    assert Deviation.objects.filter(farm=s.farm).count() == 2
    assert client.post(reverse("approval:revision_accept", args=[revision.pk])).status_code == 302
    for deviation in Deviation.objects.filter(farm=s.farm):
        actions.do_close_deviation(s.farmer, deviation, note="Ordnet", evidence=DocumentFactory(farm=s.farm))
        verify = reverse("approval:deviation_verify", args=[revision.pk, deviation.pk])
        # The revision is accepted, but verifying its deviations goes on.
        assert client.post(verify, {f"d{deviation.pk}-note": "Sett"}).status_code == 302
    s.farm.approval.refresh_from_db()
    assert s.farm.approval.status == ApprovalStatus.APPROVED


def test_reopening_needs_a_reason(client, revision, s):
    deviation = Deviation.objects.get(farm=s.farm)
    actions.do_close_deviation(s.farmer, deviation, note="Ordnet", evidence=DocumentFactory(farm=s.farm))
    as_(client, s.auditor)
    url = reverse("approval:deviation_verify", args=[revision.pk, deviation.pk])
    response = client.post(url, {"reopen": ""})
    assert response.status_code == 400
    assert "hvorfor" in response.content.decode()
    client.post(url, {"reopen": "", f"d{deviation.pk}-note": "Mangler underskrift"})
    deviation.refresh_from_db()
    assert deviation.status == DeviationStatus.OPEN
    assert deviation.auditor_note == "Mangler underskrift"


def test_the_approval_body_assigns_and_revokes(client, s):
    as_(client, s.officer)
    page = client.get(reverse("approval:farm_file", args=[s.farm.pk])).content.decode()
    assert s.auditor.user.full_name in page
    assert "0 åpne" in page
    assert client.post(reverse("approval:assign", args=[s.farm.pk]), {}).status_code == 400
    client.post(reverse("approval:assign", args=[s.farm.pk]), {"auditor": s.auditor.user.pk})
    assert s.farm.revisions.get().auditor == s.auditor.user
    assert "Trekk tilbake godkjenningen" in client.get(reverse("approval:revoke", args=[s.farm.pk])).content.decode()
    assert client.post(reverse("approval:revoke", args=[s.farm.pk]), {"reason": ""}).status_code == 400
    client.post(reverse("approval:revoke", args=[s.farm.pk]), {"reason": "Dyrevelferd"})
    s.farm.approval.refresh_from_db()
    assert (s.farm.approval.status, s.farm.approval.reason) == (ApprovalStatus.REVOKED, "Dyrevelferd")


# --- Constant query counts -----------------------------------------------------------------------------


def _farms_with_files(n, s):
    for _ in range(n):
        farm = FarmFactory()
        farmer = member(Role.FARMER, farm.provider)
        actions.do_start_self_audit(farmer, farm)
        actions.do_assign_auditor(s.officer, farm, s.auditor.user)


def _count(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("name", ["approval:overview", "approval:worklist"])
def test_list_pages_run_the_same_number_of_queries_at_any_size(client, s, name):
    who = s.officer if name == "approval:overview" else s.auditor
    as_(client, who)
    _farms_with_files(2, s)
    small = _count(client, reverse(name))
    _farms_with_files(12, s)
    assert _count(client, reverse(name)) == small


def test_the_self_audit_page_runs_the_same_number_of_queries_for_more_items(client):
    counts = []
    for items in (3, 25):
        s = scheme(items=items)
        as_(client, s.farmer)
        client.post(reverse("approval:self_audit_start"))
        counts.append(_count(client, reverse("approval:self_audit")))
    assert counts[0] == counts[1]


def test_the_revision_page_runs_the_same_number_of_queries_for_more_items(client):
    counts = []
    for items in (3, 25):
        s = scheme(items=items)
        submitted_self_audit(s, no=1)
        revision = accepted_revision(s)
        as_(client, s.auditor)
        counts.append(_count(client, reverse("approval:revision", args=[revision.pk])))
    assert counts[0] == counts[1]


def _upload(name, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content)


def test_the_evidence_photo_is_shown_to_the_file_readers_only(client, s):
    audit = actions.do_start_self_audit(s.farmer, s.farm)
    answer = audit.answers.first()
    actions.do_save_answer(s.farmer, answer, value=AnswerValue.YES, photo=_upload("x.png", png_bytes()))
    url = reverse("approval:answer_photo", args=[answer.pk])
    response = as_(client, s.farmer).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    for stranger in (member(Role.FARMER, FarmFactory().provider), member(Role.AUDITOR), member(Role.CASE_WORKER)):
        assert as_(client, stranger).get(url).status_code == 403
    assert as_(client, s.officer).get(url).status_code == 200
    actions.do_assign_auditor(s.officer, s.farm, s.auditor.user)
    assert as_(client, s.auditor).get(url).status_code == 200


def test_the_revision_report_carries_the_photos(client, s):
    audit = actions.do_start_self_audit(s.farmer, s.farm)
    for answer in audit.answers.all():
        actions.do_save_answer(s.farmer, answer, value=AnswerValue.YES, photo=_upload("x.png", png_bytes()))
    actions.do_submit_self_audit(s.farmer, audit)
    revision = accepted_revision(s)
    response = as_(client, s.farmer).get(reverse("approval:revision_report", args=[revision.pk]))
    assert response.status_code == 200
    assert response.content.count(b"/Subtype /Image") >= 1


def test_farm_staff_read_the_documents_without_links_they_may_not_follow(client, s):
    staff = member(Role.FARM_STAFF, s.farm.provider)
    page = as_(client, staff).get(reverse("approval:documents")).content.decode()
    assert 'href="/godkjenning/egenrevisjon/"' not in page
    assert 'href="/min-gard/"' not in page
    farmer_page = as_(client, s.farmer).get(reverse("approval:documents")).content.decode()
    assert 'href="/godkjenning/egenrevisjon/"' in farmer_page


def test_reading_the_pages_of_a_never_approved_farm_writes_nothing(client, s):
    from tunet.approval.models import Approval

    assert not Approval.objects.filter(farm=s.farm).exists()
    page = as_(client, s.farmer).get(reverse("approval:farm")).content.decode()
    assert "Ikke godkjent ennå" in page
    assert as_(client, s.officer).get(reverse("approval:farm_file", args=[s.farm.pk])).status_code == 200
    assert not Approval.objects.filter(farm=s.farm).exists()
