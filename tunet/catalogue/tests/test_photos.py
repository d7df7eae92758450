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


# --- What a photo carries: metadata, its name, its type, its size in pixels ---------------------------------


def jpeg_with_gps():
    image = Image.new("RGB", (64, 48), (200, 180, 40))
    exif = Image.Exif()
    exif[0x010F] = "Telefonprodusent"  # Make
    exif[0x0110] = "Telefon Pro 15"  # Model
    exif[0x8825] = {1: "N", 2: (59.0, 12.0, 30.0), 3: "E", 4: (9.0, 36.0, 0.0)}  # GPS: where the farmer lives
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=exif, comment=b"Ola Nordmann")
    return buffer.getvalue()


def huge_png(width=30_000, height=30_000):
    """A few hundred bytes that claim a picture of width × height pixels."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def test_a_photo_is_stored_without_its_metadata_and_under_a_name_of_our_own(farmer_client):
    assert Image.open(io.BytesIO(jpeg_with_gps())).getexif()  # the upload carries it
    response = upload(farmer_client, jpeg_with_gps(), name="Ola_Nordmann_hjemme.jpg")
    assert response.status_code == 302
    photo = FarmPhoto.objects.get()
    assert "Ola_Nordmann" not in photo.image.name
    with photo.image.open("rb") as handle:
        stored = handle.read()
    assert b"Telefon" not in stored
    assert b"Ola Nordmann" not in stored
    with Image.open(io.BytesIO(stored)) as image:
        assert image.format == "JPEG"
        assert not image.getexif()
        assert "exif" not in image.info
        assert "comment" not in image.info
        assert image.size == (64, 48)


def test_a_photo_is_served_as_the_type_its_content_has_not_its_name(farmer_client):
    upload(farmer_client, png_bytes(), name="bilde.jpg")
    photo = FarmPhoto.objects.get()
    served = farmer_client.get(reverse("catalogue:photo_file", args=[farmer_client.farm.pk, photo.pk]))
    assert served["Content-Type"] == "image/png"
    assert served["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("side", [12_000, 30_000])
def test_a_small_file_claiming_huge_dimensions_is_refused_not_an_error(farmer_client, side):
    response = upload(farmer_client, huge_png(side, side), name="bombe.png")
    assert response.status_code == 200
    # Beyond Pillow's own limit Django's image field already refuses it as unreadable.
    assert "piksler" in response.content.decode() or "ikke et bilde vi kan lese" in response.content.decode()
    assert not FarmPhoto.objects.exists()
