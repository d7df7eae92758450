"""Reads of farms that depend on who is asking. The *_for(membership, ...) functions fetch and check
in one call: they return the object only if the viewer may see or edit it, and refuse otherwise
(access.refuse: 404 where the viewer may not know it exists, 403 where they may)."""

from django.db.models import Model, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from tunet.accounts import access
from tunet.accounts.models import Membership

from .models import Farm, FarmChange, FarmPhoto, ServiceOffer


def farm_of(membership: Membership | None) -> Farm | None:
    """The farm the membership's provider runs, if any."""
    if membership is None:
        return None
    return Farm.objects.filter(provider_id=membership.organisation_id).first()


def farm_page(pk: int) -> Farm:
    """A farm with everything its page shows, in a constant number of queries (404 if there is none)."""
    offers = ServiceOffer.objects.filter(is_active=True).prefetch_related(
        "target_groups", "activities", "languages", "days"
    )
    return get_object_or_404(
        Farm.objects.select_related("municipality__county", "postal_code", "provider", "approval").prefetch_related(
            Prefetch("offers", queryset=offers.order_by("title", "pk"), to_attr="shown_offers"),
            Prefetch("photos", queryset=FarmPhoto.objects.order_by("sort_order", "id"), to_attr="photo_list"),
            "animals",
        ),
        pk=pk,
    )


def farm_page_for(membership: Membership | None, pk: int) -> Farm:
    """farm_page(pk), if the viewer may see the farm: an unlisted farm is hidden (404) from all but
    its own people and the approval body."""
    farm = farm_page(pk)
    access.require(access.can_view_farm(membership, farm, farm.is_listed()), hidden=True)
    return farm


def photo_for(membership: Membership | None, farm_pk: int, photo_pk: int) -> FarmPhoto:
    """A farm's photo, by the same check as the farm's page: an unlisted farm's photos are hidden too."""
    photo = get_object_or_404(FarmPhoto.objects.select_related("farm__provider"), pk=photo_pk, farm_id=farm_pk)
    access.require(access.can_view_farm(membership, photo.farm, photo.farm.is_listed()), hidden=True)
    return photo


def editable_farm_for(membership: Membership | None, pk: int) -> Farm:
    """The farm, if the membership keeps its profile and offers (404 if there is none, else 403)."""
    farm = get_object_or_404(Farm.objects.select_related("provider", "municipality", "postal_code"), pk=pk)
    access.require(access.can_edit_farm(membership, farm))
    return farm


def offer_of(farm: Farm, pk: int) -> ServiceOffer:
    """One of the farm's offers (404 if the farm has no such offer)."""
    return get_object_or_404(ServiceOffer, pk=pk, farm=farm)


def photo_of(farm: Farm, pk: int) -> FarmPhoto:
    """One of the farm's photos (404 if the farm has no such photo)."""
    return get_object_or_404(FarmPhoto, pk=pk, farm=farm)


def farm_approval(farm: Farm) -> Model | None:
    """The farm's approval (select_related by the queries above), or None if it has none yet. Typed
    as a model: the catalogue does not import approval, which sits above it."""
    try:
        return farm.approval
    except Farm.approval.RelatedObjectDoesNotExist:
        return None


def all_offers(farm: Farm) -> list[ServiceOffer]:
    """Every offer of the farm, active or not, for the provider's own overview."""
    return list(farm.offers.prefetch_related("target_groups", "days").order_by("title", "pk"))


def history(farm: Farm) -> QuerySet[FarmChange]:
    return FarmChange.objects.filter(farm=farm).select_related("actor")
