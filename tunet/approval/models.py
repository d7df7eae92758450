"""The approval of a farm. For now its status and how long it is valid; the approval workflow
(standards, self-audits, revisions, deviations) builds on this."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.catalogue.models import Farm


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("Not yet approved")
    APPROVED = "approved", _("Approved")
    SUSPENDED = "suspended", _("Suspended")
    LAPSED = "lapsed", _("Lapsed")
    REVOKED = "revoked", _("Revoked")


def listed(today=None):
    """The condition on a farm query for a valid approval: the one that lets a farm be listed.

    Approval.is_valid() is the same rule for one approval already in memory.
    """
    today = today or timezone.localdate()
    return Q(approval__status=ApprovalStatus.APPROVED, approval__valid_until__gte=today)


class Approval(models.Model):
    farm = models.OneToOneField(Farm, on_delete=models.CASCADE, related_name="approval")
    status = models.CharField(
        _("status"), max_length=20, choices=ApprovalStatus.choices, default=ApprovalStatus.PENDING
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("approval")
        verbose_name_plural = _("approvals")
        constraints = [
            models.CheckConstraint(condition=Q(status__in=ApprovalStatus.values), name="approval_status_known"),
            models.CheckConstraint(
                condition=~Q(status=ApprovalStatus.APPROVED) | Q(valid_until__isnull=False),
                name="approval_approved_has_valid_until",
            ),
        ]
        indexes = [models.Index(fields=["status", "valid_until"], name="approval_listing_idx")]

    def __str__(self):
        return f"{self.farm}: {self.get_status_display()}"

    def is_valid(self, today=None):
        today = today or timezone.localdate()
        return self.status == ApprovalStatus.APPROVED and self.valid_until is not None and self.valid_until >= today
