"""Permission matrix over every catalogue view: anonymous, provider of this farm, provider of
another farm, buyer, approval body. Nobody edits or sees another farm's non-public data."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tunet.accounts.models import OrganisationKind, Role
from tunet.accounts.tests.factories import OrganisationFactory, member
from tunet.approval.models import ApprovalStatus
from tunet.catalogue.models import FarmPhoto

from .factories import FarmFactory, add_offer, listed_farm
from .test_photos import png_bytes

pytestmark = pytest.mark.django_db

ALLOWED, REFUSED, LOGIN = 200, 403, 302


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    farm = listed_farm(name="Denne gården")
    offer = add_offer(farm)
    photo = FarmPhoto.objects.create(farm=farm, image=SimpleUploadedFile("a.png", png_bytes()), alt_text="Sauer")
    unlisted = FarmFactory(name="Ikke godkjent")
    unlisted_photo = FarmPhoto.objects.create(
        farm=unlisted, image=SimpleUploadedFile("b.png", png_bytes()), alt_text="Hest"
    )
    other_farm = listed_farm(name="Annen gård")
    return {
        "farm": farm,
        "offer": offer,
        "photo": photo,
        "unlisted": unlisted,
        "unlisted_photo": unlisted_photo,
        "actors": {
            "anonymous": None,
            "own_farmer": member(Role.FARMER, farm.provider).user,
            "own_staff": member(Role.FARM_STAFF, farm.provider).user,
            "other_farmer": member(Role.FARMER, other_farm.provider).user,
            "buyer": member(Role.CASE_WORKER).user,
            "approval_body": member(Role.APPROVAL_OFFICER).user,
            "unlisted_farmer": member(Role.FARMER, unlisted.provider).user,
        },
    }


def provider_views(world):
    farm, offer, photo = world["farm"], world["offer"], world["photo"]
    return [
        ("get", reverse("catalogue:farm_edit", args=[farm.pk])),
        ("post", reverse("catalogue:farm_edit", args=[farm.pk])),
        ("get", reverse("catalogue:offer_new", args=[farm.pk])),
        ("post", reverse("catalogue:offer_new", args=[farm.pk])),
        ("get", reverse("catalogue:offer_edit", args=[farm.pk, offer.pk])),
        ("post", reverse("catalogue:offer_edit", args=[farm.pk, offer.pk])),
        ("get", reverse("catalogue:offer_delete", args=[farm.pk, offer.pk])),
        ("post", reverse("catalogue:offer_delete", args=[farm.pk, offer.pk])),
        ("get", reverse("catalogue:photos", args=[farm.pk])),
        ("post", reverse("catalogue:photos", args=[farm.pk])),
        ("get", reverse("catalogue:photo_delete", args=[farm.pk, photo.pk])),
        ("post", reverse("catalogue:photo_delete", args=[farm.pk, photo.pk])),
        ("get", reverse("catalogue:history", args=[farm.pk])),
    ]


@pytest.mark.parametrize("actor", ["anonymous", "own_farmer", "own_staff", "other_farmer", "buyer", "approval_body"])
def test_provider_views(client, world, actor):
    user = world["actors"][actor]
    if user:
        client.force_login(user)
    for method, url in provider_views(world):
        if actor == "own_farmer" and method == "post":
            continue  # the farmer's own writes are tested in test_profile
        response = getattr(client, method)(url, {"name": "Kapret", "title": "Kapret"})
        expected = {"anonymous": LOGIN, "own_farmer": ALLOWED}.get(actor, REFUSED)
        assert response.status_code == expected, (actor, method, url)
    world["farm"].refresh_from_db()
    assert world["farm"].name == "Denne gården"
    assert world["farm"].offers.exists()
    assert world["farm"].photos.exists()


@pytest.mark.parametrize("actor", ["anonymous", "own_farmer", "other_farmer", "buyer", "approval_body"])
def test_public_pages_of_a_listed_farm_are_open_to_everyone(client, world, actor):
    user = world["actors"][actor]
    if user:
        client.force_login(user)
    farm, photo = world["farm"], world["photo"]
    for url in (
        reverse("catalogue:catalogue"),
        reverse("catalogue:catalogue_map"),
        reverse("catalogue:farm", args=[farm.pk]),
        reverse("catalogue:photo_file", args=[farm.pk, photo.pk]),
    ):
        assert client.get(url).status_code == ALLOWED, (actor, url)


@pytest.mark.parametrize(
    ("actor", "expected"),
    [("anonymous", 404), ("other_farmer", 404), ("buyer", 404), ("unlisted_farmer", 200), ("approval_body", 200)],
)
def test_an_unlisted_farm_is_seen_only_by_its_own_people_and_the_approval_body(client, world, actor, expected):
    user = world["actors"][actor]
    if user:
        client.force_login(user)
    unlisted, photo = world["unlisted"], world["unlisted_photo"]
    assert client.get(reverse("catalogue:farm", args=[unlisted.pk])).status_code == expected
    assert client.get(reverse("catalogue:photo_file", args=[unlisted.pk, photo.pk])).status_code == expected
    catalogue = client.get(reverse("catalogue:catalogue")).content.decode()
    assert "Ikke godkjent" not in catalogue


def test_a_suspended_farm_says_why_on_its_own_page(client, world):
    farm = world["farm"]
    farm.approval.status = ApprovalStatus.SUSPENDED
    farm.approval.reason = "Avvik ikke lukket innen fristen"
    farm.approval.save()
    client.force_login(world["actors"]["own_farmer"])
    html = client.get(reverse("catalogue:farm", args=[farm.pk])).content.decode()
    assert "Avvik ikke lukket innen fristen" in html


def test_my_farm_leads_a_provider_to_its_own_farm_and_refuses_others(client, world):
    client.force_login(world["actors"]["own_farmer"])
    response = client.get(reverse("catalogue:my_farm"))
    assert response["Location"] == reverse("catalogue:farm_edit", args=[world["farm"].pk])
    client.force_login(world["actors"]["buyer"])
    assert client.get(reverse("catalogue:my_farm")).status_code == REFUSED
    assert client.get(reverse("catalogue:farm_create")).status_code == REFUSED


def test_a_provider_without_a_farm_is_sent_to_create_one(client):
    farmer = member(Role.FARMER, OrganisationFactory(kind=OrganisationKind.PROVIDER))
    client.force_login(farmer.user)
    assert client.get(reverse("catalogue:my_farm"))["Location"] == reverse("catalogue:farm_create")
    assert client.get(reverse("catalogue:farm_create")).status_code == ALLOWED
