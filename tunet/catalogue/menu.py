"""The farm profile and the catalogue in the header and on the start page (see core.menu)."""

from django.utils.translation import gettext_lazy as _

from tunet.accounts import access
from tunet.core.menu import MenuItem, StartTask

MENU = [MenuItem(order=20, label=_("My farm"), url="catalogue:my_farm", shows=access.can_create_farm)]

TASKS = [
    StartTask(
        order=10,
        label=_("Keep your farm profile up to date"),
        text=_("Offers, weekdays and places, photos and contact details: what buyers see in the catalogue."),
        url="catalogue:my_farm",
        shows=access.can_create_farm,
    ),
    StartTask(
        order=70,
        label=_("Find a farm"),
        text=_("Search the approved farms by target group, weekday, distance and transport."),
        url="catalogue:catalogue",
        shows=access.may(access.Perm.BUY_PLACES),
    ),
]
