"""After a placement ends the farm keeps only what its own history needs (the name, attendance and the
invoice basis), and only for FARM_HISTORY_YEARS; the buyer keeps everything."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tunet.care.models import Goal, PlacementStatus, RiskAssessment

from .factories import deal_with_staff, participant, placed

pytestmark = pytest.mark.django_db

DETAILS = ("Prøvevegen 99", "411 22 333", "Nøtter og veps", "Redd for traktor", "Trives i fjøset", "Kan gå seg bort")


@pytest.fixture
def ended():
    deal = deal_with_staff()
    person = participant(
        deal.buyer,
        first_name="Oddvar",
        last_name="Sluttet",
        street_address="Prøvevegen 99",
        phone="411 22 333",
        allergies="Nøtter og veps",
        fears="Redd for traktor",
    )
    last_day = timezone.localdate() - datetime.timedelta(days=3)
    placement = placed(
        deal,
        person,
        start=last_day - datetime.timedelta(days=60),
        status=PlacementStatus.ENDED,
        ended_on=last_day,
        end_reason="health",
    )
    Goal.objects.create(placement=placement, title="Trives i fjøset", created_by=deal.buyer.user)
    RiskAssessment.objects.create(
        participant=person,
        farm=deal.farm,
        hazards="Kan gå seg bort",
        measures="Følges ute",
        reviewed_on=last_day - datetime.timedelta(days=50),
        updated_by=deal.farmer.user,
    )
    return deal, person, placement


def _pages(client, person, placement):
    month = placement.ended_on
    return {
        "participant": client.get(reverse("care:participant", args=[person.pk])),
        "placement": client.get(reverse("care:placement", args=[placement.pk])),
        "list": client.get(reverse("care:participants")),
        "attendance": client.get(reverse("daily:attendance_report", args=[placement.pk, month.year, month.month])),
    }


@pytest.mark.parametrize("who", ["farmer", "staff"])
def test_after_the_end_the_farm_reads_the_name_and_attendance_but_no_details(client, ended, who):
    deal, person, placement = ended
    client.force_login(getattr(deal, who).user)
    pages = _pages(client, person, placement)
    for name, response in pages.items():
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "Oddvar" in html, name
        for detail in DETAILS:
            assert detail not in html, (name, detail)
    assert client.get(reverse("care:risk", args=[person.pk])).status_code == 403


def test_the_buyer_keeps_reading_everything(client, ended):
    deal, person, placement = ended
    client.force_login(deal.buyer.user)
    html = client.get(reverse("care:participant", args=[person.pk])).content.decode()
    assert all(detail in html for detail in ("Prøvevegen 99", "Nøtter og veps", "Redd for traktor"))


def test_a_new_place_on_the_farm_shows_the_details_again(client, ended):
    deal, person, _placement = ended
    placed(deal, person)
    client.force_login(deal.staff.user)
    html = client.get(reverse("care:participant", args=[person.pk])).content.decode()
    assert "Nøtter og veps" in html


def test_after_the_history_years_the_farm_sees_the_participant_no_more(client, ended, settings):
    deal, person, placement = ended
    later = placement.ended_on + datetime.timedelta(days=365 * settings.FARM_HISTORY_YEARS + 2)
    with time_machine.travel(datetime.datetime.combine(later, datetime.time(12)).astimezone(), tick=False):
        client.force_login(deal.farmer.user)
        pages = _pages(client, person, placement)
        assert pages["participant"].status_code in (403, 404)
        assert pages["placement"].status_code in (403, 404)
        assert pages["attendance"].status_code in (403, 404)
        assert "Oddvar" not in pages["list"].content.decode()
        client.force_login(deal.buyer.user)
        assert client.get(reverse("care:participant", args=[person.pk])).status_code == 200
