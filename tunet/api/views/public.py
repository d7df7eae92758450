"""The public endpoints: no key, the same data anyone sees in the catalogue, the register and the
handbook."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from tunet.accounts import access
from tunet.catalogue.models import Farm, OfferDay, ServiceArea, ServiceOffer, Weekday
from tunet.catalogue.search import find_place
from tunet.core import geo
from tunet.core.models import Municipality
from tunet.learning.models import Chapter
from tunet.purchasing import capacity

from ..base import Cursor, PublicEndpoint
from ..serializers import ChapterSerializer, FarmSerializer, MunicipalitySerializer

FARM_FILTERS = [
    OpenApiParameter("service_area", str, enum=ServiceArea.values, description="Tjenesteområde (kode)."),
    OpenApiParameter("target_group", str, description="Målgruppe (kode, f.eks. «dementia»)."),
    OpenApiParameter("county", str, description="Fylkesnummer, to siffer."),
    OpenApiParameter("municipality", str, description="Kommunenummer, fire siffer."),
    OpenApiParameter("near", str, description="Et sted: kommune, poststed eller postnummer."),
    OpenApiParameter("radius_km", int, description="Avstand fra «near» i kilometer (standard 30, høyst 500)."),
    OpenApiParameter(
        "weekday", int, many=True, enum=Weekday.values, description="Ukedager tilbudet må gis (0 = mandag); gjentas."
    ),
    OpenApiParameter(
        "free_places",
        bool,
        description="Bare tilbud med ledige plasser på alle ukedagene i «weekday» det kommende året.",
    ),
    OpenApiParameter("transport", bool, description="Bare gårder som kjører deltakerne."),
]


def _attach_days(farms):
    """Each offer's weekdays with places and free places over the coming year (two queries for them all)."""
    free = capacity.free_places([o.pk for farm in farms for o in farm.api_offers], *capacity.coming_year())
    for farm in farms:
        for offer in farm.api_offers:
            offer.api_days = [
                {
                    "weekday": day.weekday,
                    "places": day.places,
                    "free_places": free.get(offer.pk, {}).get(day.weekday, day.places),
                    "opens": day.opens.strftime("%H:%M"),
                    "closes": day.closes.strftime("%H:%M"),
                }
                for day in sorted(offer.days.all(), key=lambda d: d.weekday)
            ]
    return farms


def _flag(value: str | None) -> bool:
    return (value or "").lower() in {"1", "true", "yes", "ja"}


class Farms(PublicEndpoint):
    serializer_class = FarmSerializer

    def _offers(self):
        params = self.request.query_params
        offers = ServiceOffer.objects.filter(is_active=True)
        if area := params.get("service_area"):
            if area not in ServiceArea.values:
                raise ValidationError({"service_area": [_("Unknown service area.")]})
            offers = offers.filter(service_area=area)
        if group := params.get("target_group"):
            offers = offers.filter(target_groups__code=group)
        try:
            weekdays = sorted({int(day) for day in params.getlist("weekday")})
        except ValueError:
            raise ValidationError({"weekday": [_("Weekdays are numbers from 0 (Monday) to 6.")]}) from None
        if any(day not in Weekday.values for day in weekdays):
            raise ValidationError({"weekday": [_("Weekdays are numbers from 0 (Monday) to 6.")]})
        for day in weekdays:
            offers = offers.filter(pk__in=OfferDay.objects.filter(weekday=day).values("offer_id"))
        if weekdays and _flag(params.get("free_places")):
            # The offers with a free place on every asked weekday over the coming year: two queries.
            candidates = list(offers.values_list("pk", flat=True))
            free = capacity.free_places(candidates, *capacity.coming_year())
            offers = offers.filter(
                pk__in=[pk for pk in candidates if all(free.get(pk, {}).get(day, 0) > 0 for day in weekdays)]
            )
        return offers

    def get_queryset(self):
        params = self.request.query_params
        farms = Farm.objects.listed().select_related("municipality", "approval")
        if any(params.get(name) for name in ("service_area", "target_group", "weekday")):
            farms = farms.filter(pk__in=self._offers().values("farm_id"))
        if county := params.get("county"):
            farms = farms.filter(municipality__county_id=county)
        if municipality := params.get("municipality"):
            farms = farms.filter(municipality_id=municipality)
        if _flag(params.get("transport")):
            farms = farms.filter(transport_offered=True)
        if near := params.get("near"):
            place = find_place(" ".join(near.split()))
            if place is None:
                raise ValidationError({"near": [_("We do not know the place «%(place)s».") % {"place": near}]})
            try:
                radius = min(max(int(params.get("radius_km") or 30), 1), 500)
            except ValueError:
                raise ValidationError(
                    {"radius_km": [_("Write the distance as a whole number of kilometres.")]}
                ) from None
            min_lat, max_lat, min_lon, max_lon = geo.bounding_box(place.latitude, place.longitude, radius)
            farms = (
                farms.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lon, max_lon))
                .annotate(distance_km=geo.distance_expression(place.latitude, place.longitude))
                .filter(distance_km__lte=radius)
            )
        active = ServiceOffer.objects.filter(is_active=True).prefetch_related("target_groups", "activities", "days")
        return farms.prefetch_related(Prefetch("offers", queryset=active.order_by("title", "pk"), to_attr="api_offers"))


