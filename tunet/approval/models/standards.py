"""Standards: checklists kept in versions, their sections and requirements."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .documents import DocumentType


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
