"""The search's queries, written out as SQL.

The catalogue is the page the public and every buyer use most, so its queries are written out as
SQL here rather than built by the ORM: building and compiling the ORM's query took longer than the
database took to answer it (benchmark/, issue 4). The SQL is plain and runs as it is on PostgreSQL
and SQLite (Django gives SQLite the math functions). One query finds the page of farms and counts
them all (COUNT(*) OVER ()); one more reads what the page's cards show (CARD_DETAILS). Every value
is a query parameter. test_search.py holds every filter to what the ORM would find.
"""

import datetime
import math
from collections.abc import Iterable
from typing import Any

from django.db import connection
from django.utils import timezone

from tunet.core import geo

from . import prepared
from .form import ANIMALS_ANY, ANIMALS_NONE, Criteria
from .lists import Place, lookups

# The count runs inside a subquery: the database must then read every farm found before it sorts
# and cuts the page, instead of walking the name index in the hope of stopping after 20 rows.
SELECT_FARMS = """
    SELECT * FROM (
        SELECT f.id, f.name, f.municipality_id, f.latitude, f.longitude, f.transport_offered, f.step_free_access,
               {nearness} AS nearness{total}
        FROM catalogue_farm f
        WHERE {where}
    ) found
    ORDER BY {order} LIMIT %s OFFSET %s
"""
# Distance from a place by the haversine formula, kept as its inner term `a` (geo.km_from_term()).
NEARNESS = (
    "(POWER(SIN((RADIANS(f.latitude) - %s) / 2), 2)"
    " + %s * COS(RADIANS(f.latitude)) * POWER(SIN((RADIANS(f.longitude) - %s) / 2), 2))"
)

# Everything a page's cards show besides the farm itself, in one query. The photos come first:
# their columns give the types the other rows' NULLs take (PostgreSQL). The offers that meet the
# search are numbered in the database's order of their titles; target groups and days are read
# for every offer of the farms, those of offers not shown are passed over. An offer's weekdays come
# as one number, bit n set for weekday n.
CARD_DETAILS = """
    SELECT 'photo', p.farm_id, p.id, p.sort_order, p.alt_text, p.width, p.height
    FROM catalogue_farmphoto p WHERE p.farm_id {farms}
    UNION ALL
    SELECT 'offer', o.farm_id, o.id, ROW_NUMBER() OVER (ORDER BY o.title, o.id), o.title, NULL, NULL
    FROM catalogue_serviceoffer o WHERE o.farm_id {farms} AND {offer_conditions}
    UNION ALL
    SELECT 'group', og.serviceoffer_id, og.targetgroup_id, NULL, NULL, NULL, NULL
    FROM catalogue_serviceoffer_target_groups og JOIN catalogue_serviceoffer o ON o.id = og.serviceoffer_id
    WHERE o.farm_id {farms}
    UNION ALL
    SELECT 'days', d.offer_id, SUM(1 << d.weekday), NULL, NULL, NULL, NULL
    FROM catalogue_offerday d JOIN catalogue_serviceoffer o ON o.id = d.offer_id WHERE o.farm_id {farms}
    GROUP BY d.offer_id
    UNION ALL
    SELECT 'animal', fa.farm_id, fa.animal_id, NULL, NULL, NULL, NULL
    FROM catalogue_farm_animals fa WHERE fa.farm_id {farms}
"""


def _nearness(place: Place) -> list[float]:
    phi = math.radians(place.latitude)
    return [phi, math.cos(phi), math.radians(place.longitude)]


def _offer_conditions(criteria: Criteria) -> tuple[list[str], list[Any]]:
    """The offer filters on the offer table `o`: all must hold for the same offer."""
    conditions: list[str] = ["o.is_active = %s"]
    params: list[Any] = [True]
    if criteria.service_area:
        conditions.append("o.service_area = %s")
        params.append(criteria.service_area)
    if criteria.target_group:
        conditions.append(
            "EXISTS (SELECT 1 FROM catalogue_serviceoffer_target_groups og"
            " WHERE og.serviceoffer_id = o.id"
            " AND og.targetgroup_id = (SELECT g.id FROM catalogue_targetgroup g WHERE g.code = %s))"
        )
        params.append(criteria.target_group)
    for weekday in criteria.weekdays:
        conditions.append("EXISTS (SELECT 1 FROM catalogue_offerday d WHERE d.offer_id = o.id AND d.weekday = %s)")
        params.append(weekday)
    return conditions, params


