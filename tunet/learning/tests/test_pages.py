"""The handbook's print view and PDF, the image library, and the link tag."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template import Context, Template
from django.urls import reverse

from tunet.catalogue.tests.test_photos import png_bytes
from tunet.learning.models import Audience, HandbookImage

from .factories import chapter_for, editor

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.membership = editor()
    client.force_login(client.membership.user)
    return client


def upload(client, content, alt="Høner på tunet"):
    return client.post(reverse("learning:images"), {"image": SimpleUploadedFile("bilde.png", content), "alt_text": alt})


def test_an_image_with_a_description_is_added_served_and_usable_in_a_chapter(editor_client):
    assert upload(editor_client, png_bytes()).status_code == 302
    image = HandbookImage.objects.get()
    assert (image.width, image.height, image.content_type) == (40, 30, "image/png")
    served = editor_client.get(reverse("learning:image", args=[image.pk]))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/png"
    chapter = chapter_for(
        Audience.BUYER, body=f'<figure><img src="/handbok/bilder/{image.pk}/" alt="Høner"></figure><p>Tekst</p>'
    )
    page = editor_client.get(reverse("learning:chapter", args=[chapter.key])).content.decode()
    assert f'<img src="/handbok/bilder/{image.pk}/" alt="Høner">' in page
    pdf = editor_client.get(reverse("learning:handbook_pdf", args=[chapter.handbook.slug]))
    assert pdf.content.startswith(b"%PDF-")


@pytest.mark.parametrize(
    ("content", "alt", "message"),
    [(b"MZ\x90\x00 not an image", "Høner", "ikke et bilde vi kan lese"), (png_bytes(), "", "Beskriv bildet")],
)
def test_images_that_are_not_images_or_lack_a_description_are_refused(editor_client, content, alt, message):
    response = upload(editor_client, content, alt=alt)
    assert response.status_code == 200
    assert message.lower() in response.content.decode().lower()
    assert not HandbookImage.objects.exists()


def test_the_print_view_and_the_pdf_hold_every_published_chapter(client):
    first = chapter_for(Audience.BUYER, title="Første kapittel", body="<p>Om dyra.</p>")
    chapter_for(Audience.RELATIVE, title="Andre kapittel", handbook=first.handbook)
    chapter_for(Audience.BUYER, title="Hemmelig utkast", handbook=first.handbook, is_published=False)
    page = client.get(reverse("learning:handbook_print", args=[first.handbook.slug])).content.decode()
    assert "Første kapittel" in page
    assert "Andre kapittel" in page
    assert "Hemmelig utkast" not in page
    pdf = client.get(reverse("learning:handbook_pdf", args=[first.handbook.slug]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


def test_the_handbook_link_tag(client):
    chapter_for(Audience.PROVIDER, key="bli-godkjent", title="Slik blir gården godkjent")
    chapter_for(Audience.PROVIDER, key="utkast", title="Utkast", is_published=False)
    template = Template(
        '{% load handbook %}{% handbook_link "bli-godkjent" %}|{% handbook_link "bli-godkjent" "Les om godkjenning" %}'
        '|{% handbook_link "utkast" %}|{% handbook_link "finnes-ikke" %}|{% handbook_url "bli-godkjent" %}'
    )
    rendered = template.render(Context()).split("|")
    assert 'href="/handbok/kapittel/bli-godkjent/"' in rendered[0]
    assert "Slik blir gården godkjent" in rendered[0]
    assert "Les om godkjenning" in rendered[1]
    assert rendered[2] == rendered[3] == ""
    assert rendered[4] == "/handbok/kapittel/bli-godkjent/"


def test_an_image_whose_file_is_gone_is_not_found(client):
    image = HandbookImage.objects.create(
        image=SimpleUploadedFile("a.png", png_bytes()),
        alt_text="Høner",
        uploaded_by=editor().user,
        content_type="image/png",
    )
    image.image.storage.delete(image.image.name)
    assert client.get(reverse("learning:image", args=[image.pk])).status_code == 404
