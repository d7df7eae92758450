"""The revision: the auditor's visit, reviews and deviations; the farm closes deviations, the
auditor verifies or reopens them."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.core.notifications import notify
from tunet.core.rules import NotAllowed

from .. import lifecycle
from ..models import (
    Answer,
    AnswerReview,
    AnswerValue,
    Deviation,
    DeviationStatus,
    Document,
    DocumentType,
    Item,
    ReviewVerdict,
    Revision,
    RevisionStatus,
)
from ..queries import verifying_revision

if TYPE_CHECKING:
    from tunet.accounts.models import Membership


def _auditor(membership: Membership, revision: Revision) -> None:
    if not access.can_audit(membership, revision):
        raise PermissionDenied
    if revision.status == RevisionStatus.ACCEPTED:
        raise NotAllowed(_("The revision has been accepted and can no longer be changed."))


@transaction.atomic
def do_record_visit(
    membership: Membership, revision: Revision, *, visit_date: datetime.date, met: str, summary: str
) -> Revision:
    _auditor(membership, revision)
    revision.visit_date = visit_date
    revision.met = met
    revision.summary = summary
    revision.status = RevisionStatus.VISITED
    revision.save()
    return revision


@transaction.atomic
def do_review_answer(
    membership: Membership,
    revision: Revision,
    answer: Answer,
    *,
    verdict: str,
    corrected_value: str = "",
    note: str = "",
    measure: str = "",
    responsible: str = "",
    deadline: datetime.date | None = None,
) -> AnswerReview:
    """Confirm or correct one answer. Correcting it to "No" records a deviation at once."""
    _auditor(membership, revision)
    if answer.self_audit_id != revision.self_audit_id:
        raise PermissionDenied
    if verdict == ReviewVerdict.CONFIRMED:
        corrected_value = ""
    review, _created = AnswerReview.objects.update_or_create(
        revision=revision,
        answer=answer,
        defaults={"verdict": verdict, "corrected_value": corrected_value, "note": note},
    )
    if corrected_value == AnswerValue.NO:
        if deadline is None:  # the form asks for it; a deviation cannot be without one
            raise NotAllowed(_("Choose the deadline for the measure."))
        already = revision.deviations.filter(item=answer.item).exists()
        if not already:
            do_record_deviation(
                membership,
                revision,
                item=answer.item,
                description=note or answer.item.requirement,
                measure=measure,
                responsible=responsible,
                deadline=deadline,
            )
    return review


@transaction.atomic
def do_record_deviation(
    membership: Membership,
    revision: Revision,
    *,
    description: str,
    measure: str,
    responsible: str,
    deadline: datetime.date,
    item: Item | None = None,
) -> Deviation:
    _auditor(membership, revision)
    deviation = Deviation.objects.create(
        farm=revision.farm,
        revision=revision,
        item=item,
        description=description,
        measure=measure,
        responsible=responsible,
        deadline=deadline,
        created_by=membership.user,
    )
    notify(
        access.farm_keepers(revision.farm),
        title=_("New deviation with deadline %(date)s") % {"date": date_format(deadline)},
        body=description,
        url=reverse("approval:deviation", args=[deviation.pk]),
    )
    return deviation


@transaction.atomic
def do_accept_revision(membership: Membership, revision: Revision, today: datetime.date | None = None) -> Revision:
    """Accept the revision. With the self-audit submitted and no deviation open, the farm is approved."""
    _auditor(membership, revision)
    if revision.status != RevisionStatus.VISITED:
        raise NotAllowed(_("Record the visit before you accept the revision."))
    revision.status = RevisionStatus.ACCEPTED
    revision.accepted_at = timezone.now()
    revision.save()
    lifecycle.reconsider(revision.farm, membership.user, today=today, renew=True)
    return revision


def _keeper(membership: Membership, deviation: Deviation) -> None:
    access.require(access.can_keep_approval_file(membership, deviation.farm))


@transaction.atomic
def do_close_deviation(
    membership: Membership,
    deviation: Deviation,
    *,
    note: str,
    evidence: Document | None = None,
    file: UploadedFile | None = None,
    kind: str = DocumentType.OTHER,
    content_type: str = "",
) -> Deviation:
    """The farm closes a deviation with what it did and a document that shows it: one from the vault
    (evidence), or a new one uploaded with it (file, of the content_type its check found), kept in the vault."""
    if file:
        _keeper(membership, deviation)
        evidence = Document.objects.create(
            farm=deviation.farm,
            kind=kind,
            title=_("Evidence: %(what)s") % {"what": deviation.description[:150]},
            file=file,
            content_type=content_type,
            size=file.size or 0,
            original_name=(file.name or "")[:200],
            uploaded_by=membership.user,
        )
    deviation = Deviation.objects.select_for_update().get(pk=deviation.pk)
    _keeper(membership, deviation)
    if deviation.status != DeviationStatus.OPEN:
        return deviation  # closed already: a double submit changes nothing
    if evidence is None or evidence.farm_id != deviation.farm_id:
        raise NotAllowed(_("Choose or upload the document that shows the deviation is closed."))
    deviation.status = DeviationStatus.CLOSED
    deviation.close_note = note
    deviation.evidence = evidence
    deviation.closed_at = timezone.now()
    deviation.closed_by = membership.user
    deviation.save()
    revision = verifying_revision(deviation)
    if revision is not None:
        notify(
            [revision.auditor],
            title=_("%(farm)s has closed a deviation") % {"farm": deviation.farm.name},
            body=_("Verify the deviation, or reopen it with a note: %(what)s") % {"what": deviation.description},
            url=reverse("approval:revision", args=[revision.pk]),
        )
    return deviation


def _verifier(membership: Membership, deviation: Deviation) -> None:
    revision = verifying_revision(deviation)
    if revision is None or not access.can_audit(membership, revision):
        raise PermissionDenied
    if deviation.status != DeviationStatus.CLOSED:
        raise NotAllowed(_("Only a closed deviation can be verified or reopened."))


@transaction.atomic
def do_verify_deviation(
    membership: Membership, deviation: Deviation, *, note: str = "", today: datetime.date | None = None
) -> Deviation:
    deviation = Deviation.objects.select_for_update().get(pk=deviation.pk)
    if deviation.status == DeviationStatus.VERIFIED:
        return deviation
    _verifier(membership, deviation)
    deviation.status = DeviationStatus.VERIFIED
    deviation.verified_at = timezone.now()
    deviation.verified_by = membership.user
    deviation.auditor_note = note
    deviation.save()
    lifecycle.reconsider(deviation.farm, membership.user, today=today)
    return deviation


@transaction.atomic
def do_reopen_deviation(
    membership: Membership, deviation: Deviation, *, note: str, deadline: datetime.date | None = None
) -> Deviation:
    deviation = Deviation.objects.select_for_update().get(pk=deviation.pk)
    _verifier(membership, deviation)
    deviation.status = DeviationStatus.OPEN
    deviation.auditor_note = note
    if deadline is not None:
        deviation.deadline = deadline
    deviation.save()
    notify(
        access.farm_keepers(deviation.farm),
        title=_("A deviation has been reopened"),
        body=_("The auditor reopened the deviation: %(note)s") % {"note": note},
        url=reverse("approval:deviation", args=[deviation.pk]),
    )
    return deviation
