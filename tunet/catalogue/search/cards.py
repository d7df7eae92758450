"""What a result card shows, put together in Python from the farm's row and one query for the rest."""

from collections import defaultdict
from typing import Any

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, gettext

from tunet.core import geo

from ..models import Weekday
from .form import Criteria
from .lists import forget_stamp, lookups
from .sql import card_details

_url_patterns: dict[tuple, str] = {}
MAX_URL_PATTERNS = 100
NAMED = ("group", "animal")  # details whose names come from the reference lists


def url_pattern(name: str, arguments: int) -> str:
    """The address reverse(name) gives for this many integer arguments, as a str.format() pattern.

    reverse() takes about 70 µs; a page of cards needs two addresses per farm. The pattern is made
    once for what reverse() depends on: URL configuration, script prefix (where the app is served)
    and language.
    """
    key = (name, arguments, get_urlconf() or settings.ROOT_URLCONF, get_script_prefix(), get_language())
    pattern = _url_patterns.get(key)
    if pattern is None:
        if len(_url_patterns) >= MAX_URL_PATTERNS:
            _url_patterns.clear()
        marks = [str(10**9 + n) for n in range(arguments)]
        pattern = reverse(name, args=marks)
        for n, mark in enumerate(marks):
            pattern = pattern.replace(mark, f"{{{n}}}")
        _url_patterns[key] = pattern
    return pattern


def cards(rows: list[tuple], criteria: Criteria) -> list[dict[str, Any]]:
    """Cards for rows of sql.farm_rows(), as dicts (the template reads them fastest): where the farm
    is, the offers that meet the criteria with their target groups and days, the first photo and
    the animals. One query (sql.CARD_DETAILS) whatever the number of farms; the names of target
    groups and animals come from the reference lists. The card's lines are put together here, so
    the template has few values to write: each costs it some 12 µs."""
    if not rows:
        return []
    reference = lookups()
    farm_url, photo_url = url_pattern("catalogue:farm", 1), url_pattern("catalogue:photo_file", 2)
    by_farm: dict[int, dict[str, Any]] = {}
    for pk, name, municipality, _lat, _lon, transport, step_free, nearness, *_total in rows:
        by_farm[pk] = {
            "pk": pk, "name": name, "url": farm_url.format(pk), "place": municipality,  # its number, until below
            "distance_km": None if nearness is None else round(geo.km_from_term(nearness)),
            "transport_offered": bool(transport), "step_free_access": bool(step_free),
            "offers": [], "animals": [], "photo": None,
        }  # fmt: skip
    details = card_details(by_farm, criteria)
    known = all(value in reference[f"{kind}_by_id"] for kind, _owner, value, *_rest in details if kind in NAMED)
    if not known or not all(card["place"] in reference["municipality_by_number"] for card in by_farm.values()):
        # A target group, animal or municipality added since the lists were read: read them anew.
        forget_stamp()
        reference = lookups()
    offers, photos, groups, days = [], [], defaultdict(list), defaultdict(list)
    for kind, owner, value, number, text, width, height in details:
        if kind == "offer":
            offers.append((number, owner, value, text))
        elif kind == "group":
            groups[owner].append(reference["group_by_id"].get(value, (0, "")))
        elif kind == "days":
            days[owner] = [day for day in range(7) if value >> day & 1]
        elif kind == "animal":
            by_farm[owner]["animals"].append(reference["animal_by_id"].get(value, (0, "")))
        else:
            photos.append((number, value, owner, text, width, height))
    days_label, day_names = gettext("Days:"), {day: str(label).lower() for day, label in Weekday.choices}
    for _number, farm_id, offer_id, title in sorted(offers):
        group_names = ", ".join(name for _order, name in sorted(groups[offer_id]))
        day_list = ", ".join(day_names[day] for day in days[offer_id])
        by_farm[farm_id]["offers"].append({"title": title, "summary": f"{group_names}. {days_label} {day_list}"})
    for _order, photo_id, farm_id, alt_text, width, height in sorted(photos, reverse=True):
        # The first photo of each farm is the last one written.
        by_farm[farm_id]["photo"] = {
            "url": photo_url.format(farm_id, photo_id), "alt_text": alt_text, "width": width, "height": height
        }  # fmt: skip
    for card in by_farm.values():
        card["place"] = "{}, {}".format(*reference["municipality_by_number"].get(card["place"], ("", "")))
        card["animals"] = [name for _order, name in sorted(card["animals"])]
        if card["distance_km"] is not None:
            card["place"] += " · " + gettext("%(km)s km away") % {"km": card["distance_km"]}
    return list(by_farm.values())
