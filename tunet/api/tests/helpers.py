"""API clients for tests, and a scene with a buyer, a farm, an agreement and participants."""

import datetime

from django.utils import timezone

from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member
from tunet.api import actions
from tunet.api.models import ApiClient, Scope

ALL_SCOPES = list(Scope.values)


def api_client(organisation, scopes=None, *, expired=False, revoked=False, name="Fagsystemet"):
    """(ApiClient, token) for the organisation, made by its administrator the way the page makes it."""
    admin = member(Role.ADMIN, organisation)
    client, token = actions.do_create_api_client(admin, organisation, name, scopes or ALL_SCOPES, 30)
    if expired:
        ApiClient.objects.filter(pk=client.pk).update(
            created_at=timezone.now() - datetime.timedelta(days=40),
            expires_at=timezone.now() - datetime.timedelta(days=1),
        )
    if revoked:
        actions.do_revoke_api_client(admin, client)
    return client, token


def bearer(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}
