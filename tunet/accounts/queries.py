from .models import Membership


def members_of(organisation):
    """The organisation's memberships with their people, for its member list."""
    return list(
        Membership.objects.filter(organisation=organisation).select_related("user").order_by("user__full_name", "role")
    )
