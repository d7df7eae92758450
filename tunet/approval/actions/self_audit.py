"""The farm's self-audit: started over the standards in force, answered as the farmer goes, submitted."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.core.rules import NotAllowed

from .. import applicability, lifecycle
from ..models import (
    Answer,
    AnswerValue,
    Deviation,
    Document,
    Item,
    RevisionStatus,
    SelfAudit,
    SelfAuditStatus,
    StandardVersion,
    VersionStatus,
)
from ..queries import missing_answers

if TYPE_CHECKING:
    from tunet.accounts.models import Membership
    from tunet.catalogue.models import Farm


def _keeper(membership: Membership, farm: Farm) -> None:
    access.require(access.can_keep_approval_file(membership, farm))


def _in_force() -> list[StandardVersion]:
    return list(StandardVersion.objects.filter(status=VersionStatus.PUBLISHED))


@transaction.atomic
def do_start_self_audit(membership: Membership, farm: Farm) -> SelfAudit:
    """The farm's self-audit being filled in, or a new one over the standards in force now.

    Every applicable item gets an empty answer, so progress is answered ÷ all. Starting twice (a
    double click, two tabs) gives the same draft: the database allows one draft per farm.
    """
    _keeper(membership, farm)
    draft = SelfAudit.objects.filter(farm=farm, status=SelfAuditStatus.DRAFT).first()
    if draft is not None:
        return draft
    versions = _in_force()
    if not versions:
        raise NotAllowed(_("No standard is in force yet. The approval body publishes the standards."))
    try:
        with transaction.atomic():
            audit = SelfAudit.objects.create(farm=farm)
    except IntegrityError:
        return SelfAudit.objects.get(farm=farm, status=SelfAuditStatus.DRAFT)
    audit.versions.set(versions)
    facts = applicability.facts_of(farm)
    items = Item.objects.filter(version__in=versions, applies_when__in=facts)
    Answer.objects.bulk_create([Answer(self_audit=audit, item=item) for item in items])
    return audit


@transaction.atomic
def do_save_answer(
    membership: Membership,
    answer: Answer,
    *,
    value: str,
    comment: str = "",
    evidence: Document | None = None,
    photo: File | None = None,
    measure: str = "",
    responsible: str = "",
    deadline: datetime.date | None = None,
) -> Answer:
    """Save one answer of a draft (as the farmer goes; the form has checked the fields)."""
    audit = answer.self_audit
    _keeper(membership, audit.farm)
    if audit.status != SelfAuditStatus.DRAFT:
        raise NotAllowed(_("This self-audit has been submitted and can no longer be changed."))
    if evidence is not None and evidence.farm_id != audit.farm_id:
        raise PermissionDenied
    answer.value = value
    answer.comment = comment
    answer.evidence = evidence
    if photo:
        answer.photo = photo
    is_no = value == AnswerValue.NO
    answer.measure = measure if is_no else ""
    answer.responsible = responsible if is_no else ""
    answer.deadline = deadline if is_no else None
    answer.updated_by = membership.user
    answer.save()
    return answer


@transaction.atomic
def do_submit_self_audit(membership: Membership, audit: SelfAudit, today: datetime.date | None = None) -> SelfAudit:
    """Submit a complete self-audit: each "No" becomes a deviation with its measure and deadline."""
    audit = SelfAudit.objects.select_for_update().get(pk=audit.pk)
    _keeper(membership, audit.farm)
    if audit.status == SelfAuditStatus.SUBMITTED:
        return audit  # a double submit changes nothing
    if missing_answers(audit):
        raise NotAllowed(_("Answer every requirement before you submit."))
    audit.status = SelfAuditStatus.SUBMITTED
    audit.submitted_at = timezone.now()
    audit.submitted_by = membership.user
    audit.save()
    for answer in audit.answers.filter(value=AnswerValue.NO).select_related("item"):
        assert answer.deadline is not None  # a "No" has its measure and deadline (answer_no_has_measure)
        Deviation.objects.create(
            farm=audit.farm,
            item=answer.item,
            self_audit=audit,
            description=answer.comment or answer.item.requirement,
            measure=answer.measure,
            responsible=answer.responsible,
            deadline=answer.deadline,
            created_by=membership.user,
        )
    open_revision = audit.farm.revisions.exclude(status=RevisionStatus.ACCEPTED).first()
    if open_revision is not None and open_revision.self_audit_id is None:
        open_revision.self_audit = audit
        open_revision.save(update_fields=["self_audit"])
    lifecycle.reconsider(audit.farm, membership.user, today=today)
    return audit
