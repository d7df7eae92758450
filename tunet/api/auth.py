"""Who is calling: an API client with its key (the embedded default), or whatever the configured
authentication classes say (API_AUTHENTICATION_CLASSES, e.g. a Maskinporten token check), and what it
may do (its scopes)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from tunet.accounts.models import Membership
from tunet.accounts.throttle import client_address

from . import queries
from .models import ApiClient


class ClientKeyAuthentication(BaseAuthentication):
    """Authorization: Bearer tunet_<key>_<secret>. The user is the client's own (for the access log); the
    auth is the ApiClient."""

    keyword = b"bearer"

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Write the key after «Bearer», with nothing else."))
        client = queries.client_for_token(header[1].decode(errors="replace"))
        if client is None:
            raise exceptions.AuthenticationFailed(_("The key is unknown, has expired or has been revoked."))
        queries.mark_used(client)
        return client.user, client

    def authenticate_header(self, request):
        return 'Bearer realm="tunet"'


def client_of(request) -> ApiClient | None:
    auth = getattr(request, "auth", None)
    return auth if isinstance(auth, ApiClient) else None


def membership_of(request) -> Membership | None:
    """The membership the request acts through: the client's (queries.acting_membership), made once."""
    client = client_of(request)
    if client is None:
        return None
    if not hasattr(request, "_api_membership"):
        request._api_membership = queries.acting_membership(client)
    return request._api_membership


class HasScope(BasePermission):
    """An API client holding the view's `scope` (401 without a client, 403 without the scope)."""

    message = _("The client does not have the scope this needs.")

    def has_permission(self, request, view):
        client = client_of(request)
        if client is None:
            raise exceptions.NotAuthenticated(_("This needs an API client's key."))
        return getattr(view, "scope", None) in client.scopes


class ClientRateThrottle(SimpleRateThrottle):
    """Requests per API client (API_CLIENT_RATE); anonymous callers are counted by address instead."""

    scope = "client"

    def get_cache_key(self, request, view):
        client = client_of(request)
        if client is None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client.key}


class PublicRateThrottle(AnonRateThrottle):
    """Anonymous requests per client address (API_PUBLIC_RATE); the address as accounts.throttle reads it."""

    def get_cache_key(self, request, view):
        if client_of(request) is not None:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_address(request)}
