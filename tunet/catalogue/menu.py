"""The farm profile and the catalogue in the header and on the start page (see core.menu)."""

from django.utils.translation import gettext_lazy as _

from tunet.accounts import access
from tunet.core.menu import MenuItem, StartTask

MENU = [MenuItem(order=20, label=_("My farm"), url="catalogue:my_farm", shows=access.can_create_farm)]

TASKS = [
    StartTask(
        order=10,
        title=_("Keep your farm profile up to date"),
        text=_("Offers, weekdays and places, photos and contact details: what buyers see in the catalogue."),
        url="catalogue:my_farm",
        shows=lambda user, membership: access.can_create_farm(membership),
    ),
    StartTask(
        order=70,
        title=_("Find a farm"),
        text=_("Search the approved farms by target group, weekday, distance and transport."),
        url="catalogue:catalogue",
        shows=lambda user, membership: access.has_perm(membership, access.Perm.BUY_PLACES),
    ),
]
