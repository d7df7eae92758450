"""The catalogue search ("Finn gård"): the filter form and the query behind it.

Filters live in the URL with Norwegian parameter names, so a search can be shared and the back
button works. Offer filters (service area, target group, weekdays) must all be met by the
same offer: a dementia offer on Mondays and a youth offer on Tuesdays is no dementia offer on
Tuesdays.
"""

import copy
import time
from dataclasses import dataclass

from django import forms
from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from tunet.approval import models as approval_rules
from tunet.core import geo
from tunet.core.models import County, Municipality, PostalCode

from .models import Animal, Farm, FarmPhoto, OfferDay, ServiceArea, ServiceOffer, TargetGroup, Weekday

RADIUS_CHOICES = [(10, "10 km"), (20, "20 km"), (30, "30 km"), (50, "50 km"), (100, "100 km")]
ANIMALS_ANY = "med"
ANIMALS_NONE = "uten"
REFERENCE_CACHE_SECONDS = 300


def reference_choices():
    """Choices for the filter form's lists. Reference data changes rarely: cached for a while."""
    choices = cache.get("catalogue:reference-choices")
    if choices is None:
        choices = {
            "target_groups": list(TargetGroup.objects.values_list("code", "name")),
            "animals": list(Animal.objects.values_list("code", "name")),
            "counties": list(County.objects.order_by("name").values_list("number", "name")),
            "municipalities": list(Municipality.objects.order_by("name").values_list("number", "name")),
            # Tells the prepared fields and remembered selects that the lists have been read anew.
            "stamp": time.time_ns(),
        }
        cache.set("catalogue:reference-choices", choices, REFERENCE_CACHE_SECONDS)
    return choices


def _frozen(value):
    """A hashable stand-in for a widget's value, attributes or choices (lazy labels as text)."""
    if isinstance(value, dict):
        return tuple((key, _frozen(item)) for key, item in value.items())
    if isinstance(value, list | tuple):
        return tuple(_frozen(item) for item in value)
    return value if value is None or isinstance(value, bool | int | float) else str(value)


class RememberedSelect(forms.Select):
    """A select that keeps its HTML for the same name, value, attributes, choices and language.

    Django renders every option through a template: the municipality list (357 options) took
    about a third of the catalogue page's time. The HTML is Django's own, only not made twice.
    """

    rendered = {}
    MAX_REMEMBERED = 2000

    def render(self, name, value, attrs=None, renderer=None):
        # Choices from the reference lists carry the stamp of that reading; hashing 357 of them
        # on every render would cost about as much as rendering them.
        stamp = getattr(self, "choices_stamp", None)
        key = (
            type(self), name, _frozen(value), _frozen(self.attrs), _frozen(attrs),
            stamp if stamp is not None else _frozen(self.choices),
            self.is_required, self.is_localized, get_language(), renderer,
        )  # fmt: skip
        html = self.rendered.get(key)
        if html is None:
            html = super().render(name, value, attrs, renderer)
            if len(self.rendered) >= self.MAX_REMEMBERED:
                self.rendered.clear()
            self.rendered[key] = html
        return html


class SharedChoiceField(forms.ChoiceField):
    """A choice field whose choices every copy shares. Django deep-copies a form's fields for each
    form, and with them the 357 municipalities; these lists are never changed in place."""

    def __deepcopy__(self, memo):
        return forms.Field.__deepcopy__(self, memo)


_prepared_fields = {}


