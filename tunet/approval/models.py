"""The approval scheme: standards, the farm's documents, self-audits, revisions, deviations and
the approval itself, with every change of its state kept.

The life of a farm's approval:
- the farm answers every applicable item of the published standards in a self-audit (at least once
  a year); a "No" becomes a deviation with a measure, a responsible person and a deadline;
- the approval body assigns an auditor, who records the revision visit, confirms or corrects the
  answers, records deviations, and accepts the revision;
- the farm closes each deviation with evidence, the auditor verifies (or reopens) it;
- approved when the self-audit is submitted, the revision accepted and no deviation is open:
  valid two years. A deviation past its deadline suspends it, expiry lapses it, the approval body
  can revoke it. actions.py makes every change; ApprovalEvent keeps each change of state.
"""

import datetime

from django.conf import settings
from django.db import models, transaction
from django.db.models import OuterRef, Q, Subquery
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tunet.catalogue.models import Farm

# --- Approval -----------------------------------------------------------------------------------


class ApprovalStatus(models.TextChoices):
    PENDING = "pending", _("Not yet approved")
    APPROVED = "approved", _("Approved")
    SUSPENDED = "suspended", _("Suspended")
    LAPSED = "lapsed", _("Lapsed")
    REVOKED = "revoked", _("Revoked")


def listed(today=None):
    """The condition on a farm query for a valid approval: the one that lets a farm be listed.

    Approval.is_valid() is the same rule for one approval already in memory; Farm.listed_until
    >= today the same rule written on the farm, for the catalogue's search.
    """
    today = today or timezone.localdate()
    return Q(approval__status=ApprovalStatus.APPROVED, approval__valid_until__gte=today)


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


# --- Standards ------------------------------------------------------------------------------------


class Standard(models.Model):
    """A set of requirements (a checklist), kept in versions: general farm requirements, HMS, IPT."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("standard")
        verbose_name_plural = _("standards")
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("In force")
    RETIRED = "retired", _("Replaced")


class StandardVersion(models.Model):
    """One version of a standard. A draft can be edited; publishing it replaces the version in
    force for self-audits started from then on; audits already started keep the version they began with."""

    standard = models.ForeignKey(Standard, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    notes = models.TextField(_("what changed"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("version of a standard")
        verbose_name_plural = _("versions of standards")
        ordering = ["standard__sort_order", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "number"], name="standard_version_unique_number"),
            models.UniqueConstraint(fields=["standard"], condition=Q(status="draft"), name="standard_one_draft"),
            models.UniqueConstraint(fields=["standard"], condition=Q(status="published"), name="standard_one_in_force"),
            models.CheckConstraint(condition=Q(status__in=VersionStatus.values), name="standard_version_status_known"),
        ]

    def __str__(self):
        return f"{self.standard} v{self.number}"

    @property
    def is_draft(self):
        return self.status == VersionStatus.DRAFT


class Section(models.Model):
    version = models.ForeignKey(StandardVersion, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "id"]

    def __str__(self):
        return self.title


class AppliesWhen(models.TextChoices):
    """When a requirement applies to a farm. The rule for each is Farm facts in applicability.py."""

    ALWAYS = "always", _("Every farm")
    ANIMALS = "animals", _("Farms with animals")
    UNDER_18 = "under_18", _("Farms with participants under 18")
    TRANSPORT = "transport", _("Farms that drive participants")


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


class Item(models.Model):
    """One requirement: a code ("IPT 3.2"), the requirement, guidance on meeting it, when it applies."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="items")
    version = models.ForeignKey(StandardVersion, on_delete=models.CASCADE, related_name="items", editable=False)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.CharField(_("code"), max_length=20)
    requirement = models.TextField(_("requirement"))
    guidance = models.TextField(_("guidance"), blank=True)
    applies_when = models.CharField(
        _("applies to"), max_length=20, choices=AppliesWhen.choices, default=AppliesWhen.ALWAYS
    )
    document_type = models.CharField(
        _("document that shows it"), max_length=30, choices=DocumentType.choices, blank=True
    )

    class Meta:
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="item_unique_code_per_version"),
            models.CheckConstraint(condition=Q(applies_when__in=AppliesWhen.values), name="item_applies_when_known"),
        ]

    def __str__(self):
        return f"{self.code} {self.requirement[:60]}"

    def save(self, *args, **kwargs):
        self.version_id = self.section.version_id
        super().save(*args, **kwargs)


# --- Documents ------------------------------------------------------------------------------------


def document_path(instance, filename):
    # The name is never shown or trusted: files live outside any public URL and are served by a view.
    return f"private/farms/{instance.farm_id}/documents/{timezone.now():%Y%m%d%H%M%S%f}"


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
    def is_image(self):
        return self.content_type.startswith("image/")

    def expires_within(self, days, today=None):
        today = today or timezone.localdate()
        return self.valid_until is not None and today <= self.valid_until <= today + datetime.timedelta(days=days)

    def has_expired(self, today=None):
        today = today or timezone.localdate()
        return self.valid_until is not None and self.valid_until < today


# --- Self-audit ---------------------------------------------------------------------------------


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
    return f"private/farms/{instance.farm_id}/evidence/{timezone.now():%Y%m%d%H%M%S%f}"


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


# --- Revision and deviations -------------------------------------------------------------------------


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
