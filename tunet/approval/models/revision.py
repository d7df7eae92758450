"""Revisions by the auditor, their reviews of answers, and deviations."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.catalogue.models import Farm

from .documents import Document
from .self_audit import Answer, AnswerValue, SelfAudit
from .standards import Item


class RevisionStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    VISITED = "visited", _("Visit recorded")
    ACCEPTED = "accepted", _("Accepted")


class Revision(models.Model):
    """The auditor's revision of a farm: assigned by the approval body, a visit, then accepted."""

    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="revisions")
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="revisions", verbose_name=_("auditor")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RevisionStatus.choices, default=RevisionStatus.ASSIGNED
    )
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    self_audit = models.ForeignKey(SelfAudit, on_delete=models.PROTECT, null=True, blank=True, related_name="revisions")
    visit_date = models.DateField(_("date of the visit"), null=True, blank=True)
    met = models.CharField(_("met at the farm"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-assigned_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["farm"], condition=~Q(status="accepted"), name="revision_one_open_per_farm"
            ),
            models.CheckConstraint(
                condition=Q(status="assigned") | Q(visit_date__isnull=False), name="revision_visited_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.farm} ({self.assigned_at:%Y-%m-%d})"


class ReviewVerdict(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    CORRECTED = "corrected", _("Corrected")


class AnswerReview(models.Model):
    """The auditor's check of one self-audit answer: confirmed, or corrected to another answer."""

    revision = models.ForeignKey(Revision, on_delete=models.CASCADE, related_name="reviews")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="reviews")
    verdict = models.CharField(_("verdict"), max_length=20, choices=ReviewVerdict.choices)
    corrected_value = models.CharField(_("correct answer"), max_length=5, choices=AnswerValue.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["revision", "answer"], name="review_one_per_answer"),
            models.CheckConstraint(
                condition=Q(verdict="confirmed") | ~Q(corrected_value=""), name="review_correction_has_value"
            ),
        ]

    def __str__(self):
        return f"{self.answer}: {self.verdict}"


class DeviationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed, awaiting verification")
    VERIFIED = "verified", _("Verified")


class Deviation(models.Model):
    """A requirement not met: a measure, a responsible person and a deadline; closed with evidence
    by the farm, verified (or reopened) by the auditor."""

    farm = models.ForeignKey(Farm, on_delete=models.CASCADE, related_name="deviations")
    item = models.ForeignKey(Item, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    self_audit = models.ForeignKey(
        SelfAudit, on_delete=models.SET_NULL, null=True, blank=True, related_name="deviations"
    )
    revision = models.ForeignKey(Revision, on_delete=models.SET_NULL, null=True, blank=True, related_name="deviations")
    description = models.TextField(_("what is not met"))
    measure = models.TextField(_("measure"))
    responsible = models.CharField(_("responsible"), max_length=150)
    deadline = models.DateField(_("deadline"))
    status = models.CharField(_("status"), max_length=20, choices=DeviationStatus.choices, default=DeviationStatus.OPEN)
    created_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    close_note = models.TextField(_("what was done"), blank=True)
    evidence = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("document")
    )
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    auditor_note = models.TextField(_("auditor's note"), blank=True)

    class Meta:
        verbose_name = _("deviation")
        verbose_name_plural = _("deviations")
        ordering = ["deadline", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=DeviationStatus.values), name="deviation_status_known"),
            models.CheckConstraint(
                condition=Q(status="open") | (Q(closed_at__isnull=False) & Q(evidence__isnull=False)),
                name="deviation_closed_has_evidence",
            ),
            models.CheckConstraint(
                condition=~Q(status="verified") | Q(verified_at__isnull=False), name="deviation_verified_has_time"
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"], name="deviation_due_idx")]

    def __str__(self):
        return self.description[:80]

    def is_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.status == DeviationStatus.OPEN and self.deadline < today
