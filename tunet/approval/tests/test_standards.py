"""Standards as data: the versions in force, drafting, editing and publishing, and who may do it."""

import pytest

from tunet.approval import demo_standards, queries
from tunet.approval.models import AppliesWhen, DocumentType, Item, Standard, StandardVersion, VersionStatus

from .factories import standard_with_version

pytestmark = pytest.mark.django_db


# --- The versions in force ---------------------------------------------------------------------------


def test_versions_in_force_are_the_published_ones_in_order_with_contents(django_assert_num_queries):
    second = standard_with_version(name="B", sort_order=2, sections=2, items=2)
    first = standard_with_version(name="A", sort_order=1, sections=1, items=3)
    standard_with_version(standard=first.standard, number=2, status=VersionStatus.DRAFT)
    standard_with_version(standard=second.standard, number=0, status=VersionStatus.RETIRED)
    standard_with_version(name="Bare utkast", status=VersionStatus.DRAFT)

    with django_assert_num_queries(4):
        versions = queries.versions_in_force()
        contents = [
            (v.standard.name, [(s.title, [i.code for i in s.items.all()]) for s in v.sections.all()], v.items.all())
            for v in versions
        ]
    assert [name for name, _sections, _items in contents] == ["A", "B"]
    assert [len(items) for _title, items in contents[1][1]] == [2, 2]
    # All items of a version, section by section, in the order the farm answers them.
    assert [i.code for i in contents[1][2]] == [code for _title, codes in contents[1][1] for code in codes]


# --- Demo content ------------------------------------------------------------------------------------------


def test_the_demo_standards_load_once_and_cover_what_the_scheme_asks_for():
    demo_standards.load()
    counts = (Standard.objects.count(), StandardVersion.objects.count(), Item.objects.count())
    demo_standards.load()
    assert (Standard.objects.count(), StandardVersion.objects.count(), Item.objects.count()) == counts
    assert counts[0] == 3
    versions = queries.versions_in_force()
    assert [v.standard.name for v in versions] == [
        "Generelle krav til gården",
        "Helse, miljø og sikkerhet (HMS)",
        "Inn på tunet",
    ]
    for version in versions:
        assert 3 <= len(version.sections.all()) <= 5
        assert 8 <= len(version.items.all()) <= 16
        assert all(item.requirement and item.guidance for item in version.items.all())
    items = Item.objects.all()
    police = items.get(document_type=DocumentType.POLICE_CERTIFICATE)
    assert police.applies_when == AppliesWhen.UNDER_18
    assert items.filter(applies_when=AppliesWhen.ANIMALS, requirement__icontains="Mattilsynet").exists()
    assert items.filter(applies_when=AppliesWhen.TRANSPORT, requirement__icontains="setebelte").exists()
    for kind in (
        DocumentType.EMERGENCY_PLAN,
        DocumentType.RISK_PARTICIPANT,
        DocumentType.RISK_BUYER,
        DocumentType.INSURANCE,
        DocumentType.HMS_TRAINING,
        DocumentType.FIRE_INSPECTION,
    ):
        assert items.filter(document_type=kind).exists(), kind
    assert items.filter(requirement__icontains="låst skap").exists()
    assert items.filter(requirement__icontains="taushetserklæring").exists()
