import pytest
from django.urls import reverse

from tunet.core.models import County, Municipality, PostalCode

pytestmark = pytest.mark.django_db


def test_the_2024_structure_is_loaded_with_a_point_for_everything():
    assert County.objects.count() == 15
    assert Municipality.objects.count() == 357
    assert PostalCode.objects.count() == 5113
    for model in (Municipality, PostalCode):
        assert not model.objects.filter(latitude__lt=57.9).exists()
        assert not model.objects.filter(latitude__gt=71.3).exists()
        assert not model.objects.filter(longitude__lt=4.5).exists()
        assert not model.objects.filter(longitude__gt=31.2).exists()


def test_counties_have_their_municipalities_and_official_names():
    counts = {county.name: county.municipalities.count() for county in County.objects.all()}
    assert counts["Innlandet"] == 46
    assert counts["Oslo"] == 1
    assert County.objects.get(number="55").official_name == "Troms - Romsa - Tromssa"
    assert Municipality.objects.get(number="5601").official_name == "Alta"


def test_sami_and_kven_names_are_kept_as_official_names():
    kautokeino = Municipality.objects.get(name="Kautokeino")
    assert kautokeino.official_name == "Guovdageaidnu - Kautokeino"
    assert kautokeino.county.name == "Finnmark"


def test_postcode_knows_its_town_and_municipality():
    postcode = PostalCode.objects.select_related("municipality__county").get(code="3727")
    assert postcode.place == "Skien"
    assert postcode.municipality.name == "Skien"
    assert postcode.municipality.county.name == "Telemark"
    assert PostalCode.objects.get(code="2380").place == "Brumunddal"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("3727", "Skien, Skien kommune, Telemark"),
        (" 1850 ", "Mysen, Indre Østfold kommune, Østfold"),
        ("0000", "Ukjent postnummer"),
        ("12", "Ukjent postnummer"),
        ("", ""),
    ],
)
def test_postcode_lookup_fills_in_the_place(client, code, expected):
    response = client.get(reverse("core:postcode_lookup"), {"postal_code": code})
    assert response.status_code == 200
    assert response.content.decode().strip() == expected


def test_postcode_lookup_runs_one_query(client, django_assert_num_queries):
    with django_assert_num_queries(1):
        client.get(reverse("core:postcode_lookup"), {"postal_code": "3727"})
