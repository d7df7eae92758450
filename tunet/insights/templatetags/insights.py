"""The coordinator's region at a glance on the start page, which accounts draws and may not import
insights for: the start page loads this tag, and it shows nothing to anyone else."""

from django import template
from django.template.loader import render_to_string

from tunet.accounts import access
from tunet.insights import queries

register = template.Library()


@register.simple_tag
def region_at_a_glance(membership):
    """Farms, places, use, expiring approvals and unanswered requests in the coordinator's region.
    No queries for anyone but a coordinator."""
    if not access.can_view_region_statistics(membership):
        return ""
    scope = access.statistics_scope(membership)
    if scope is None:
        return ""
    return render_to_string("insights/_glance.html", {"glance": queries.glance(scope)})