class FarmList(Farms, generics.ListAPIView):
    """Approved farms (as the catalogue «Finn gård») with their offers, free places per weekday and approval."""

    pagination_class = Cursor

    @extend_schema(parameters=FARM_FILTERS, tags=["Offentlig"])
    def get(self, request):
        page = _attach_days(self.paginate_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class FarmDetail(Farms):
    """One approved farm; 404 for a farm that is not in the catalogue."""

    @extend_schema(tags=["Offentlig"])
    def get(self, request, pk):
        farm = access.found(self.get_queryset().filter(pk=pk).first())
        return Response(self.get_serializer(_attach_days([farm])[0]).data)


class MunicipalityCursor(Cursor):
    ordering = "number"
    page_size = 100
    max_page_size = 400


class MunicipalityList(PublicEndpoint, generics.ListAPIView):
    """The municipality register (2024 structure), with counties and centre points."""

    serializer_class = MunicipalitySerializer
    pagination_class = MunicipalityCursor

    def get_queryset(self):
        municipalities = Municipality.objects.select_related("county")
        if county := self.request.query_params.get("county"):
            municipalities = municipalities.filter(county_id=county)
        return municipalities

    @extend_schema(
        parameters=[OpenApiParameter("county", str, description="Bare kommunene i dette fylket (fylkesnummer).")],
        tags=["Offentlig"],
    )
    def get(self, request):
        return self.list(request)


class ChapterList(PublicEndpoint, generics.ListAPIView):
    """The published chapters of the handbooks (drafts are never shown here)."""

    serializer_class = ChapterSerializer
    pagination_class = Cursor

    def get_queryset(self):
        chapters = Chapter.objects.filter(is_published=True).select_related("handbook")
        if handbook := self.request.query_params.get("handbook"):
            chapters = chapters.filter(handbook__slug=handbook)
        audience = self.request.query_params.get("audience")
        if audience in {"buyers", "providers", "participants", "relatives"}:
            chapters = chapters.filter(**{f"for_{audience}": True})
        return chapters

    @extend_schema(
        parameters=[
            OpenApiParameter("handbook", str, description="Bare kapitlene i denne håndboken (kortnavn)."),
            OpenApiParameter(
                "audience",
                str,
                enum=["buyers", "providers", "participants", "relatives"],
                description="Bare kapitler skrevet for disse.",
            ),
        ],
        tags=["Offentlig"],
    )
    def get(self, request):
        return self.list(request)


class ChapterDetail(PublicEndpoint):
    serializer_class = ChapterSerializer

    @extend_schema(tags=["Offentlig"])
    def get(self, request, key):
        chapter = access.found(Chapter.objects.filter(is_published=True, key=key).select_related("handbook").first())
        return Response(self.get_serializer(chapter).data)
