"""The catalogue search ("Finn gård"): the filter form and the query behind it.

Filters live in the URL with Norwegian parameter names, so a search can be shared and the back
button works. Offer filters (service area, target group, weekdays) must all be met by the
same offer: a dementia offer on Mondays and a youth offer on Tuesdays is no dementia offer on
Tuesdays.
"""

import copy
import math
import time
from collections import defaultdict
from dataclasses import dataclass

import psycopg
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from tunet.core import geo
from tunet.core.models import County, Municipality, PostalCode

from .models import Animal, ServiceArea, TargetGroup, Weekday

RADIUS_CHOICES = [(10, "10 km"), (20, "20 km"), (30, "30 km"), (50, "50 km"), (100, "100 km")]
ANIMALS_ANY = "med"
ANIMALS_NONE = "uten"
REFERENCE_KEY = "catalogue:reference-lists"  # the stamp of the lists' latest reading
MAX_PAGE = 1_000_000
REFERENCE_CACHE_SECONDS = 300
MUNICIPALITY_COLUMNS = ("number", "name", "county_id", "county__name", "latitude", "longitude")


def reference_choices():
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


def _forget_stamp():
    cache.delete(REFERENCE_KEY)


def forget_reference_lists(**_signal_kwargs):
    """A target group, animal, municipality or county was changed: read the lists anew (signals.py),
    and again once the change is committed, or a search in another process could read and keep
    the lists as they were until then."""
    _forget_stamp()
    transaction.on_commit(_forget_stamp)


def _frozen(value):
    """A hashable stand-in for a widget's value, attributes or choices (lazy labels as text)."""
    if isinstance(value, dict):
        return tuple((key, _frozen(item)) for key, item in value.items())
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    return value if value is None or isinstance(value, bool | int | float) else str(value)


class Remembered:
    """A widget that keeps its HTML for the same name, value, attributes, choices and language.

    Django renders every option through a template: the municipality list (357 options) took
    about a third of the catalogue page's time. The HTML is Django's own, only not made twice.
    """

    rendered = {}
    MAX_REMEMBERED = 2000
    MAX_VALUE_LENGTH = 100  # what people type in is kept only while it is short

    def render(self, name, value, attrs=None, renderer=None):
        if isinstance(value, str) and len(value) > self.MAX_VALUE_LENGTH:
            return super().render(name, value, attrs, renderer)
        # Choices from the reference lists carry the stamp of that reading; hashing 357 of them
        # on every render would cost about as much as rendering them.
        stamp = getattr(self, "choices_stamp", None)
        key = (
            type(self), name, _frozen(value), _frozen(self.attrs), _frozen(attrs),
            stamp if stamp is not None else _frozen(getattr(self, "choices", None)),
            self.is_required, self.is_localized, get_language(), renderer,
        )  # fmt: skip
        html = self.rendered.get(key)
        if html is None:
            html = super().render(name, value, attrs, renderer)
            if len(self.rendered) >= self.MAX_REMEMBERED:
                self.rendered.clear()
            self.rendered[key] = html
        return html


class RememberedSelect(Remembered, forms.Select):
    pass


class RememberedTextInput(Remembered, forms.TextInput):
    pass


class RememberedCheckbox(Remembered, forms.CheckboxInput):
    pass


class WeekdayOptions(Remembered, forms.CheckboxSelectMultiple):
    """The weekdays side by side, each box in its label."""

    template_name = "catalogue/widgets/weekday_options.html"


class SharedChoiceField(forms.ChoiceField):
    """A choice field whose choices and widget every copy shares. Django deep-copies a form's fields
    for each form, and a widget's copy checks all its choices again: the 357 municipalities took
    2 ms a search. Neither the choices nor the widget are changed after the fields are prepared."""

    def __deepcopy__(self, memo):
        result = copy.copy(self)
        memo[id(self)] = result
        result.error_messages = self.error_messages.copy()
        result.validators = self.validators[:]
        return result


