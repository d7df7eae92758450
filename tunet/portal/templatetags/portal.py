"""What the participant's pages add to the care pages, served from here so that care never imports
portal (the same way purchasing serves the farm page's free places)."""

from django import template

from .. import queries

register = template.Library()


@register.simple_tag
def relatives_to_contact(participant):
    """The relatives whose consent lets the farm contact them: one query."""
    return queries.contacts_for_farm(participant)
