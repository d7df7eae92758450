"""Participants in the header (see core.menu)."""

from django.utils.translation import gettext_lazy as _

from tunet.accounts import access
from tunet.core.menu import MenuItem

MENU = [
    MenuItem(
        order=40,
        label=_("Participants"),
        url="care:participants",
        shows=access.may(access.Perm.FOLLOW_PARTICIPANTS),
    )
]
