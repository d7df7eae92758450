"""Reads of the standards, for the approval body's pages and for starting a self-audit."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, QuerySet
from django.shortcuts import get_object_or_404

from ..models import Item, Section, Standard, StandardVersion, VersionStatus


def _items_in_order() -> QuerySet[Item]:
    return Item.objects.order_by("section__position", "section_id", "position", "id")


def _with_contents(versions: QuerySet[StandardVersion]) -> QuerySet[StandardVersion]:
    """Versions with their standard, sections (each with its items) and all items in reading order."""
    sections = Section.objects.order_by("position", "id").prefetch_related(
        Prefetch("items", queryset=Item.objects.order_by("position", "id"))
    )
    return versions.select_related("standard").prefetch_related(
        Prefetch("sections", queryset=sections), Prefetch("items", queryset=_items_in_order())
    )


def versions_in_force() -> list[StandardVersion]:
    """The published version of every standard, in the standards' order, each with
    version.sections.all() (with section.items.all()) and version.items.all() prefetched (four queries).

    A self-audit started now answers these versions; publishing a new one later does not change it.
    """
    return list(
        _with_contents(StandardVersion.objects.filter(status=VersionStatus.PUBLISHED)).order_by(
            "standard__sort_order", "standard__name"
        )
    )


def standards_overview() -> list[Any]:
    """Every standard with .in_force and .draft (a version or None), each with .item_count (two queries)."""
    current = StandardVersion.objects.exclude(status=VersionStatus.RETIRED).annotate(item_count=Count("items"))
    standards: list[Any] = list(
        Standard.objects.prefetch_related(Prefetch("versions", queryset=current, to_attr="current"))
    )
    for standard in standards:
        standard.in_force = next((v for v in standard.current if v.status == VersionStatus.PUBLISHED), None)
        standard.draft = next((v for v in standard.current if v.status == VersionStatus.DRAFT), None)
    return standards


def standard_by_code(code: str) -> Any:
    """A standard with every version (newest first) as .version_list, for its page's list of versions."""
    standard: Any = get_object_or_404(Standard, code=code)
    standard.version_list = list(standard.versions.order_by("-number"))
    return standard


def version_page(standard: Standard, number: int) -> StandardVersion:
    """One version of the standard with its sections and items, for reading or editing."""
    return get_object_or_404(_with_contents(StandardVersion.objects.filter(standard=standard)), number=number)
