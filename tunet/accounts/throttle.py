"""Who is knocking, and how often: the client's real address behind the configured proxies, and the
limits on logins from one address.

django-axes locks an e-mail address together with the client address after AXES_FAILURE_LIMIT wrong
passwords (AXES_LOCKOUT_PARAMETERS). It asks client_address() for the address (AXES_CLIENT_IP_CALLABLE),
so behind a load balancer one person's guessing does not lock everyone out. Guessing one password for
many accounts (spraying) never reaches the per-account limit, so address_is_throttled() also counts
the failures from one address over all accounts.

within_limit() counts other requests (asking for a new password) in the shared cache: with more than
one app server, set REDIS_URL so they count together.
"""

from __future__ import annotations

import hashlib
import ipaddress

from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone


def client_address(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind PROXY_COUNT reverse proxies the address the first of
    them saw, which is the PROXY_COUNT-th from the right in X-Forwarded-For (each proxy appends the
    address it was reached from). Entries further left are written by the client and never trusted; a
    header with too few entries (a request that went around the proxies) counts as REMOTE_ADDR."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = int(getattr(settings, "PROXY_COUNT", 0) or 0)
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def address_is_throttled(request: HttpRequest) -> bool:
    """Whether the client's address has had LOGIN_ADDRESS_FAILURE_LIMIT failed logins, over all accounts,
    within the lockout's cool-off time: then every login from it waits, even with a right password."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    failures = AccessAttempt.objects.filter(ip_address=client_address(request), attempt_time__gte=since).aggregate(
        total=Sum("failures_since_start")
    )["total"]
    return (failures or 0) >= settings.LOGIN_ADDRESS_FAILURE_LIMIT


def within_limit(kind: str, key: str, limit: int, seconds: int = 3600) -> bool:
    """Count one more request of this kind for this key (an address, an e-mail address) and say whether
    it is within limit requests per `seconds`. The key is stored hashed."""
    name = f"throttle:{kind}:{hashlib.sha256(key.encode()).hexdigest()}"
    cache.add(name, 0, seconds)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr
        cache.set(name, 1, seconds)
        count = 1
    return count <= limit
