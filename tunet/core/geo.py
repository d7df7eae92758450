"""Distances on the earth's surface, in Python and in the database.

Points are WGS84 latitude/longitude in degrees. The register's points are good to a few hundred
metres, so a sphere is exact enough.
"""

import math

from django.db.models import F, FloatField, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance by the haversine formula."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    return km_from_term(math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2)


def km_from_term(a):
    """The distance for the haversine formula's inner term `a`, which grows with the distance: a
    query can filter and sort by `a` (up to term_for_km(radius)) and leave asin() to Python."""
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(max(a, 0.0))))


def term_for_km(km):
    return math.sin(km / (2 * EARTH_RADIUS_KM)) ** 2


def distance_expression(lat, lon, lat_field="latitude", lon_field="longitude"):
    """The same haversine distance as a database expression, for annotate() and order_by().

    Works on PostgreSQL and on SQLite (Django registers the math functions there).
    """
    phi1, phi2 = Value(math.radians(lat)), Radians(F(lat_field))
    dphi = Radians(F(lat_field)) - phi1
    dlambda = Radians(F(lon_field)) - Value(math.radians(lon))
    a = Power(Sin(dphi / 2), 2) + Cos(phi1) * Cos(phi2) * Power(Sin(dlambda / 2), 2)
    return Value(2 * EARTH_RADIUS_KM) * ASin(Least(Value(1.0), Sqrt(a), output_field=FloatField()))


def bounding_box(lat, lon, radius_km):
    """(min_lat, max_lat, min_lon, max_lon) of a box that holds every point within radius_km.

    A cheap, indexable first filter before the exact distance.
    """
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    coslat = max(math.cos(math.radians(lat)), 1e-6)
    dlon = min(180.0, math.degrees(radius_km / (EARTH_RADIUS_KM * coslat)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon
