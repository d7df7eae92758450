"""The approval itself and every change of its state."""

from django.conf import settings
from django.db import models, transaction
from django.db.models import OuterRef, Q, Subquery
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.catalogue.models import Farm


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("Not yet approved")
    APPROVED = "approved", _("Approved")
    SUSPENDED = "suspended", _("Suspended")
    LAPSED = "lapsed", _("Lapsed")
    REVOKED = "revoked", _("Revoked")


def sync_listings():
    """Put right every farm whose listed_until differs from its approval: after approvals are
    written in bulk (demo data, the benchmark's data set), and daily, should one ever be written
    without save(). Only the farms found wrong are written, so a change made meanwhile to another
    farm is never overwritten with what was read before it. Returns how many were put right."""
    approved = Approval.objects.filter(farm=OuterRef("pk"), status=ApprovalStatus.APPROVED).values("valid_until")[:1]
    wrong = [
        pk
        for pk, listed_until, should in Farm.objects.annotate(should=Subquery(approved)).values_list(
            "pk", "listed_until", "should"
        )
        if listed_until != should
    ]
    if wrong:
        Farm.objects.filter(pk__in=wrong).update(listed_until=Subquery(approved))
    return len(wrong)


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

    def save(self, *args, **kwargs):
        with transaction.atomic(savepoint=False):
            super().save(*args, **kwargs)
            Farm.objects.filter(pk=self.farm_id).update(listed_until=self.listed_until)

    @property
    def listed_until(self):
        """What Farm.listed_until holds for this approval."""
        return self.valid_until if self.status == ApprovalStatus.APPROVED else None

    def is_valid(self, today=None):
        today = today or timezone.localdate()
        return self.status == ApprovalStatus.APPROVED and self.valid_until is not None and self.valid_until >= today


@receiver(post_delete, sender=Approval, dispatch_uid="approval-unlists-farm")
def unlist_farm(instance, **_kwargs):
    """A farm without an approval is not listed; also when approvals are deleted in bulk (the admin)."""
    Farm.objects.filter(pk=instance.farm_id).update(listed_until=None)


class ApprovalEvent(models.Model):
    """One change of an approval's state: who (nobody for the daily task), when, why."""

    approval = models.ForeignKey(Approval, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=20, choices=ApprovalStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ApprovalStatus.choices)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("change of approval")
        verbose_name_plural = _("changes of approval")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.approval}: {self.from_status} → {self.to_status}"
