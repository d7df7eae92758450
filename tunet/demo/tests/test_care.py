"""The demo's participants load on top of the purchasing demo, once, however often it runs."""

import datetime

import pytest
from django.utils import timezone

from tunet.care import queries
from tunet.care.models import Participant, PlacementStatus
from tunet.catalogue.models import Farm
from tunet.demo import load as demo

pytestmark = pytest.mark.django_db


def test_demo_places_participants_and_is_idempotent():
    organisations = demo.load()
    count = Participant.objects.count()
    demo.load()
    assert Participant.objects.count() == count == 5
    skien = Participant.objects.filter(buyer=organisations["skien"])
    assert skien.filter(protected=True, named_people__email="gardbruker@tunet.example").exists()
    nav = Participant.objects.get(buyer=organisations["nav-haugesund"])
    assert nav.placements.get().planned_end is not None
    farm = Farm.objects.get(provider=organisations["solbakken"])
    coming = [timezone.localdate() + datetime.timedelta(days=n) for n in range(7)]
    assert any(queries.placements_on(farm, day) for day in coming)
    assert skien.filter(placements__status=PlacementStatus.ENDED).count() == 1
