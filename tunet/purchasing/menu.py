"""Buying places in the header and on the start page (see core.menu)."""

from django.utils.translation import gettext_lazy as _

from tunet.accounts import access
from tunet.core.menu import MenuItem, StartTask

MENU = [
    MenuItem(
        order=30,
        label=_("Buying places"),
        url="purchasing:overview",
        shows=lambda membership: access.can_buy(membership) or access.can_create_farm(membership),
    )
]

TASKS = [
    StartTask(
        order=50,
        label=_("Ask for places"),
        text=_("Describe the need; approved farms that fit are ranked for you with free places and distance."),
        url="purchasing:request_new",
        shows=access.can_buy,
    ),
    StartTask(
        order=60,
        label=_("Answer requests for places"),
        text=_("Requests from municipalities and NAV that fit your farm, your offers and agreements."),
        url="purchasing:overview",
        shows=access.can_create_farm,
    ),
]
