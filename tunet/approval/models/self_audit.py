"""Self-audits: the farm's answers to the requirements of the standards in force."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tunet.catalogue.models import Farm

from .documents import Document
from .standards import Item, StandardVersion


class SelfAuditStatus(models.TextChoices):
    DRAFT = "draft", _("Being filled in")
    SUBMITTED = "submitted", _("Submitted")


class SelfAudit(models.Model):
    """The farm's answers to every applicable item of the standards in force when it began."""

    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="self_audits")
    versions = models.ManyToManyField(StandardVersion, related_name="+", verbose_name=_("standards"))
    status = models.CharField(
        _("status"), max_length=20, choices=SelfAuditStatus.choices, default=SelfAuditStatus.DRAFT
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("self-audit")
        verbose_name_plural = _("self-audits")
        ordering = ["-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["farm"], condition=Q(status="draft"), name="self_audit_one_draft"),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False), name="self_audit_submitted_has_time"
            ),
        ]

    def __str__(self):
        return f"{self.farm} {self.started_at:%Y-%m-%d}"


class AnswerValue(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_RELEVANT = "na", _("Not relevant")


def evidence_path(instance, filename):
    return f"private/farms/{instance.farm_id}/evidence/{secrets.token_hex(16)}"


class Answer(models.Model):
    """The farm's answer to one item. A "No" carries the measure, who is responsible and the
    deadline; submitting the self-audit turns it into a deviation."""

    self_audit = models.ForeignKey(SelfAudit, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="+")
    value = models.CharField(_("answer"), max_length=5, choices=AnswerValue.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    evidence = models.ForeignKey(
        Document, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("document")
    )
    photo = models.ImageField(_("photo"), upload_to=evidence_path, blank=True)
    measure = models.TextField(_("measure"), blank=True)
    responsible = models.CharField(_("responsible"), max_length=150, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["self_audit", "item"], name="answer_one_per_item"),
            models.CheckConstraint(condition=Q(value__in=[*AnswerValue.values, ""]), name="answer_value_known"),
            models.CheckConstraint(
                condition=~Q(value="no") | (~Q(measure="") & ~Q(responsible="") & Q(deadline__isnull=False)),
                name="answer_no_has_measure",
            ),
        ]

    def __str__(self):
        return f"{self.item.code}: {self.value or '-'}"

    @property
    def farm_id(self):
        return self.self_audit.farm_id
