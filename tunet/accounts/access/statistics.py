"""Statistics: who sees which figures. Every figure is an aggregate with small numbers suppressed
(insights.suppression); what differs is the part of the country and of the purchases it counts.

- a regional coordinator: the counties of their Statsforvalter (the region, below);
- the approval body: the whole country;
- a buyer (case worker, NAV adviser): its own requests, agreements and placements, everywhere;
- anyone, without logging in: the public page «Inn på tunet i tall».
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Membership, Organisation
from .roles import Perm, has_perm

# The Statsforvalter offices and the counties (2024 structure) each of them follows. A coordinator's
# organisation names one county; the region is every county its office covers.
STATSFORVALTER_REGIONS: tuple[frozenset[str], ...] = (
    frozenset({"03", "31", "32", "33"}),  # Oslo og Viken: Oslo, Østfold, Akershus, Buskerud
    frozenset({"34"}),  # Innlandet
    frozenset({"39", "40"}),  # Vestfold og Telemark
    frozenset({"42"}),  # Agder
    frozenset({"11"}),  # Rogaland
    frozenset({"46"}),  # Vestland
    frozenset({"15"}),  # Møre og Romsdal
    frozenset({"50"}),  # Trøndelag
    frozenset({"18"}),  # Nordland
    frozenset({"55", "56"}),  # Troms og Finnmark: Troms, Finnmark
)


@dataclass(frozen=True)
class StatisticsScope:
    """What one viewer's figures count. counties None: the whole country; buyer_id: only that buyer's
    requests, agreements and placements (and no figures about farms or the approval scheme)."""

    counties: frozenset[str] | None = None
    buyer_id: int | None = None

    @property
    def is_buyer(self) -> bool:
        return self.buyer_id is not None

    def allows_county(self, county: str) -> bool:
        return self.counties is None or county in self.counties


def region_of(organisation: Organisation) -> frozenset[str]:
    """The counties a coordinator's organisation follows; none when it names no county."""
    if not organisation.county_id:
        return frozenset()
    for region in STATSFORVALTER_REGIONS:
        if organisation.county_id in region:
            return region
    return frozenset({organisation.county_id})


def can_view_region_statistics(membership: Membership | None) -> bool:
    return has_perm(membership, Perm.VIEW_REGION_STATISTICS)


def can_view_national_statistics(membership: Membership | None) -> bool:
    return has_perm(membership, Perm.VIEW_NATIONAL_STATISTICS)


def can_view_statistics(membership: Membership | None) -> bool:
    """The coordinator, the approval body and buyers have a statistics page of their own."""
    return statistics_scope(membership) is not None


def statistics_scope(membership: Membership | None) -> StatisticsScope | None:
    """What this membership's figures count, or None when it has no statistics of its own. The
    widest view wins for a role that holds more than one (none does today)."""
    if can_view_national_statistics(membership):
        return StatisticsScope()
    if can_view_region_statistics(membership):
        assert membership is not None
        region = region_of(membership.organisation)
        return StatisticsScope(counties=region) if region else None
    if has_perm(membership, Perm.BUY_PLACES) and membership is not None and membership.organisation.is_buyer:
        return StatisticsScope(buyer_id=membership.organisation_id)
    return None
