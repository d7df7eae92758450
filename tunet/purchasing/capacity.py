"""Free places, and the one way to take them.

Free places on a weekday of a service offer, for a period, are the offer's places that day less
every reservation that overlaps the period (counted as if they all overlap each other: never
optimistic). reserve() runs inside the accepting transaction and first locks the service offer's
row (SELECT ... FOR UPDATE on PostgreSQL; SQLite takes its write lock at BEGIN IMMEDIATE), so of
two buyers accepting the last place at the same moment, the second one counts after the first
one's reservation is there, and is refused.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection

from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from tunet.catalogue import page_cache
from tunet.catalogue.models import OfferDay, ServiceOffer, Weekday

from .models import Agreement, Reservation


class Full(Exception):
    """Not enough free places; the message says which weekday and how many are free."""


def coming_year(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The period the catalogue shows free places for: from today, a year ahead."""
    today = today or timezone.localdate()
    return today, today + datetime.timedelta(days=365)


def used_places(
    offer_ids: Collection[int], start: datetime.date, end: datetime.date, exclude_agreement: Agreement | None = None
) -> dict[tuple[int, int], int]:
    """{(offer id, weekday): places reserved in the period}, one query."""
    reservations = Reservation.objects.filter(service_offer_id__in=offer_ids, start__lte=end, end__gte=start)
    if exclude_agreement is not None:
        reservations = reservations.exclude(agreement=exclude_agreement)
    rows = reservations.values("service_offer_id", "weekday").annotate(total=Sum("places")).order_by()
    return {(row["service_offer_id"], row["weekday"]): row["total"] for row in rows}


def free_places(
    offer_ids: Collection[int],
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    exclude_agreement: Agreement | None = None,
) -> dict[int, dict[int, int]]:
    """{offer id: {weekday: free places}} for the period (from today on, if none is given). Two queries."""
    start = start or timezone.localdate()
    end = end or start
    used = used_places(offer_ids, start, end, exclude_agreement)
    free: defaultdict[int, dict[int, int]] = defaultdict(dict)
    for offer_id, weekday, places in OfferDay.objects.filter(offer_id__in=offer_ids).values_list(
        "offer_id", "weekday", "places"
    ):
        free[offer_id][weekday] = max(places - used.get((offer_id, weekday), 0), 0)
    return dict(free)


def reserve(
    agreement: Agreement,
    service_offer: ServiceOffer,
    places_by_weekday: dict[int, int],
    start: datetime.date,
    end: datetime.date,
) -> None:
    """Reserve the places, or raise Full. Call it inside the transaction that accepts the offer."""
    ServiceOffer.objects.select_for_update().filter(pk=service_offer.pk).first()
    free = free_places([service_offer.pk], start, end, exclude_agreement=agreement).get(service_offer.pk, {})
    for weekday, places in sorted(places_by_weekday.items()):
        if places > free.get(weekday, 0):
            raise Full(
                _("There are only %(free)s free places on %(day)s in this period.")
                % {"free": free.get(weekday, 0), "day": Weekday(weekday).label.lower()}
            )
    Reservation.objects.filter(agreement=agreement).delete()
    Reservation.objects.bulk_create(
        [
            Reservation(
                agreement=agreement, service_offer=service_offer, weekday=weekday, places=places, start=start, end=end
            )
            for weekday, places in places_by_weekday.items()
            if places
        ]
    )
    # The catalogue shows free places: its kept pages are out of date (bump_version() renews them on commit too).
    page_cache.bump_version()


def release(agreement: Agreement) -> None:
    """Give back an agreement's places (cancelled before signing, or ended)."""
    Reservation.objects.filter(agreement=agreement).delete()
    page_cache.bump_version()
