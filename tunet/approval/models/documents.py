"""The farm's vault of documents."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.catalogue.models import Farm


class DocumentType(models.TextChoices):
    EMERGENCY_PLAN = "emergency_plan", _("Emergency plan")
    RISK_PARTICIPANT = "risk_participant", _("Risk assessment per participant")
    RISK_BUYER = "risk_buyer", _("Risk assessment per buyer")
    POLICE_CERTIFICATE = "police_certificate", _("Police certificate")
    INSURANCE = "insurance", _("Insurance")
    HMS_TRAINING = "hms_training", _("HMS training")
    FOOD_AUTHORITY = "food_authority", _("Registration with the Norwegian Food Safety Authority")
    FIRE_INSPECTION = "fire_inspection", _("Inspection of fire extinguishers")
    OTHER = "other", _("Other document")


# Types that name people and their circumstances: only for those access.can_view_sensitive_documents allows.
SENSITIVE_DOCUMENTS = (DocumentType.POLICE_CERTIFICATE, DocumentType.RISK_PARTICIPANT, DocumentType.RISK_BUYER)


def document_path(instance, filename):
    # The name is never shown or trusted: files live outside any public URL and are served by a view.
    return f"private/farms/{instance.farm_id}/documents/{secrets.token_hex(16)}"


class Document(models.Model):
    """A document in the farm's vault, checked by content (PDF or photo) and served only through a view."""

    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("type of document"), max_length=30, choices=DocumentType.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=document_path)
    content_type = models.CharField(max_length=50, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    original_name = models.CharField(max_length=200, editable=False, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["kind", "-uploaded_at"]
        constraints = [
            models.CheckConstraint(condition=Q(kind__in=DocumentType.values), name="document_kind_known"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_sensitive(self):
        return self.kind in SENSITIVE_DOCUMENTS

    @property
    def is_image(self):
        return self.content_type.startswith("image/")

    def expires_within(self, days, today=None):
        today = today or timezone.localdate()
        return self.valid_until is not None and today <= self.valid_until <= today + datetime.timedelta(days=days)

    def has_expired(self, today=None):
        today = today or timezone.localdate()
        return self.valid_until is not None and self.valid_until < today
