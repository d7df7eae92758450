from . import access


def active_membership(request):
    """The organisation switcher in the header needs both; neither costs a query until used."""
    if not hasattr(request, "user") or not request.user.is_authenticated:
        return {"membership": None, "memberships": []}
    return {"membership": access.active_membership(request), "memberships": access.memberships(request)}
