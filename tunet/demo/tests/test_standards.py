"""The demo standards: loading twice changes nothing, and they cover what the scheme asks for."""

import pytest

from tunet.approval import queries
from tunet.approval.models import AppliesWhen, DocumentType, Item, Standard, StandardVersion
from tunet.demo import standards as demo_standards

pytestmark = pytest.mark.django_db


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
