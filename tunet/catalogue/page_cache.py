"""The public catalogue page, kept ready per search.

Anonymous visitors all see the same page for the same search, and the catalogue changes far less
often than it is read. So a rendered page is kept per search (address, partial or whole page,
day, language) under the catalogue's *version*, which every change to a farm, offer, photo or
approval replaces (signals.py). A change is visible at once in the process that made it and,
with a shared cache (Redis, see README), everywhere; with the default per-process cache, other
processes catch up within CATALOGUE_CACHE_SECONDS.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import get_language

VERSION_KEY = "catalogue:version"


def version():
    current = cache.get(VERSION_KEY)
    if current is None:
        current = time.time_ns()
        cache.add(VERSION_KEY, current, None)
        current = cache.get(VERSION_KEY, current)
    return current


def bump_version(**_signal_kwargs):
    cache.set(VERSION_KEY, time.time_ns(), None)


def cacheable(request):
    """Only pages that are the same for everyone: anonymous, no session (so no messages, no CSRF token)."""
    return (
        settings.CATALOGUE_CACHE_SECONDS > 0
        and request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.user.is_authenticated
    )


def _key(request, variant):
    search = "&".join(sorted(request.GET.urlencode().split("&")))
    raw = f"{version()}|{timezone.localdate()}|{get_language()}|{variant}|{request.path}|{search}"
    return "catalogue:page:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_response(request, variant, render):
    """The kept page for this search, or render() it, keep it and return it."""
    if not cacheable(request):
        return render()
    key = _key(request, variant)
    kept = cache.get(key)
    if kept is not None:
        content, content_type = kept
        return HttpResponse(content, content_type=content_type)
    response = render()
    if response.status_code == 200:
        cache.set(key, (response.content, response["Content-Type"]), settings.CATALOGUE_CACHE_SECONDS)
    return response
