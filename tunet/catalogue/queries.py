"""Reads of farms that depend on who is asking."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from .models import Farm, FarmChange, FarmPhoto, ServiceOffer


def farm_of(membership):
    """The farm the membership's provider runs, if any."""
    if membership is None:
        return None
    return Farm.objects.filter(provider_id=membership.organisation_id).first()


def farm_page(pk):
    """A farm with everything its page shows, in a constant number of queries."""
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


def farm_approval(farm):
    """The farm's approval (select_related by the queries above), or None if it has none yet."""
    try:
        return farm.approval
    except Farm.approval.RelatedObjectDoesNotExist:
        return None


def all_offers(farm):
    """Every offer of the farm, active or not, for the provider's own overview."""
    return list(farm.offers.prefetch_related("target_groups", "days").order_by("title", "pk"))


def history(farm):
    return FarmChange.objects.filter(farm=farm).select_related("actor")