def reference_fields():
    """The search form's list fields with their choices, made once per reading of the lists."""
    choices = reference_choices()
    fields = _prepared_fields.get(choices["stamp"])
    if fields is None:
        any_ = [("", _("All"))]
        fields = {
            "omrade": (_("Service area"), any_ + list(ServiceArea.choices)),
            "malgruppe": (_("Target group"), any_ + choices["target_groups"]),
            "fylke": (_("County"), any_ + choices["counties"]),
            "kommune": (_("Municipality"), any_ + choices["municipalities"]),
            "dyr": (
                _("Animals"),
                [
                    ("", _("No matter")),
                    (ANIMALS_ANY, _("With animals")),
                    (ANIMALS_NONE, _("Without animals")),
                    (_("Which animals"), choices["animals"]),
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
        _prepared_fields.clear()
        _prepared_fields[choices["stamp"]] = fields
    return fields


class SearchForm(forms.Form):
    # The list fields come from reference_fields() in __init__; these only hold their place in the form.
    omrade = malgruppe = fylke = kommune = SharedChoiceField(required=False)
    sted = forms.CharField(
        label=_("Near"),
        required=False,
        max_length=100,
        help_text=_("A municipality, a post town or a postcode."),
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
    transport = forms.BooleanField(label=_("Transport offered"), required=False)
    dag = forms.TypedMultipleChoiceField(
        label=_("Weekdays"), required=False, coerce=int, choices=Weekday.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The declared list fields hold the place in the form's order; the prepared ones replace them.
        for name, field in reference_fields().items():
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
    municipality = Municipality.objects.filter(name__iexact=text).first()
    if municipality:
        return Place(municipality.name, municipality.latitude, municipality.longitude)
    postcode = PostalCode.objects.filter(place__iexact=text).order_by("code").first()
    if postcode:
        return Place(postcode.place, postcode.latitude, postcode.longitude)
    return None


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


def listed_farms(today=None):
    """Farms the public may see: those with a valid approval."""
    return Farm.objects.filter(approval_rules.listed(today))


def matching_offers(criteria):
    """Active offers that meet the offer filters, to be tied to a farm with OuterRef."""
    offers = ServiceOffer.objects.filter(is_active=True)
    if criteria.service_area:
        offers = offers.filter(service_area=criteria.service_area)
    if criteria.target_group:
        # The group's id by a subquery the database runs once, not a join for every offer it looks at.
        group = TargetGroup.objects.filter(code=criteria.target_group).order_by().values("pk")
        offers = offers.filter(
            Exists(
                ServiceOffer.target_groups.through.objects.filter(
                    serviceoffer_id=OuterRef("pk"), targetgroup_id=Subquery(group)
                )
            )
        )
    for weekday in criteria.weekdays:
        offers = offers.filter(Exists(OfferDay.objects.filter(offer_id=OuterRef("pk"), weekday=weekday)))
    return offers


def search(criteria, today=None):
    """Listed farms that meet the criteria, nearest first when a place is given, else by name.

    The query is built once, whatever the filters; the page's related data comes from
    with_card_data() on the page of results only.
    """
    farms = listed_farms(today)
    if criteria.filters_offers:
        farms = farms.filter(Exists(matching_offers(criteria).filter(farm_id=OuterRef("pk"))))
    if criteria.county:
        farms = farms.filter(municipality__county_id=criteria.county)
    if criteria.municipality:
        farms = farms.filter(municipality_id=criteria.municipality)
    if criteria.transport:
        farms = farms.filter(transport_offered=True)
    if criteria.animals:
        farm_animals = Farm.animals.through.objects.filter(farm_id=OuterRef("pk"))
        if criteria.animals == ANIMALS_NONE:
            farms = farms.filter(~Exists(farm_animals))
        elif criteria.animals == ANIMALS_ANY:
            farms = farms.filter(Exists(farm_animals))
        else:
            farms = farms.filter(Exists(farm_animals.filter(animal__code=criteria.animals)))
    if criteria.place:
        lat, lon = criteria.place.latitude, criteria.place.longitude
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(lat, lon, criteria.radius_km)
        farms = (
            farms.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
            .annotate(distance=geo.distance_expression(lat, lon))
            .filter(distance__lte=criteria.radius_km)
            .order_by("distance", "name", "pk")
        )
    else:
        farms = farms.order_by("name", "pk")
    return farms


def with_card_data(farms, criteria):
    """What a result card shows, for a page of farms, in a constant number of queries."""
    # Prefetched into plain lists (to_attr): the template reads them without making querysets.
    offers = matching_offers(criteria) if criteria.filters_offers else ServiceOffer.objects.filter(is_active=True)
    offers = offers.prefetch_related(
        Prefetch("target_groups", queryset=TargetGroup.objects.all(), to_attr="group_list"),
        Prefetch("days", queryset=OfferDay.objects.order_by("weekday"), to_attr="day_list"),
    )
    return farms.select_related("municipality__county", "approval").prefetch_related(
        Prefetch("offers", queryset=offers.order_by("title", "pk"), to_attr="shown_offers"),
        Prefetch("photos", queryset=FarmPhoto.objects.order_by("sort_order", "id"), to_attr="photo_list"),
        Prefetch("animals", queryset=Animal.objects.all(), to_attr="animal_list"),
    )
