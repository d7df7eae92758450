"""Any change to what the catalogue shows gives it a new version (page_cache.py); a change to the
reference lists makes the search read them anew (search/lists.py). Apps above the catalogue whose
data it shows (approval) connect page_cache.bump_version to their own models in their ready()."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from tunet.core.models import County, Municipality

from .models import Animal, Farm, FarmPhoto, OfferDay, ServiceOffer, TargetGroup
from .page_cache import bump_version
from .search import forget_reference_lists


def connect():
    for model in (Farm, ServiceOffer, OfferDay, FarmPhoto):
        post_save.connect(bump_version, sender=model, dispatch_uid=f"catalogue-version-save-{model.__name__}")
        post_delete.connect(bump_version, sender=model, dispatch_uid=f"catalogue-version-delete-{model.__name__}")
    for through in (
        Farm.animals.through,
        ServiceOffer.target_groups.through,
        ServiceOffer.activities.through,
        ServiceOffer.languages.through,
    ):
        m2m_changed.connect(bump_version, sender=through, dispatch_uid=f"catalogue-version-m2m-{through.__name__}")
    for model in (TargetGroup, Animal, Municipality, County):
        for signal, name in ((post_save, "save"), (post_delete, "delete")):
            uid = f"{name}-{model.__name__}"
            signal.connect(forget_reference_lists, sender=model, dispatch_uid=f"catalogue-lists-{uid}")
            signal.connect(bump_version, sender=model, dispatch_uid=f"catalogue-version-{uid}")
