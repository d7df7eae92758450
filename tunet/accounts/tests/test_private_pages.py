"""Pages shown to a signed-in person carry personal data (participants, the farm day, their own
profile and notifications): no browser or proxy may keep a copy."""

import pytest
from django.urls import reverse

from tunet.care.tests.factories import deal_with_staff, participant, placed

pytestmark = pytest.mark.django_db


def _directives(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.fixture
def deal():
    deal = deal_with_staff()
    deal.person = participant(deal.buyer)
    placed(deal, deal.person)
    return deal


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("buyer", lambda d: reverse("care:participant", args=[d.person.pk])),
        ("buyer", lambda d: reverse("care:participants")),
        ("buyer", lambda d: reverse("care:access_log", args=[d.person.pk])),
        ("staff", lambda d: reverse("daily:day")),
        ("staff", lambda d: reverse("accounts:profile")),
        ("staff", lambda d: reverse("core:notifications")),
        ("farmer", lambda d: reverse("accounts:start")),
    ],
)
def test_pages_for_a_signed_in_person_are_never_stored(client, deal, who, url):
    client.force_login(getattr(deal, who).user)
    response = client.get(url(deal))
    assert response.status_code == 200
    assert {"no-store", "private"} <= _directives(response)


def test_a_refusal_is_not_stored_either(client, deal):
    client.force_login(deal_with_staff().buyer.user)
    response = client.get(reverse("care:participant", args=[deal.person.pk]))
    assert response.status_code == 403
    assert {"no-store", "private"} <= _directives(response)


def test_public_pages_for_anonymous_visitors_are_left_alone(client):
    response = client.get(reverse("core:front"))
    assert response.status_code == 200
    assert "no-store" not in _directives(response)