def _fields(choices):
    any_ = [("", _("All"))]
    fields = {
        "omrade": (_("Service area"), any_ + list(ServiceArea.choices)),
        "malgruppe": (_("Target group"), any_ + [(code, name) for _id, code, name in choices["target_groups"]]),
        "fylke": (_("County"), any_ + choices["counties"]),
        "kommune": (
            _("Municipality"),
            any_ + [(number, name) for number, name, *_rest in choices["municipalities"]],
        ),
        "dyr": (
            _("Animals"),
            [
                ("", _("No matter")),
                (ANIMALS_ANY, _("With animals")),
                (ANIMALS_NONE, _("Without animals")),
                (_("Which animals"), [(code, name) for _id, code, name in choices["animals"]]),
            ],
        ),
    }
    fields = {
        name: SharedChoiceField(
            label=label, required=False, choices=options, widget=RememberedSelect(attrs={"class": "ds-input"})
        )
        for name, (label, options) in fields.items()
    }
    for field in fields.values():
        field.widget.choices_stamp = choices["stamp"]
    return fields


class SearchForm(forms.Form):
    # The list fields come from lookups() in __init__; these only hold their place in the form.
    omrade = malgruppe = fylke = kommune = SharedChoiceField(required=False)
    sted = forms.CharField(
        label=_("Near"),
        required=False,
        max_length=100,
        help_text=_("A municipality, a post town or a postcode."),
        widget=RememberedTextInput,
    )
    radius = forms.TypedChoiceField(
        label=_("Distance"),
        required=False,
        coerce=int,
        choices=RADIUS_CHOICES,
        empty_value=30,
        initial=30,
        widget=RememberedSelect,
    )
    dyr = SharedChoiceField(required=False)
    transport = forms.BooleanField(label=_("Transport offered"), required=False, widget=RememberedCheckbox)
    dag = forms.TypedMultipleChoiceField(
        label=_("Weekdays"), required=False, coerce=int, choices=Weekday.choices, widget=WeekdayOptions
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The declared list fields hold the place in the form's order; the prepared ones replace them.
        for name, field in lookups()["fields"].items():
            self.fields[name] = copy.deepcopy(field)
        for name, field in self.fields.items():
            if name not in {"dag", "transport"}:
                field.widget.attrs.setdefault("class", "ds-input")

    def clean_sted(self):
        text = " ".join(self.cleaned_data["sted"].split())
        if not text:
            return None
        place = find_place(text)
        if place is None:
            raise forms.ValidationError(
                _("We do not know the place «%(place)s». Write a municipality, a post town or a postcode."),
                params={"place": text},
            )
        return place

    def criteria(self):
        """The valid filters as a Criteria, ignoring fields with errors."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return Criteria(
            service_area=data.get("omrade") or None,
            target_group=data.get("malgruppe") or None,
            county=data.get("fylke") or None,
            municipality=data.get("kommune") or None,
            place=data.get("sted"),
            radius_km=data.get("radius") or 30,
            animals=data.get("dyr") or None,
            transport=bool(data.get("transport")),
            weekdays=sorted(set(data.get("dag") or [])),
        )


@dataclass(frozen=True)
class Place:
    """A point to measure distance from: a municipality's centre or a postcode's point."""

    name: str
    latitude: float
    longitude: float


def find_place(text):
    """A municipality, postcode or post town by what a person would type, or None."""
    if text.isdigit() and len(text) == 4:
        postcode = PostalCode.objects.filter(code=text).first()
        return postcode and Place(f"{postcode.code} {postcode.place}", postcode.latitude, postcode.longitude)
    municipality = lookups()["place_by_name"].get(text.casefold())
    if municipality:
        return municipality
    postcode = PostalCode.objects.filter(place__iexact=text).order_by("code").first()
    if postcode:
        return Place(postcode.place, postcode.latitude, postcode.longitude)
    return None


_lookups = {}


def lookups():
    """The reference lists as the search needs them, made once per reading of the lists: the form's
    list fields, the municipalities by name (as Places), by number (name and county's name) and by
    county, the target groups' (group) and animals' names by id, in the lists' order."""
    # Only the stamp is read from the cache: the lists themselves (357 municipalities) took longer
    # to unpickle than the lookups take to use.
    made = _lookups.get(cache.get(REFERENCE_KEY))
    if made is None:
        choices = reference_choices()
        rows = choices["municipalities"]
        by_county = defaultdict(list)
        for number, _name, county, *_rest in rows:
            by_county[county].append(number)
        place_by_name = {}
        for _number, name, _county, _county_name, lat, lon in rows:
            # Two municipalities share a name (Herøy, Våler): the one with the lower number, always.
            place_by_name.setdefault(name.casefold(), Place(name, lat, lon))
        made = {
            "fields": _fields(choices),
            "place_by_name": place_by_name,
            "municipality_by_number": {number: (name, county) for number, name, _c, county, _lat, _lon in rows},
            "municipalities_by_county": dict(by_county),
            "group_by_id": {pk: (n, name) for n, (pk, _code, name) in enumerate(choices["target_groups"])},
            "animal_by_id": {pk: (n, name) for n, (pk, _code, name) in enumerate(choices["animals"])},
        }
        _lookups.clear()
        _lookups[choices["stamp"]] = made
    return made


@dataclass(frozen=True)
class Criteria:
    service_area: str | None = None
    target_group: str | None = None
    county: str | None = None
    municipality: str | None = None
    place: Place | None = None
    radius_km: int = 30
    animals: str | None = None
    transport: bool = False
    weekdays: tuple | list = ()

    @property
    def filters_offers(self):
        return bool(self.service_area or self.target_group or self.weekdays)


# --- The search query -------------------------------------------------------------------------
#
# The catalogue is the page the public and every buyer use most, so its queries are written out
# as SQL here rather than built by the ORM: building and compiling the ORM's query took longer
# than the database took to answer it (benchmark/, issue 4). The SQL is plain and runs as it is
# on PostgreSQL and SQLite (Django gives SQLite the math functions). One query finds the page of
# farms and counts them all (COUNT(*) OVER ()); one more reads what the page's cards show
# (CARD_DETAILS). test_search.py holds every filter to what the ORM would find.

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


def _nearness(place):
    phi = math.radians(place.latitude)
    return [phi, math.cos(phi), math.radians(place.longitude)]


def _offer_conditions(criteria):
    """The offer filters on the offer table `o`: all must hold for the same offer."""
    conditions, params = ["o.is_active = %s"], [True]
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


def _farm_conditions(criteria, today):
    """The WHERE clause for listed farms that meet the criteria. Listed: a valid approval, which the
    approval writes on the farm as listed_until (the rule is approval.models.listed())."""
    conditions = ["f.listed_until >= %s"]
    params = [connection.ops.adapt_datefield_value(today or timezone.localdate())]
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


def _farm_rows(criteria, limit, offset=0, today=None, count=True):
    """Rows of (id, name, municipality, latitude, longitude, transport, step-free, nearness[, total])."""
    where, params = _farm_conditions(criteria, today)
    if criteria.place:
        nearness, select_params, order = NEARNESS, _nearness(criteria.place), "nearness, name, id"
    else:
        nearness, select_params, order = "NULL", [], "name, id"
    total = ", COUNT(*) OVER () AS total" if count else ""
    sql = SELECT_FARMS.format(nearness=nearness, total=total, where=where, order=order)
    return _fetch(sql, [*select_params, *params, limit, offset])


def _count(criteria, today=None):
    where, params = _farm_conditions(criteria, today)
    sql = "SELECT COUNT(*) FROM catalogue_farm f WHERE " + where
    return _fetch(sql, params)[0][0]


def _fetch(sql, params):
    with _cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _cursor():
    """A cursor for the catalogue's queries. On PostgreSQL it sends the parameters apart from the
    SQL (server-side binding), so psycopg prepares a query the connection has run five times and
    PostgreSQL keeps its plan: planning took as long as answering. The SQL of one kind of search
    is always the same text. Wrapped as Django wraps its own, so query counts and timings see it."""
    if connection.vendor != "postgresql":
        return connection.cursor()
    # As connection.cursor() does: a kept connection that failed its health check is replaced.
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    return connection._prepare_cursor(psycopg.Cursor(connection.connection))


def _in(values):
    """`IN (…)` for a list of values, as (SQL, parameters): on PostgreSQL one array parameter, so
    the SQL is the same text however many values there are."""
    values = list(values)
    if connection.vendor == "postgresql":
        return "= ANY(%s)", [values]
    return "IN (" + ", ".join(["%s"] * len(values)) + ")", values


def positions(criteria, limit, today=None):
    """(id, name, latitude, longitude) of the farms the search finds, in the list's order, up to limit."""
    rows = _farm_rows(criteria, limit, today=today, count=False)
    return [(pk, name, lat, lon) for pk, name, _municipality, lat, lon, *_rest in rows]


def find(criteria, page=None, per_page=20, today=None):
    """The page of farms (by number, as the URL gives it: anything odd is page one, past the end the
    last page) that meet the criteria, nearest first when a place is given, else by name."""
    try:
        number = min(max(1, int(page)), MAX_PAGE)  # past any real end, and the offset stays an integer SQL takes
    except (TypeError, ValueError):
        number = 1
    rows = _farm_rows(criteria, per_page, (number - 1) * per_page, today)
    if rows:
        count = rows[0][-1]
    else:
        count = _count(criteria, today) if number > 1 else 0
        if count:  # a page past the end: the last one, as Django's Paginator.get_page() does
            number = -(-count // per_page)
            rows = _farm_rows(criteria, per_page, (number - 1) * per_page, today)
        else:
            number = 1
    # Django's page and pager, told the count the query gave: they ask nothing more of the database.
    return Page(cards(rows, criteria), number, Paginator(range(count), per_page))


# --- What a result card shows -------------------------------------------------------------------


_url_patterns = {}
MAX_URL_PATTERNS = 100


def url_pattern(name, arguments):
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
NAMED = ("group", "animal")  # details whose names come from the reference lists


def cards(rows, criteria):
    """Cards for rows of _farm_rows(), as dicts (the template reads them fastest): where the farm
    is, the offers that meet the criteria with their target groups and days, the first photo and
    the animals. One query (CARD_DETAILS) whatever the number of farms; the names of target groups
    and animals come from the reference lists. The card's lines are put together here, so the
    template has few values to write: each costs it some 12 µs."""
    if not rows:
        return []
    reference = lookups()
    farm_url, photo_url = url_pattern("catalogue:farm", 1), url_pattern("catalogue:photo_file", 2)
    by_farm = {}
    for pk, name, municipality, _lat, _lon, transport, step_free, nearness, *_total in rows:
        by_farm[pk] = {
            "pk": pk, "name": name, "url": farm_url.format(pk), "place": municipality,  # its number, until below
            "distance_km": None if nearness is None else round(geo.km_from_term(nearness)),
            "transport_offered": bool(transport), "step_free_access": bool(step_free),
            "offers": [], "animals": [], "photo": None,
        }  # fmt: skip
    conditions, params = _offer_conditions(criteria)
    farms, farm_params = _in(by_farm)
    details = _fetch(
        CARD_DETAILS.format(farms=farms, offer_conditions=" AND ".join(conditions)),
        [*farm_params, *farm_params, *params, *farm_params, *farm_params, *farm_params],
    )
    known = all(value in reference[f"{kind}_by_id"] for kind, _owner, value, *_rest in details if kind in NAMED)
    if not known or not all(card["place"] in reference["municipality_by_number"] for card in by_farm.values()):
        # A target group, animal or municipality added since the lists were read: read them anew.
        _forget_stamp()
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
