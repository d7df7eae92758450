"""Reads of the farm's approval page and its self-audit, for the farm's keepers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from tunet.accounts import access
from tunet.catalogue.queries import farm_of

from ..models import Answer, Deviation, DeviationStatus, SelfAudit, SelfAuditStatus
from .documents import auditor_ids_of

if TYPE_CHECKING:
    from tunet.accounts.models import Membership
    from tunet.catalogue.models import Farm


def own_farm_for(membership: Membership | None) -> Farm:
    """The farm of the membership, which it keeps the approval file of: 404 when it has no farm, 403
    when it may not keep the file."""
    farm = access.found(farm_of(membership))
    access.require(access.can_keep_approval_file(membership, farm))
    return farm


def answers_in_order() -> QuerySet[Answer]:
    return Answer.objects.select_related("item__section", "item__version__standard", "evidence").order_by(
        "item__version__standard__sort_order",
        "item__section__position",
        "item__section_id",
        "item__position",
        "item_id",
    )


def draft_of(farm: Farm) -> SelfAudit | None:
    return SelfAudit.objects.filter(farm=farm, status=SelfAuditStatus.DRAFT).first()


def last_submitted(farm: Farm) -> SelfAudit | None:
    return SelfAudit.objects.filter(farm=farm, status=SelfAuditStatus.SUBMITTED).order_by("-submitted_at").first()


def group_answers(answers: Iterable[Any]) -> list[tuple[Any, list[tuple[Any, list[Any]]]]]:
    """Answers grouped as [(standard, [(section, [answer, ...]), ...]), ...] in reading order."""
    grouped: list[tuple[Any, list[tuple[Any, list[Any]]]]] = []
    for answer in answers:
        standard, section = answer.item.version.standard, answer.item.section
        if not grouped or grouped[-1][0] != standard:
            grouped.append((standard, []))
        sections = grouped[-1][1]
        if not sections or sections[-1][0] != section:
            sections.append((section, []))
        sections[-1][1].append(answer)
    return grouped


def self_audit_page(audit: SelfAudit) -> dict[str, Any]:
    """Everything the self-audit page shows, in a constant number of queries."""
    answers = list(answers_in_order().filter(self_audit=audit))
    answered = sum(1 for answer in answers if answer.value)
    return {
        "audit": audit,
        "groups": group_answers(answers),
        "answered": answered,
        "total": len(answers),
        "percent": round(100 * answered / len(answers)) if answers else 0,
        "missing": [answer for answer in answers if not answer.value],
    }


def answer_of(farm: Farm, pk: int) -> Answer:
    return get_object_or_404(Answer.objects.select_related("self_audit__farm", "item"), pk=pk, self_audit__farm=farm)


def missing_answers(audit: SelfAudit) -> list[Answer]:
    return list(audit.answers.filter(value="").select_related("item"))


def answer_for(membership: Membership | None, pk: int) -> Answer:
    """An answer (with its farm), if the membership may read the farm's approval file: 404, else 403."""
    answer = get_object_or_404(Answer.objects.select_related("self_audit__farm__provider"), pk=pk)
    farm = answer.self_audit.farm
    access.require(access.can_view_approval_file(membership, farm, auditor_ids_of(farm)))
    return answer


def deviation_for(membership: Membership | None, pk: int) -> Deviation:
    """A deviation of the membership's own farm, which it keeps the approval file of (see own_farm_for);
    404 for any other farm's deviation."""
    farm = own_farm_for(membership)
    deviation = deviation_of(farm, pk)
    deviation.farm = farm  # the one read with the membership, as the page shows it
    return deviation


def open_deviations(farm: Farm) -> list[Deviation]:
    return list(
        Deviation.objects.filter(farm=farm)
        .exclude(status=DeviationStatus.VERIFIED)
        .select_related("item", "evidence")
        .order_by("deadline", "id")
    )


def deviation_of(farm: Farm, pk: int) -> Deviation:
    return get_object_or_404(Deviation.objects.select_related("farm", "item", "evidence"), pk=pk, farm=farm)
