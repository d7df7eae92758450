"""Reads of the approval scheme that depend on who is asking, with what each page needs."""

import datetime

from django.db.models import Count, Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from .models import (
    Deviation,
    Document,
    DocumentType,
    Item,
    Revision,
    Section,
    Standard,
    StandardVersion,
    VersionStatus,
)

# --- Standards -------------------------------------------------------------------------------------


def _items_in_order():
    return Item.objects.order_by("section__position", "section_id", "position", "id")


def _with_contents(versions):
    """Versions with their standard, sections (each with its items) and all items in reading order."""
    sections = Section.objects.order_by("position", "id").prefetch_related(
        Prefetch("items", queryset=Item.objects.order_by("position", "id"))
    )
    return versions.select_related("standard").prefetch_related(
        Prefetch("sections", queryset=sections), Prefetch("items", queryset=_items_in_order())
    )


def versions_in_force():
    """The published version of every standard, in the standards' order, each with
    version.sections.all() (with section.items.all()) and version.items.all() prefetched (four queries).

    A self-audit started now answers these versions; publishing a new one later does not change it.
    """
    return list(
        _with_contents(StandardVersion.objects.filter(status=VersionStatus.PUBLISHED)).order_by(
            "standard__sort_order", "standard__name"
        )
    )


def standards_overview():
    """Every standard with .in_force and .draft (a version or None), each with .item_count (two queries)."""
    current = StandardVersion.objects.exclude(status=VersionStatus.RETIRED).annotate(item_count=Count("items"))
    standards = list(Standard.objects.prefetch_related(Prefetch("versions", queryset=current, to_attr="current")))
    for standard in standards:
        standard.in_force = next((v for v in standard.current if v.status == VersionStatus.PUBLISHED), None)
        standard.draft = next((v for v in standard.current if v.status == VersionStatus.DRAFT), None)
    return standards


def standard_by_code(code):
    """A standard with every version (newest first) as .version_list, for its page's list of versions."""
    standard = get_object_or_404(Standard, code=code)
    standard.version_list = list(standard.versions.order_by("-number"))
    return standard


def version_page(standard, number):
    """One version of the standard with its sections and items, for reading or editing."""
    return get_object_or_404(_with_contents(StandardVersion.objects.filter(standard=standard)), number=number)


# --- Documents -------------------------------------------------------------------------------------

# How far ahead a document's valid-until date turns it into "expires soon", on the vault and for auditors.
EXPIRES_SOON_DAYS = 30


def document_state(document, today=None):
    """The warning a document carries: "expired", "soon" (within EXPIRES_SOON_DAYS) or ""."""
    today = today or timezone.localdate()
    if document.has_expired(today):
        return "expired"
    if document.expires_within(EXPIRES_SOON_DAYS, today):
        return "soon"
    return ""


def documents_of(farm, today=None):
    """The farm's documents by type then newest first, each with .state (see document_state). One query."""
    documents = list(
        Document.objects.filter(farm=farm).select_related("uploaded_by").order_by("kind", "-uploaded_at", "-id")
    )
    for document in documents:
        document.state = document_state(document, today)
    return documents


def documents_by_kind(farm, today=None):
    """[(kind label, [documents])] in the order of DocumentType, leaving out types with no document."""
    documents = documents_of(farm, today)
    return [
        (label, group)
        for value, label in DocumentType.choices
        if (group := [document for document in documents if document.kind == value])
    ]


def expiring_documents(farm, today=None, days=EXPIRES_SOON_DAYS):
    """The farm's documents already expired or expiring within days, soonest first, each with .state."""
    today = today or timezone.localdate()
    documents = list(
        Document.objects.filter(farm=farm, valid_until__lte=today + datetime.timedelta(days=days)).order_by(
            "valid_until", "id"
        )
    )
    for document in documents:
        document.state = document_state(document, today)
    return documents


def document_of(pk):
    """A document with its farm and the farm's provider, for the permission check before serving it."""
    return get_object_or_404(Document.objects.select_related("farm__provider"), pk=pk)


def auditor_ids_of(farm):
    """The users assigned to any revision of the farm: the auditors who may read its approval file."""
    return set(Revision.objects.filter(farm=farm).values_list("auditor_id", flat=True))


def is_evidence(document):
    """Whether a deviation's closing rests on the document (then it must be kept)."""
    return Deviation.objects.filter(evidence=document).exists()


# --- Self-audit ------------------------------------------------------------------------------------


# --- Revision and deviations -------------------------------------------------------------------------


# --- Overviews ---------------------------------------------------------------------------------------
