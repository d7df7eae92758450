"""The counts behind «Inn på tunet i tall», each one aggregate query whatever the size of the data.

Every function takes what the viewer may count (access.StatisticsScope) and the chosen period and
area (Filters), and returns plain counts keyed by what they are broken down by. Nothing here returns
a row about a person: the database adds up, and figures.py suppresses small counts before anything
is shown. The number of queries a page makes is fixed by the number of tables on it.
"""

from .base import (
    Filters,
    Key,
    approvals_by_month,
    counties_in,
    days_to_agreement,
    default_period,
    expiring_approvals,
    farms_by_area_and_status,
    glance,
    municipalities_in,
    offers_by_service_area,
    places_bought,
    places_offered,
    public_by_county,
    requests_by_service_area,
    school_completions_by_county,
    target_groups,
)
from .participants import (
    attendance_by_area,
    check_ins_by_area,
    endings_by_area_and_reason,
    incidents_by_area_and_severity,
    placements_by_target_group_and_area,
    placements_started_and_length,
)

__all__ = [
    "Filters",
    "Key",
    "approvals_by_month",
    "attendance_by_area",
    "check_ins_by_area",
    "counties_in",
    "days_to_agreement",
    "default_period",
    "endings_by_area_and_reason",
    "expiring_approvals",
    "farms_by_area_and_status",
    "glance",
    "incidents_by_area_and_severity",
    "municipalities_in",
    "offers_by_service_area",
    "placements_by_target_group_and_area",
    "placements_started_and_length",
    "places_bought",
    "places_offered",
    "public_by_county",
    "requests_by_service_area",
    "school_completions_by_county",
    "target_groups",
]
