from django.utils.functional import SimpleLazyObject

from tunet.core import notifications
from tunet.core.menu import menu_for

from . import access


def active_membership(request):
    """The header's organisation switcher and menu: one query for a logged-in person, none otherwise."""
    if not hasattr(request, "user") or not request.user.is_authenticated:
        return {"membership": None, "memberships": []}
    membership = access.active_membership(request)
    return {
        "membership": membership,
        "memberships": access.memberships(request),
        # Each app's own links, as it declares them in its menu.py.
        "menu": menu_for(membership),
        # Counted only if the page shows it (the header does, for a logged-in person).
        "unread_notifications": SimpleLazyObject(lambda: notifications.unread_count(request.user)),
    }
