"""Reads of revisions and deviations: the auditor's worklist and pages, the revision report."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db.models import Case, Count, Prefetch, Q, When
from django.shortcuts import get_object_or_404

from tunet.accounts import access

from ..models import Answer, AnswerReview, AnswerValue, Deviation, DeviationStatus, Revision, RevisionStatus
from .documents import auditor_ids_of, documents_of
from .self_audit import answers_in_order, group_answers

if TYPE_CHECKING:
    from tunet.accounts.models import Membership, User
    from tunet.catalogue.models import Farm


def current_revision(farm: Farm) -> Revision | None:
    return Revision.objects.filter(farm=farm).select_related("auditor").first()


def worklist(user: User) -> list[Any]:
    """The revisions assigned to this auditor, open ones first, with what waits for them."""
    return list(
        Revision.objects.filter(auditor=user)
        .select_related("farm__municipality__county", "farm__approval")
        .annotate(
            to_verify=Count(
                "farm__deviations", filter=Q(farm__deviations__status=DeviationStatus.CLOSED), distinct=True
            ),
            still_open=Count(
                "farm__deviations", filter=Q(farm__deviations__status=DeviationStatus.OPEN), distinct=True
            ),
        )
        .order_by(Case(When(status=RevisionStatus.ACCEPTED, then=1), default=0), "-assigned_at")
    )


def _revision_of(pk: int) -> Revision:
    """A revision with what its pages show."""
    return get_object_or_404(
        Revision.objects.select_related("farm__municipality__county", "farm__provider", "farm__approval", "auditor"),
        pk=pk,
    )


def revision_for(membership: Membership | None, pk: int) -> Revision:
    """A revision for the auditor it is assigned to, who records it: 404 when there is none, else 403."""
    revision = _revision_of(pk)
    access.require(access.can_audit(membership, revision))
    return revision


def report_for(membership: Membership | None, pk: int) -> Revision:
    """A revision for those who may read its report: its auditor, the farm itself and the approval body
    (who may read the farm's approval file)."""
    revision = _revision_of(pk)
    access.require(access.can_view_approval_file(membership, revision.farm, auditor_ids_of(revision.farm)))
    return revision


def reviewed_answer(revision: Revision, pk: int) -> Answer:
    """An answer of the self-audit the revision reviews (404 for any other)."""
    return get_object_or_404(Answer, pk=pk, self_audit_id=revision.self_audit_id)


def verifying_revision(deviation: Deviation) -> Revision | None:
    """The revision whose auditor verifies this deviation: its own, else the farm's latest."""
    return deviation.revision or deviation.farm.revisions.first()


def revision_page(revision: Revision) -> dict[str, Any]:
    """The auditor's view of the farm: the self-audit with reviews, documents, deviations (constant queries)."""
    answers: list[Any] = []
    if revision.self_audit_id:
        reviews = AnswerReview.objects.filter(revision=revision)
        answers = list(
            answers_in_order()
            .filter(self_audit_id=revision.self_audit_id)
            .prefetch_related(Prefetch("reviews", queryset=reviews, to_attr="review_list"))
        )
        for answer in answers:
            answer.review = answer.review_list[0] if answer.review_list else None
    deviations = list(
        Deviation.objects.filter(farm=revision.farm).select_related("item", "evidence").order_by("status", "deadline")
    )
    return {
        "revision": revision,
        "farm": revision.farm,
        "groups": group_answers(answers),
        "deviations": deviations,
        "to_verify": [d for d in deviations if d.status == DeviationStatus.CLOSED],
        "documents": documents_of(revision.farm),
    }


def report(revision: Revision) -> dict[str, Any]:
    """The revision report: the visit, every answer reviewed, deviations found and what was done."""
    page = revision_page(revision)
    page["no_answers"] = [
        answer
        for _standard, sections in page["groups"]
        for _section, answers in sections
        for answer in answers
        if (answer.review and answer.review.corrected_value or answer.value) == AnswerValue.NO
    ]
    page["photos"] = [
        answer
        for _standard, sections in page["groups"]
        for _section, answers in sections
        for answer in answers
        if answer.photo
    ]
    return page
