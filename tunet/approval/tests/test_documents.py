"""The farm's document vault: who may see, upload, open and delete documents; uploads checked by
content with clear Norwegian errors; files served privately."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.approval import queries
from tunet.approval.models import Deviation, DeviationStatus, Document, DocumentType, Revision
from tunet.catalogue.tests.factories import FarmFactory

from .factories import PDF_BYTES, DocumentFactory, png_bytes

pytestmark = pytest.mark.django_db

ALLOWED, REFUSED, LOGIN, DONE = 200, 403, 302, 302
ROLES = [
    "anonymous",
    "own_farmer",
    "own_staff",
    "other_farmer",
    "case_worker",
    "approval_officer",
    "assigned_auditor",
    "other_auditor",
]


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    farm = FarmFactory(name="Denne gården")
    other_farm = FarmFactory(name="Annen gård")
    officer = member(Role.APPROVAL_OFFICER)
    auditor = member(Role.AUDITOR)
    Revision.objects.create(farm=farm, auditor=auditor.user, assigned_by=officer.user)
    farmer = member(Role.FARMER, farm.provider)
    document = DocumentFactory(farm=farm, title="Forsikringsbevis Denne", uploaded_by=farmer.user)
    return {
        "farm": farm,
        "document": document,
        "actors": {
            "anonymous": None,
            "own_farmer": farmer.user,
            "own_staff": member(Role.FARM_STAFF, farm.provider).user,
            "other_farmer": member(Role.FARMER, other_farm.provider).user,
            "case_worker": member(Role.CASE_WORKER).user,
            "approval_officer": officer.user,
            "assigned_auditor": auditor.user,
            "other_auditor": member(Role.AUDITOR).user,
        },
    }


def login(client, world, actor):
    user = world["actors"][actor]
    if user:
        client.force_login(user)
    return user


# --- Permission matrix -------------------------------------------------------------------------------------


VAULT = {
    "anonymous": LOGIN,
    "own_farmer": ALLOWED,
    "own_staff": ALLOWED,
    "other_farmer": ALLOWED,  # their own farm's vault, see below
}


@pytest.mark.parametrize("actor", ROLES)
def test_the_vault_is_open_to_the_farms_own_people_only(client, world, actor):
    login(client, world, actor)
    response = client.get(reverse("approval:documents"))
    assert response.status_code == VAULT.get(actor, REFUSED), actor
    shown = response.content.decode()
    assert ("Forsikringsbevis Denne" in shown) == (actor in {"own_farmer", "own_staff"})
    # Only those who keep the approval file get the upload form.
    assert ('enctype="multipart/form-data"' in shown) == (actor in {"own_farmer", "other_farmer"})


@pytest.mark.parametrize("actor", [role for role in ROLES if role not in {"own_farmer", "other_farmer"}])
def test_only_a_keeper_uploads(client, world, actor):
    login(client, world, actor)
    response = client.post(
        reverse("approval:documents"),
        {"kind": DocumentType.INSURANCE, "title": "Kapret", "file": SimpleUploadedFile("a.pdf", PDF_BYTES)},
    )
    assert response.status_code == (LOGIN if actor == "anonymous" else REFUSED), actor
    assert not Document.objects.filter(title="Kapret").exists()


FILE = {
    "anonymous": LOGIN,
    "own_farmer": ALLOWED,
    "own_staff": ALLOWED,
    "approval_officer": ALLOWED,
    "assigned_auditor": ALLOWED,
}


@pytest.mark.parametrize("actor", ROLES)
def test_a_file_is_served_only_to_those_who_may_read_the_approval_file(client, world, actor):
    login(client, world, actor)
    response = client.get(reverse("approval:document_file", args=[world["document"].pk]))
    assert response.status_code == FILE.get(actor, REFUSED), actor
    if response.status_code == ALLOWED:
        assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize("actor", ROLES)
def test_only_the_farms_keeper_deletes(client, world, actor):
    login(client, world, actor)
    url = reverse("approval:document_delete", args=[world["document"].pk])
    expected = {"anonymous": LOGIN, "own_farmer": ALLOWED}.get(actor, REFUSED)
    assert client.get(url).status_code == expected, actor
    if actor != "own_farmer":
        assert client.post(url).status_code == expected, actor
        assert Document.objects.filter(pk=world["document"].pk).exists()


def test_a_provider_without_a_farm_profile_is_sent_to_create_it(client):
    client.force_login(member(Role.FARMER).user)
    response = client.get(reverse("approval:documents"))
    assert response.status_code == 302
    assert response.url == reverse("catalogue:farm_create")


# --- Uploading ------------------------------------------------------------------------------------------------


@pytest.fixture
def farmer(client, world):
    login(client, world, "own_farmer")
    return client


def upload(client, content, name="forsikring.pdf", **fields):
    data = {"kind": DocumentType.INSURANCE, "title": "Forsikring 2026", "valid_until": "", **fields}
    if content is not None:
        data["file"] = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(reverse("approval:documents"), data)


def test_a_pdf_is_stored_privately_with_what_the_check_found(farmer, world, settings):
    valid_until = timezone.localdate() + datetime.timedelta(days=200)
    response = upload(farmer, PDF_BYTES, valid_until=valid_until.isoformat())
    assert response.status_code == DONE
    document = Document.objects.get(title="Forsikring 2026")
    assert (document.farm, document.kind, document.valid_until) == (world["farm"], DocumentType.INSURANCE, valid_until)
    assert (document.content_type, document.size, document.original_name) == (
        "application/pdf",
        len(PDF_BYTES),
        "forsikring.pdf",
    )
    assert document.uploaded_by == world["actors"]["own_farmer"]
    # Stored under a name of our own, not the uploader's, in the private part of the storage.
    assert document.file.name.startswith(f"private/farms/{world['farm'].pk}/documents/")
    assert "forsikring" not in document.file.name


def test_a_photo_is_accepted_and_the_title_defaults_to_the_type(farmer):
    response = upload(farmer, png_bytes(), name="IMG_0042.png", kind=DocumentType.EMERGENCY_PLAN, title="")
    assert response.status_code == DONE
    document = Document.objects.get(kind=DocumentType.EMERGENCY_PLAN)
    assert (document.content_type, document.title) == ("image/png", "Beredskapsplan")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64, "insurance.pdf", "verken en PDF"),
        (b"", "tom.pdf", "Filen er tom"),
    ],
)
def test_a_renamed_executable_or_an_empty_file_is_refused_and_the_form_kept(farmer, content, name, message):
    valid_until = (timezone.localdate() + datetime.timedelta(days=90)).isoformat()
    response = upload(farmer, content, name=name, title="Brannpolise", valid_until=valid_until)
    shown = response.content.decode()
    assert response.status_code == 200
    assert message in shown
    assert "Velg filen på nytt" in shown
    assert 'value="Brannpolise"' in shown
    assert f'value="{valid_until}"' in shown
    assert '<option value="insurance" selected>' in shown
    assert not Document.objects.filter(title="Brannpolise").exists()


def test_an_oversized_file_is_refused_with_the_limit(farmer, settings):
    settings.DOCUMENT_MAX_BYTES = 50
    response = upload(farmer, PDF_BYTES + b"0" * 100, title="For stor")
    shown = response.content.decode()
    assert "Filen er for stor" in shown
    assert "50\xa0byte" in shown or "50 byte" in shown
    assert 'value="For stor"' in shown
    assert not Document.objects.filter(title="For stor").exists()


def test_an_error_elsewhere_asks_for_the_file_again(farmer):
    response = upload(farmer, PDF_BYTES, valid_until="2001-01-01", title="Gammel")
    shown = response.content.decode()
    assert "Datoen er passert" in shown
    assert "Velg filen på nytt" in shown
    assert not Document.objects.filter(title="Gammel").exists()


def test_no_file_at_all_says_choose_one(farmer):
    shown = upload(farmer, None).content.decode()
    assert "Velg filen du vil laste opp" in shown
    assert "Velg filen på nytt" not in shown


# --- Serving -------------------------------------------------------------------------------------------------------


def test_the_file_is_served_as_an_attachment_with_its_checked_type_and_not_cached_by_others(farmer, world):
    response = farmer.get(reverse("approval:document_file", args=[world["document"].pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("private")
    # An attachment: a PDF's scripts never run in the browser under Tunet's address.
    assert response["Content-Disposition"] == 'attachment; filename="forsikringsbevis-denne.pdf"'


def test_a_photo_is_served_as_the_image_type_the_check_found(farmer, world):
    document = DocumentFactory(
        farm=world["farm"],
        title="Kontroll av brannslukker «2025»",
        file=SimpleUploadedFile("x.exe", png_bytes()),
        content_type="image/png",
    )
    response = farmer.get(reverse("approval:document_file", args=[document.pk]))
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == 'attachment; filename="kontroll-av-brannslukker-2025.png"'


def test_a_missing_file_is_not_found_rather_than_an_error(farmer, world):
    document = world["document"]
    document.file.storage.delete(document.file.name)
    assert farmer.get(reverse("approval:document_file", args=[document.pk])).status_code == 404


# --- Deleting -------------------------------------------------------------------------------------------------------


def test_delete_asks_first_then_removes_row_and_file(farmer, world, django_capture_on_commit_callbacks):
    document = world["document"]
    url = reverse("approval:document_delete", args=[document.pk])
    assert "Ja, slett" in farmer.get(url).content.decode()
    storage, name = document.file.storage, document.file.name
    with django_capture_on_commit_callbacks(execute=True):
        assert farmer.post(url).status_code == DONE
    assert not Document.objects.filter(pk=document.pk).exists()
    assert not storage.exists(name)


def test_a_document_that_closed_a_deviation_is_kept(farmer, world):
    document = world["document"]
    Deviation.objects.create(
        farm=world["farm"],
        description="Manglet forsikring",
        measure="Tegne forsikring",
        responsible="Kari",
        deadline=timezone.localdate(),
        status=DeviationStatus.CLOSED,
        closed_at=timezone.now(),
        evidence=document,
        created_by=world["actors"]["approval_officer"],
    )
    url = reverse("approval:document_delete", args=[document.pk])
    assert "må beholdes" in farmer.get(url).content.decode()
    response = farmer.post(url, follow=True)
    assert "må beholdes" in response.content.decode()
    assert Document.objects.filter(pk=document.pk).exists()
    assert document.file.storage.exists(document.file.name)


# --- Warnings and reads ---------------------------------------------------------------------------------------------


def test_documents_warn_before_and_after_they_expire(farmer, world):
    today = timezone.localdate()
    farm = world["farm"]
    DocumentFactory(farm=farm, title="Utgått plan", valid_until=today - datetime.timedelta(days=1))
    DocumentFactory(
        farm=farm, title="Snart ute", valid_until=today + datetime.timedelta(days=queries.EXPIRES_SOON_DAYS)
    )
    DocumentFactory(
        farm=farm, title="Lenge gyldig", valid_until=today + datetime.timedelta(days=queries.EXPIRES_SOON_DAYS + 1)
    )
    DocumentFactory(farm=farm, title="Uten dato", valid_until=None)

    states = {d.title: d.state for d in queries.documents_of(farm)}
    assert states["Utgått plan"] == "expired"
    assert states["Snart ute"] == "soon"
    assert states["Lenge gyldig"] == states["Uten dato"] == ""
    assert [d.title for d in queries.expiring_documents(farm, today)] == ["Utgått plan", "Snart ute"]

    shown = farmer.get(reverse("approval:documents")).content.decode()
    assert "Utløpt" in shown
    assert "Utløper snart" in shown


def test_documents_are_grouped_by_type_in_the_standard_order(world):
    farm = world["farm"]
    DocumentFactory(farm=farm, kind=DocumentType.POLICE_CERTIFICATE, title="Politiattest Ola")
    DocumentFactory(farm=farm, kind=DocumentType.EMERGENCY_PLAN, title="Beredskapsplan 2026")
    groups = queries.documents_by_kind(farm)
    assert [label for label, _documents in groups] == ["Beredskapsplan", "Politiattest", "Forsikring"]
    assert [d.title for d in groups[1][1]] == ["Politiattest Ola"]


def test_auditor_ids_are_everyone_ever_assigned_to_the_farm(world):
    farm = world["farm"]
    assert queries.auditor_ids_of(farm) == {world["actors"]["assigned_auditor"].pk}
    assert queries.auditor_ids_of(FarmFactory()) == set()


@pytest.mark.parametrize("count", [2, 12])
def test_the_vault_takes_the_same_number_of_queries_for_few_and_many_documents(
    farmer, world, count, django_assert_num_queries
):
    for n in range(count):
        DocumentFactory(farm=world["farm"], kind=list(DocumentType)[n % len(DocumentType)])
    # The page frame (session, user, memberships, notifications), the farm, and one for all documents.
    with django_assert_num_queries(7):
        assert farmer.get(reverse("approval:documents")).status_code == 200


# --- A PDF is a PDF; police certificates and risk documents are for fewer people -------------------------------


@pytest.mark.parametrize(
    "content",
    [
        b"<html><script>alert(document.cookie)</script>%PDF-1.4</html>",
        b"%PDF-1.7\n" + b"not really a pdf " * 20,
    ],
)
def test_a_file_that_only_mentions_pdf_is_refused(farmer, content):
    response = upload(farmer, content, name="forsikring.pdf", title="Falsk")
    assert response.status_code == 200
    assert "verken en PDF" in response.content.decode()
    assert not Document.objects.filter(title="Falsk").exists()


def test_a_photo_in_the_vault_loses_its_metadata(farmer):
    from tunet.catalogue.tests.test_photos import jpeg_with_gps

    assert upload(farmer, jpeg_with_gps(), name="IMG_0042.jpg", title="Brannslukker").status_code == DONE
    document = Document.objects.get(title="Brannslukker")
    with document.file.open("rb") as handle:
        assert b"Telefon" not in handle.read()


SENSITIVE = {
    "own_farmer": ALLOWED,
    "approval_officer": ALLOWED,
    "assigned_auditor": ALLOWED,
    "own_staff": REFUSED,
    "other_farmer": REFUSED,
    "other_auditor": REFUSED,
    "case_worker": REFUSED,
}


@pytest.mark.parametrize("kind", [DocumentType.POLICE_CERTIFICATE, DocumentType.RISK_PARTICIPANT])
@pytest.mark.parametrize("actor", list(SENSITIVE))
def test_police_certificates_and_risk_documents_are_for_the_farmer_auditor_and_approval_body(
    client, world, actor, kind
):
    document = DocumentFactory(farm=world["farm"], kind=kind, title="Politiattest Kari Ansatt")
    login(client, world, actor)
    assert client.get(reverse("approval:document_file", args=[document.pk])).status_code == SENSITIVE[actor]
    if actor == "own_staff":
        vault = client.get(reverse("approval:documents")).content.decode()
        assert "Forsikringsbevis Denne" in vault
        assert "Politiattest Kari Ansatt" not in vault
