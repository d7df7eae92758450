"""The figures in the header and on the start page (see core.menu)."""

from django.utils.translation import gettext_lazy as _

from tunet.accounts import access
from tunet.core.menu import MenuItem, StartTask

MENU = [MenuItem(order=70, label=_("Figures"), url="insights:overview", shows=access.can_view_statistics)]

TASKS = [
    StartTask(
        order=20,
        label=_("See your region in figures"),
        text=_("Farms, places, use, requests and placements in your region, by county, service area and target group."),
        url="insights:overview",
        shows=access.can_view_region_statistics,
    ),
    StartTask(
        order=75,
        label=_("See Inn på tunet in figures"),
        text=_("Farms and approvals, places, requests and placements in the whole country."),
        url="insights:overview",
        shows=access.can_view_national_statistics,
    ),
    StartTask(
        order=76,
        label=_("See your purchases in figures"),
        text=_("Your places, requests, placements, attendance and why placements ended."),
        url="insights:overview",
        shows=lambda membership: access.can_view_statistics(membership) and access.can_buy(membership),
    ),
]
