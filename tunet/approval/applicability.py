"""Which requirements apply to a farm: the facts behind AppliesWhen, read from the farm's profile.

A requirement "for farms with animals" applies when the profile lists any animal; "participants
under 18" when the farm has an offer in upbringing and education or for children and youth;
"farms that drive participants" when it offers transport.
"""

from tunet.catalogue.models import ServiceArea

from .models import AppliesWhen

CHILDREN_TARGET_GROUP = "barn-unge"


def facts_of(farm):
    """The AppliesWhen values that hold for this farm (two queries)."""
    facts = {AppliesWhen.ALWAYS}
    if farm.animals.exists():
        facts.add(AppliesWhen.ANIMALS)
    if (
        farm.offers.filter(service_area=ServiceArea.EDUCATION).exists()
        or farm.offers.filter(target_groups__code=CHILDREN_TARGET_GROUP).exists()
    ):
        facts.add(AppliesWhen.UNDER_18)
    if farm.transport_offered:
        facts.add(AppliesWhen.TRANSPORT)
    return facts
