"""The API clients page: who may open it, the key shown once and stored as a digest, revoking."""

import pytest
from django.urls import reverse

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.api.models import ApiClient
from tunet.purchasing.tests.scene import buyer

from .helpers import api_client

pytestmark = pytest.mark.django_db


def as_(client, membership):
    client.force_login(membership.user)
    return client


@pytest.fixture
def admin():
    return member(Role.ADMIN)  # a municipality's administrator


def test_anonymous_is_sent_to_log_in(client, admin):
    response = client.get(reverse("api:clients", args=[admin.organisation.pk]))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("who", "status"),
    [("admin", 200), ("case_worker", 403), ("other_admin", 403), ("farmer", 200), ("farm_staff", 403)],
)
def test_who_may_manage_clients(client, admin, who, status):
    people = {
        "admin": admin,
        "case_worker": member(Role.CASE_WORKER, admin.organisation),
        "other_admin": member(Role.ADMIN),
    }
    if who in {"farmer", "farm_staff"}:
        farmer = member(Role.FARMER)
        people = {"farmer": farmer, "farm_staff": member(Role.FARM_STAFF, farmer.organisation)}
    membership = people[who]
    organisation = admin.organisation if who != "farm_staff" and who != "farmer" else membership.organisation
    response = as_(client, membership).get(reverse("api:clients", args=[organisation.pk]))
    assert response.status_code == status


def test_the_key_is_shown_once_and_kept_only_as_a_digest(client, admin):
    url = reverse("api:clients", args=[admin.organisation.pk])
    response = as_(client, admin).post(url, {"name": "Fagsystemet", "scopes": ["placements:read"], "days": 90})
    assert response.status_code == 200
    token = response.context["token"]
    assert token.startswith("tunet_")
    stored = ApiClient.objects.get()
    assert token.split("_", 2)[2] not in (stored.digest, stored.key)
    assert stored.scopes == ["placements:read"]
    assert not stored.user.is_active
    assert not stored.user.has_usable_password()
    assert token not in client.get(url).content.decode()


def test_a_client_needs_a_scope(client, admin):
    url = reverse("api:clients", args=[admin.organisation.pk])
    response = as_(client, admin).post(url, {"name": "Fagsystemet", "days": 90})
    assert response.status_code == 400
    assert not ApiClient.objects.exists()


def test_revoking_stops_the_key_and_another_organisation_cannot_revoke(client, admin):
    api, _token = api_client(admin.organisation)
    other = buyer("3301")
    other_admin = member(Role.ADMIN, other.organisation)
    url = reverse("api:revoke", args=[admin.organisation.pk, api.pk])
    assert as_(client, other_admin).post(url).status_code == 403
    foreign = reverse("api:revoke", args=[other.organisation.pk, api.pk])
    assert client.post(foreign).status_code == 404
    api.refresh_from_db()
    assert api.revoked_at is None
    assert as_(client, admin).post(url).status_code == 302
    api.refresh_from_db()
    assert api.revoked_at is not None
    assert not api.is_usable()
