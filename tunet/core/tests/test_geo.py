import pytest

from tunet.core import geo
from tunet.core.models import Municipality, PostalCode


def test_distance_between_oslo_and_bergen_postcodes():
    # Oslo S (0154) to Bergen sentrum (5014): about 305 km as the crow flies.
    assert geo.distance_km(59.9111, 10.7528, 60.3913, 5.3221) == pytest.approx(305, abs=5)


def test_distance_to_itself_is_zero():
    assert geo.distance_km(63.43, 10.39, 63.43, 10.39) == 0


def test_bounding_box_holds_the_circle():
    min_lat, max_lat, min_lon, max_lon = geo.bounding_box(60.0, 10.0, 30)
    assert geo.distance_km(60.0, 10.0, max_lat, 10.0) == pytest.approx(30, abs=0.01)
    assert geo.distance_km(60.0, 10.0, 60.0, max_lon) >= 29.9
    assert min_lat < 60 < max_lat
    assert min_lon < 10 < max_lon


@pytest.mark.django_db
def test_database_distance_matches_python():
    skien = PostalCode.objects.get(code="3727")
    nearby = (
        Municipality.objects.annotate(distance=geo.distance_expression(skien.latitude, skien.longitude))
        .order_by("distance")
        .values_list("name", "distance", "latitude", "longitude")[:5]
    )
    names = [row[0] for row in nearby]
    assert names[0] in {"Skien", "Porsgrunn"}
    for _name, distance, lat, lon in nearby:
        assert distance == pytest.approx(geo.distance_km(skien.latitude, skien.longitude, lat, lon), rel=1e-6)
