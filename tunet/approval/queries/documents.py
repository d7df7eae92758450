"""Reads of the farm's vault of documents, and who may read it."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.shortcuts import get_object_or_404
from django.utils import timezone

from tunet.accounts import access
from tunet.catalogue.queries import farm_of

from ..models import SENSITIVE_DOCUMENTS, Deviation, Document, DocumentType, Revision

if TYPE_CHECKING:
    from tunet.accounts.models import Membership
    from tunet.catalogue.models import Farm

# How far ahead a document's valid-until date turns it into "expires soon", on the vault and for auditors.
EXPIRES_SOON_DAYS = 30


def document_state(document: Document, today: datetime.date | None = None) -> str:
    """The warning a document carries: "expired", "soon" (within EXPIRES_SOON_DAYS) or ""."""
    today = today or timezone.localdate()
    if document.has_expired(today):
        return "expired"
    if document.expires_within(EXPIRES_SOON_DAYS, today):
        return "soon"
    return ""


def _shown(farm: Farm, sensitive: bool) -> Any:
    documents = Document.objects.filter(farm=farm)
    return documents if sensitive else documents.exclude(kind__in=SENSITIVE_DOCUMENTS)


def shows_sensitive(membership: Membership | None, farm: Farm) -> bool:
    """Whether the membership reads the farm's police certificates and risk documents (the `sensitive`
    argument of the lists below)."""
    assigned = auditor_ids_of(farm) if access.has_perm(membership, access.Perm.AUDIT_FARMS) else set()
    return access.can_view_sensitive_documents(membership, farm, assigned)


def documents_of(farm: Farm, today: datetime.date | None = None, *, sensitive: bool = True) -> list[Any]:
    """The farm's documents by type then newest first, each with .state (see document_state); without
    the sensitive types unless `sensitive` (see shows_sensitive). One query."""
    documents: list[Any] = list(
        _shown(farm, sensitive).select_related("uploaded_by").order_by("kind", "-uploaded_at", "-id")
    )
    for document in documents:
        document.state = document_state(document, today)
    return documents


def documents_by_kind(
    farm: Farm, today: datetime.date | None = None, *, sensitive: bool = True
) -> list[tuple[Any, list[Any]]]:
    """[(kind label, [documents])] in the order of DocumentType, leaving out types with no document."""
    documents = documents_of(farm, today, sensitive=sensitive)
    return [
        (label, group)
        for value, label in DocumentType.choices
        if (group := [document for document in documents if document.kind == value])
    ]


def expiring_documents(
    farm: Farm, today: datetime.date | None = None, days: int = EXPIRES_SOON_DAYS, *, sensitive: bool = True
) -> list[Any]:
    """The farm's documents already expired or expiring within days, soonest first, each with .state."""
    today = today or timezone.localdate()
    documents: list[Any] = list(
        _shown(farm, sensitive)
        .filter(valid_until__lte=today + datetime.timedelta(days=days))
        .order_by("valid_until", "id")
    )
    for document in documents:
        document.state = document_state(document, today)
    return documents


def document_for(membership: Membership | None, pk: int, *, keep: bool = False) -> Document:
    """A document with its farm and the farm's provider, if the membership may read the farm's approval
    file, and for a police certificate or risk document its sensitive part (with keep: may keep it, as to
    delete the document); 404 when there is none, else 403."""
    document = get_object_or_404(Document.objects.select_related("farm__provider"), pk=pk)
    if keep:
        access.require(access.can_keep_approval_file(membership, document.farm))
    else:
        farm = document.farm
        assigned = auditor_ids_of(farm)
        access.require(access.can_view_approval_file(membership, farm, assigned))
        if document.is_sensitive:
            access.require(access.can_view_sensitive_documents(membership, farm, assigned))
    return document


def vault_farm_for(membership: Membership | None) -> Farm | None:
    """The farm whose vault the membership sees: its own. None for one who may create the farm and has
    not yet (the page sends them to create it); refused (403) for everyone else without a farm."""
    farm = farm_of(membership)
    if farm is None and access.can_create_farm(membership):
        return None
    access.require(farm is not None and access.can_view_approval_file(membership, farm))
    return farm


def auditor_ids_of(farm: Farm) -> set[int]:
    """The users assigned to any revision of the farm: the auditors who may read its approval file."""
    return set(Revision.objects.filter(farm=farm).values_list("auditor_id", flat=True))


def is_evidence(document: Document) -> bool:
    """Whether a deviation's closing rests on the document (then it must be kept)."""
    return Deviation.objects.filter(evidence=document).exists()
