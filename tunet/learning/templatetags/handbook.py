"""Links into the handbook from any page: {% load handbook %} then

{% handbook_link "bli-godkjent" %}        «Les mer i håndboka: <chapter title>», or nothing if unpublished
{% handbook_link "bli-godkjent" "Slik blir gården godkjent" %}   the same with your own words
{% handbook_url "bli-godkjent" %}         only the address (no database query)
"""

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from tunet.learning import queries

register = template.Library()


@register.simple_tag
def handbook_url(key):
    return reverse("learning:chapter", args=[key])


@register.simple_tag
def handbook_link(key, text=""):
    title = queries.published_title(key)
    if title is None:
        # A link to a chapter the reader may not open would only lead to «not found».
        return ""
    return format_html(
        '<a class="ds-link handbook-link" href="{}">{}: {}</a>',
        reverse("learning:chapter", args=[key]),
        _("Read more in the handbook"),
        text or title,
    )
