"""The farm day's place in the header (see core.menu)."""

from django.utils.translation import gettext_lazy as _

from tunet.accounts import access
from tunet.core.menu import MenuItem

MENU = [MenuItem(order=10, label=_("Today"), url="daily:day", shows=access.runs_farm_day)]
