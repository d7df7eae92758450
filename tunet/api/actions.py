"""Creating and revoking API clients: the organisation's administrator does it on the clients page."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.accounts.models import Membership, Organisation, User
from tunet.core.rules import NotAllowed

from .models import ApiClient, Scope

TOKEN_PREFIX = "tunet"
LONGEST_DAYS = 2 * 366


def digest(secret: str) -> str:
    """The stored form of a secret. It has 256 random bits, so a fast hash is as safe as a slow one."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def do_create_api_client(
    membership: Membership, organisation: Organisation, name: str, scopes: list[str], days: int
) -> tuple[ApiClient, str]:
    """A new client and its token, tunet_<key>_<secret>: shown once, only its digest is kept."""
    access.require(access.can_manage_api_clients(membership, organisation))
    if access.api_client_role(organisation) is None:
        raise NotAllowed(_("Only farms, municipalities and NAV offices can have API clients."))
    if not scopes or any(scope not in Scope.values for scope in scopes):
        raise NotAllowed(_("Choose what the client may do."))
    if not 1 <= days <= LONGEST_DAYS:
        raise NotAllowed(_("A client can be valid for at most two years."))
    key = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    user = User.objects.create_user(
        email=f"api-{key}@klienter.tunet.invalid",
        password=None,
        full_name=_("API client «%(name)s», %(organisation)s") % {"name": name, "organisation": organisation.name},
        is_active=False,
    )
    now = timezone.now()
    client = ApiClient.objects.create(
        organisation=organisation,
        user=user,
        name=name,
        key=key,
        digest=digest(secret),
        scopes=sorted(set(scopes)),
        expires_at=now + datetime.timedelta(days=days),
        created_by=membership.user,
        created_at=now,
    )
    return client, f"{TOKEN_PREFIX}_{key}_{secret}"


@transaction.atomic
def do_revoke_api_client(membership: Membership, client: ApiClient) -> ApiClient:
    """The client's key stops working at once. Revoking twice changes nothing."""
    access.require(access.can_manage_api_clients(membership, client.organisation))
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.revoked_by = membership.user
        client.save(update_fields=["revoked_at", "revoked_by"])
    return client