def _farm_conditions(criteria: Criteria, today: datetime.date | None) -> tuple[str, list[Any]]:
    """The WHERE clause for listed farms that meet the criteria."""
    # The SQL form of Farm.objects.listed(): the farm alone, without a join to its approval.
    conditions = ["f.listed_until >= %s"]
    params: list[Any] = [connection.ops.adapt_datefield_value(today or timezone.localdate())]
    if criteria.filters_offers:
        offer_conditions, offer_params = _offer_conditions(criteria)
        conditions.append(
            "EXISTS (SELECT 1 FROM catalogue_serviceoffer o WHERE o.farm_id = f.id AND "
            + " AND ".join(offer_conditions)
            + ")"
        )
        params += offer_params
    if criteria.county:
        # The county's municipalities as a list: the database finds their farms by index, where a
        # subquery made it read every farm.
        municipalities, municipality_params = _in(lookups()["municipalities_by_county"].get(criteria.county, []))
        conditions.append(f"f.municipality_id {municipalities}")
        params += municipality_params
    if criteria.municipality:
        conditions.append("f.municipality_id = %s")
        params.append(criteria.municipality)
    if criteria.transport:
        conditions.append("f.transport_offered = %s")
        params.append(True)
    if criteria.animals:
        animals = "SELECT 1 FROM catalogue_farm_animals fa WHERE fa.farm_id = f.id"
        if criteria.animals == ANIMALS_NONE:
            conditions.append(f"NOT EXISTS ({animals})")
        elif criteria.animals == ANIMALS_ANY:
            conditions.append(f"EXISTS ({animals})")
        else:
            conditions.append(
                f"EXISTS ({animals} AND fa.animal_id = (SELECT a.id FROM catalogue_animal a WHERE a.code = %s))"
            )
            params.append(criteria.animals)
    if criteria.place:
        # The box first: the position index finds its farms, the exact distance only weighs those.
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(
            criteria.place.latitude, criteria.place.longitude, criteria.radius_km
        )
        conditions += ["f.latitude BETWEEN %s AND %s", "f.longitude BETWEEN %s AND %s", f"{NEARNESS} <= %s"]
        params += [min_lat, max_lat, min_lon, max_lon, *_nearness(criteria.place), geo.term_for_km(criteria.radius_km)]
    return " AND ".join(conditions), params


def farm_rows(
    criteria: Criteria, limit: int, offset: int = 0, today: datetime.date | None = None, count: bool = True
) -> list[tuple]:
    """Rows of (id, name, municipality, latitude, longitude, transport, step-free, nearness[, total])."""
    where, params = _farm_conditions(criteria, today)
    select_params: list[Any]
    if criteria.place:
        nearness, select_params, order = NEARNESS, _nearness(criteria.place), "nearness, name, id"
    else:
        nearness, select_params, order = "NULL", [], "name, id"
    total = ", COUNT(*) OVER () AS total" if count else ""
    sql = SELECT_FARMS.format(nearness=nearness, total=total, where=where, order=order)
    return _fetch(sql, [*select_params, *params, limit, offset])


def count_farms(criteria: Criteria, today: datetime.date | None = None) -> int:
    where, params = _farm_conditions(criteria, today)
    sql = "SELECT COUNT(*) FROM catalogue_farm f WHERE " + where
    return _fetch(sql, params)[0][0]


def card_details(farm_ids: Iterable[int], criteria: Criteria) -> list[tuple]:
    """Rows of (kind, owner, value, number, text, width, height) for the farms' cards (CARD_DETAILS)."""
    conditions, params = _offer_conditions(criteria)
    farms, farm_params = _in(farm_ids)
    return _fetch(
        CARD_DETAILS.format(farms=farms, offer_conditions=" AND ".join(conditions)),
        [*farm_params, *farm_params, *params, *farm_params, *farm_params, *farm_params],
    )


def _fetch(sql: str, params: list[Any]) -> list[tuple]:
    with prepared.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _in(values: Iterable[Any]) -> tuple[str, list[Any]]:
    """`IN (…)` for a list of values, as (SQL, parameters): on PostgreSQL one array parameter, so
    the SQL is the same text however many values there are."""
    values = list(values)
    if connection.vendor == "postgresql":
        return "= ANY(%s)", [values]
    return "IN (" + ", ".join(["%s"] * len(values)) + ")", values
