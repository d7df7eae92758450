"""Any change to what the catalogue shows gives it a new version (page_cache.py)."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from tunet.approval.models import Approval

from .models import Farm, FarmPhoto, OfferDay, ServiceOffer
from .page_cache import bump_version


def connect():
    for model in (Farm, ServiceOffer, OfferDay, FarmPhoto, Approval):
        post_save.connect(bump_version, sender=model, dispatch_uid=f"catalogue-version-save-{model.__name__}")
        post_delete.connect(bump_version, sender=model, dispatch_uid=f"catalogue-version-delete-{model.__name__}")
    for through in (
        Farm.animals.through,
        ServiceOffer.target_groups.through,
        ServiceOffer.activities.through,
        ServiceOffer.languages.through,
    ):
        m2m_changed.connect(bump_version, sender=through, dispatch_uid=f"catalogue-version-m2m-{through.__name__}")
