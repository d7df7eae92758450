from django.utils.functional import SimpleLazyObject

from tunet.core import notifications

from . import access


def active_membership(request):
    """The header's organisation switcher and menu: one query for a logged-in person, none otherwise."""
    if not hasattr(request, "user") or not request.user.is_authenticated:
        return {"membership": None, "memberships": []}
    membership = access.active_membership(request)
    return {
        "membership": membership,
        "memberships": access.memberships(request),
        "has_farm": access.can_create_farm(membership),
        "audits_farms": access.has_perm(membership, access.Perm.AUDIT_FARMS),
        "runs_approvals": access.can_run_approvals(membership),
        "buys_places": access.can_buy(membership),
        "runs_farm_day": access.runs_farm_day(membership),
        "follows_participants": access.has_perm(membership, access.Perm.FOLLOW_PARTICIPANTS),
        # Counted only if the page shows it (the header does, for a logged-in person).
        "unread_notifications": SimpleLazyObject(lambda: notifications.unread_count(request.user)),
    }
