"""The floor for a catalogue page: one query for the same page of farms, rendered with a minimal template.

Same filters and the same order as the catalogue (tunet/catalogue/search/) for the same GET
parameters, but none of the rest: no form, no count, no pager, no offers, animals or photos on
the cards, no page frame. What the catalogue costs above this is what its features cost.

The floor is written the plain Django way: the ORM, with the listing rule as the rest of the app
reads it (Farm.objects.listed(): the farm's listed_until, no join). The catalogue's own search is
hand-written SQL whose plans PostgreSQL keeps; tests/test_benchmark.py holds both to the same farms.

The place (`sted`) is looked up in the municipalities, which are read once per process, so a
request runs exactly one query. The bench only uses municipality names; a postcode or post town
falls back to the catalogue's own lookup, an extra query.
"""

import functools

from django.db.models import Exists, FloatField, OuterRef, Value
from django.http import HttpResponse
from django.template import engines

from tunet.catalogue.models import Farm, OfferDay, ServiceOffer
from tunet.catalogue.search import ANIMALS_ANY, ANIMALS_NONE, RADIUS_CHOICES, find_place
from tunet.core import geo
from tunet.core.models import Municipality

PAGE_SIZE = 20
VALID_RADII = {km for km, _label in RADIUS_CHOICES}

TEMPLATE = engines["django"].from_string(
    '<!doctype html><html lang="nb"><meta charset="utf-8"><title>Floor</title><ol>'
    "{% for pk, name, municipality, distance in farms %}"
    '<li><a href="/gard/{{ pk }}/">{{ name }}</a>, {{ municipality }}'
    "{% if distance is not None %}, {{ distance|floatformat:0 }} km{% endif %}</li>"
    "{% endfor %}</ol></html>"
)


@functools.cache
def municipality_positions():
    rows = Municipality.objects.values_list("name", "latitude", "longitude")
    return {name.lower(): (lat, lon) for name, lat, lon in rows}


def place_position(text):
    text = " ".join(text.split())
    if not text:
        return None
    position = municipality_positions().get(text.lower())
    if position is None:
        place = find_place(text)
        position = place and (place.latitude, place.longitude)
    return position


def _int(value, default=None):
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def floor_farms(params, today=None):
    """The query: (pk, name, municipality name, distance or None) for the first page of farms."""
    farms = Farm.objects.listed(today)

    weekdays = sorted({day for day in map(_int, params.getlist("dag")) if day is not None and 0 <= day <= 6})
    offers = ServiceOffer.objects.filter(farm_id=OuterRef("pk"), is_active=True)
    if params.get("omrade"):
        offers = offers.filter(service_area=params["omrade"])
    if params.get("malgruppe"):
        offers = offers.filter(target_groups__code=params["malgruppe"])
    for weekday in weekdays:
        offers = offers.filter(Exists(OfferDay.objects.filter(offer_id=OuterRef("pk"), weekday=weekday)))
    if params.get("omrade") or params.get("malgruppe") or weekdays:
        farms = farms.filter(Exists(offers))

    if params.get("fylke"):
        farms = farms.filter(municipality__county_id=params["fylke"])
    if params.get("kommune"):
        farms = farms.filter(municipality_id=params["kommune"])
    if params.get("transport", "").lower() not in {"", "0", "false"}:
        farms = farms.filter(transport_offered=True)
    animals = params.get("dyr")
    if animals:
        farm_animals = Farm.animals.through.objects.filter(farm_id=OuterRef("pk"))
        if animals == ANIMALS_NONE:
            farms = farms.filter(~Exists(farm_animals))
        elif animals == ANIMALS_ANY:
            farms = farms.filter(Exists(farm_animals))
        else:
            farms = farms.filter(Exists(farm_animals.filter(animal__code=animals)))

    position = place_position(params.get("sted", ""))
    if position:
        lat, lon = position
        radius = _int(params.get("radius"))
        radius = radius if radius in VALID_RADII else 30  # as the catalogue's form: an unknown radius is ignored
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(lat, lon, radius)
        farms = (
            farms.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
            .annotate(distance=geo.distance_expression(lat, lon))
            .filter(distance__lte=radius)
            .order_by("distance", "name", "pk")
        )
    else:
        farms = farms.annotate(distance=Value(None, output_field=FloatField())).order_by("name", "pk")
    return farms.values_list("pk", "name", "municipality__name", "distance")[:PAGE_SIZE]


def floor(request):
    return HttpResponse(TEMPLATE.render({"farms": floor_farms(request.GET)}))
