"""Which approved farms fit a request, and in what order, with the reasons for each place.

A farm fits when it is approved (listed), has an active offer in the request's service area for
its target group, lies in the area (one of the chosen municipalities, or within the radius of
the chosen place), and has enough free places on every asked weekday over the whole period.

Ranking, as the buyer sees it explained on the page:
1. enough free places on every asked weekday over the whole period, before those without;
2. when transport is needed: farms that drive participants, before those that don't;
3. nearer before farther (from the chosen place, or the middle of the chosen municipalities);
4. more free places before fewer; then by name.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from tunet.catalogue.models import Farm, OfferDay, ServiceOffer, Weekday
from tunet.core import geo

from . import capacity
from .models import Invitation, Request


@dataclass
class Ranked:
    farm: Farm
    offer: ServiceOffer
    free: dict[int, int]
    enough: bool
    transport_ok: bool
    distance_km: float | None
    reasons: list[str] = field(default_factory=list)
    # For the buyer's page of the request (queries.buyer_request_page).
    invited: bool = False
    answered: bool = False

    @property
    def fits(self) -> bool:
        return self.enough and self.transport_ok

    @property
    def least_free(self) -> int:
        return min(self.free.values(), default=0)


def _centre(request: Request) -> tuple[float, float] | None:
    if request.near is not None:
        return request.near.latitude, request.near.longitude
    chosen = list(request.municipalities.all())
    if chosen:
        return (
            sum(m.latitude for m in chosen) / len(chosen),
            sum(m.longitude for m in chosen) / len(chosen),
        )
    return None


def _within_radius(request, distance):
    """The bounding box in candidates() is a square: its corners lie beyond the radius."""
    return not (request.near_id and request.radius_km and distance is not None and distance > request.radius_km)


def candidates(request: Request) -> QuerySet[Farm]:
    """Listed farms with an active offer for the request's area and group, in its area (with offers)."""
    offers = ServiceOffer.objects.filter(
        is_active=True, service_area=request.service_area, target_groups=request.target_group
    ).prefetch_related(Prefetch("days", queryset=OfferDay.objects.order_by("weekday")))
    farms = (
        Farm.objects.listed()
        .filter(
            offers__in=ServiceOffer.objects.filter(
                is_active=True, service_area=request.service_area, target_groups=request.target_group
            )
        )
        .distinct()
        .select_related("municipality")
        .prefetch_related(Prefetch("offers", queryset=offers, to_attr="fitting_offers"))
    )
    municipality_ids = [m.pk for m in request.municipalities.all()]
    if municipality_ids:
        farms = farms.filter(municipality_id__in=municipality_ids)
    elif request.near is not None and request.radius_km:
        min_lat, max_lat, min_lon, max_lon = geo.bounding_box(
            request.near.latitude, request.near.longitude, request.radius_km
        )
        farms = farms.filter(
            latitude__gte=min_lat, latitude__lte=max_lat, longitude__gte=min_lon, longitude__lte=max_lon
        )
    return farms


def rank(request: Request) -> list[Ranked]:
    """Every candidate farm, ranked, each with its reasons. A constant number of queries."""
    farms = list(candidates(request))
    centre = _centre(request)
    # fitting_offers: prefetched by candidates(), the farm's offers for this request.
    offer_ids = [offer.pk for farm in farms for offer in farm.fitting_offers]  # type: ignore[attr-defined]
    free = capacity.free_places(offer_ids, request.start, request.end)
    ranked = []
    for farm in farms:
        distance = geo.distance_km(*centre, farm.latitude, farm.longitude) if centre else None
        if not _within_radius(request, distance):
            continue
        best = max(
            farm.fitting_offers,  # type: ignore[attr-defined]
            key=lambda offer: min((free.get(offer.pk, {}).get(day, 0) for day in request.weekdays), default=0),
        )
        offer_free = {day: free.get(best.pk, {}).get(day, 0) for day in request.weekdays}
        ranked.append(_explain(request, farm, best, offer_free, distance))
    ranked.sort(key=lambda r: (not r.enough, not r.transport_ok, r.distance_km or 0, -r.least_free, r.farm.name))
    return ranked


def _explain(request, farm, offer, free, distance):
    enough = all(places >= request.places for places in free.values())
    transport_ok = farm.transport_offered or not request.transport_needed
    days = ", ".join(f"{Weekday(day).label.lower()} {places}" for day, places in sorted(free.items()))
    reasons = [
        (
            _("Free places over the whole period: %(days)s")
            if enough
            else _("Too few free places for %(n)s over the whole period: %(days)s")
        )
        % {"days": days, "n": request.places},
    ]
    if request.transport_needed:
        reasons.append(_("Drives the participants") if farm.transport_offered else _("Does not offer transport"))
    if distance is not None:
        reasons.append(_("%(km)s km away") % {"km": round(distance)})
    reasons.append(_("Offer: %(title)s") % {"title": offer.title})
    return Ranked(farm, offer, free, enough, transport_ok, distance, reasons)


def farm_may_see(request: Request, farm: Farm | None) -> bool:
    """A farm sees a request it was invited to, or one it is a candidate for."""
    if farm is None:
        return False
    if Invitation.objects.filter(request=request, farm=farm).exists():
        return True
    candidate = candidates(request).filter(pk=farm.pk).first()
    if candidate is None:
        return False
    centre = _centre(request)
    distance = geo.distance_km(*centre, candidate.latitude, candidate.longitude) if centre else None
    return _within_radius(request, distance)
