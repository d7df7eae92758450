"""Free places on pages of apps below purchasing (the catalogue's farm page), which may not import it."""

from django import template

from tunet.purchasing import capacity

register = template.Library()


@register.simple_tag
def free_places_in_coming_year(offers):
    """{offer id: {weekday: free places}} for the coming year after what agreements have reserved:
    two queries, whatever the number of offers."""
    return capacity.free_places([offer.pk for offer in offers], *capacity.coming_year())


@register.simple_tag
def free_on(free, day):
    """The free places on an offer's day, from free_places_in_coming_year: all of them if none are reserved."""
    return free.get(day.offer_id, {}).get(day.weekday, day.places)
