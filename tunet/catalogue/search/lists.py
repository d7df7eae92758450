"""The reference lists the search filters on (target groups, animals, counties, municipalities), kept
in the cache under a stamp, and the lookups made from them once per stamp."""

import time
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.core.cache import cache
from django.db import transaction

from tunet.core.models import County, Municipality, PostalCode

from ..models import Animal, TargetGroup

REFERENCE_KEY = "catalogue:reference-lists"  # the stamp of the lists' latest reading
REFERENCE_CACHE_SECONDS = 300
MUNICIPALITY_COLUMNS = ("number", "name", "county_id", "county__name", "latitude", "longitude")


@dataclass(frozen=True)
class Place:
    """A point to measure distance from: a municipality's centre or a postcode's point."""

    name: str
    latitude: float
    longitude: float


def reference_choices() -> dict[str, Any]:
    """Choices for the filter form's lists. Reference data changes rarely: cached for a while.

    The lists are kept under their stamp, and the stamp on its own: a search asks only for the
    stamp, to know that the lookups it made from the lists are still the latest (lookups())."""
    stamp = cache.get(REFERENCE_KEY)
    choices = cache.get(f"{REFERENCE_KEY}:{stamp}") if stamp else None
    if choices is None:
        choices = {
            # id, code, name, in the lists' own order
            "target_groups": list(TargetGroup.objects.values_list("id", "code", "name")),
            "animals": list(Animal.objects.values_list("id", "code", "name")),
            "counties": list(County.objects.order_by("name").values_list("number", "name")),
            "municipalities": list(Municipality.objects.order_by("name", "number").values_list(*MUNICIPALITY_COLUMNS)),
            # Tells the lookups, prepared fields and remembered selects that the lists have been read anew.
            "stamp": time.time_ns(),
        }
        cache.set(f"{REFERENCE_KEY}:{choices['stamp']}", choices, REFERENCE_CACHE_SECONDS)
        cache.set(REFERENCE_KEY, choices["stamp"], REFERENCE_CACHE_SECONDS)
    return choices


def forget_stamp() -> None:
    """Make the next search read the lists anew (and so make its lookups anew)."""
    cache.delete(REFERENCE_KEY)


def forget_reference_lists(**_signal_kwargs: Any) -> None:
    """A target group, animal, municipality or county was changed: read the lists anew (signals.py),
    and again once the change is committed, or a search in another process could read and keep
    the lists as they were until then."""
    forget_stamp()
    transaction.on_commit(forget_stamp)


_lookups: dict[int, dict[str, Any]] = {}


def lookups() -> dict[str, Any]:
    """The reference lists as the search needs them, made once per reading of the lists: the lists
    themselves ("choices"), the municipalities by name (as Places), by number (name and county's
    name) and by county, the target groups' (group) and animals' names by id, in the lists' order.
    What is made from the lists elsewhere is kept in the same dict (form.list_fields()), so that it
    too is made anew with the lists."""
    # Only the stamp is read from the cache: the lists themselves (357 municipalities) took longer
    # to unpickle than the lookups take to use.
    made = _lookups.get(cache.get(REFERENCE_KEY))
    if made is None:
        choices = reference_choices()
        rows = choices["municipalities"]
        by_county = defaultdict(list)
        for number, _name, county, *_rest in rows:
            by_county[county].append(number)
        place_by_name: dict[str, Place] = {}
        for _number, name, _county, _county_name, lat, lon in rows:
            # Two municipalities share a name (Herøy, Våler): the one with the lower number, always.
            place_by_name.setdefault(name.casefold(), Place(name, lat, lon))
        made = {
            "choices": choices,
            "place_by_name": place_by_name,
            "municipality_by_number": {number: (name, county) for number, name, _c, county, _lat, _lon in rows},
            "municipalities_by_county": dict(by_county),
            "group_by_id": {pk: (n, name) for n, (pk, _code, name) in enumerate(choices["target_groups"])},
            "animal_by_id": {pk: (n, name) for n, (pk, _code, name) in enumerate(choices["animals"])},
        }
        _lookups.clear()
        _lookups[choices["stamp"]] = made
    return made


def find_place(text: str) -> Place | None:
    """A municipality, postcode or post town by what a person would type, or None."""
    if text.isdigit() and len(text) == 4:
        postcode = PostalCode.objects.filter(code=text).first()
        if postcode is None:
            return None
        return Place(f"{postcode.code} {postcode.place}", postcode.latitude, postcode.longitude)
    municipality = lookups()["place_by_name"].get(text.casefold())
    if municipality:
        return municipality
    postcode = PostalCode.objects.filter(place__iexact=text).order_by("code").first()
    if postcode:
        return Place(postcode.place, postcode.latitude, postcode.longitude)
    return None
