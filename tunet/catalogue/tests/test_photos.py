import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.catalogue.models import FarmChange, FarmPhoto

from .factories import listed_farm

pytestmark = pytest.mark.django_db


def png_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def farmer_client(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    farm = listed_farm()
    client.force_login(member(Role.FARMER, farm.provider).user)
    client.farm = farm
    return client


def upload(client, content, name="bilde.png", alt="To sauer på beite"):
    return client.post(
        reverse("catalogue:photos", args=[client.farm.pk]),
        {"image": SimpleUploadedFile(name, content), "alt_text": alt},
    )


def test_a_photo_with_a_description_is_added_and_kept_in_the_history(farmer_client):
    response = upload(farmer_client, png_bytes())
    assert response.status_code == 302
    photo = FarmPhoto.objects.get()
    assert (photo.width, photo.height) == (40, 30)
    assert FarmChange.objects.filter(farm=farmer_client.farm, summary__contains="To sauer").exists()
    served = farmer_client.get(reverse("catalogue:photo_file", args=[farmer_client.farm.pk, photo.pk]))
    assert served.status_code == 200


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"MZ\x90\x00 not an image at all", "bilde.png", "ikke et bilde vi kan lese"),
        (b"", "tom.png", "tom"),
    ],
)
def test_files_that_are_not_photos_are_refused_with_a_clear_message(farmer_client, content, name, message):
    response = upload(farmer_client, content, name=name)
    assert response.status_code == 200
    assert message in response.content.decode().lower()
    assert 'value="To sauer på beite"' in response.content.decode()
    assert not FarmPhoto.objects.exists()


def test_a_too_large_photo_is_refused(farmer_client, settings):
    settings.PHOTO_MAX_BYTES = 100
    response = upload(farmer_client, png_bytes((200, 200)))
    assert "for stor" in response.content.decode()
    assert not FarmPhoto.objects.exists()


def test_a_photo_needs_a_description(farmer_client):
    response = upload(farmer_client, png_bytes(), alt="")
    assert response.status_code == 200
    assert not FarmPhoto.objects.exists()


def test_a_gif_is_refused_even_if_it_is_an_image(farmer_client):
    buffer = io.BytesIO()
    Image.new("RGB", (10, 10)).save(buffer, format="GIF")
    response = upload(farmer_client, buffer.getvalue(), name="bilde.gif")
    assert response.status_code == 200
    assert not FarmPhoto.objects.exists()
