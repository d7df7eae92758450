"""The catalogue's content, kept ready per search.

Everyone who makes the same search sees the same filters, map and results, and the catalogue
changes far less often than it is read. So the rendered content is kept per search (address,
partial or whole page, day, language) under the catalogue's *version*, which every change to a
farm, offer, photo or approval replaces (signals.py; approval connects its own in
ApprovalConfig.ready). A change is visible at once in the process that made it and, with a shared
cache (Redis, see README), everywhere; with the default per-process cache, other processes catch
up within CATALOGUE_CACHE_SECONDS.
"""

import hashlib
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

VERSION_KEY = "catalogue:version"


def version():
    current = cache.get(VERSION_KEY)
    if current is None:
        current = time.time_ns()
        cache.add(VERSION_KEY, current, None)
        current = cache.get(VERSION_KEY, current)
    return current


def _new_version():
    cache.set(VERSION_KEY, time.time_ns(), None)


def bump_version(**_signal_kwargs):
    """What the catalogue shows has changed: a new version at once, and again once the change is
    committed. Another process may render a page from the data as it was until then; kept under
    the first new version, that page would be served as current."""
    _new_version()
    transaction.on_commit(_new_version)


def _key(request, variant):
    search = "&".join(sorted(request.GET.urlencode().split("&")))
    raw = f"{version()}|{timezone.localdate()}|{get_language()}|{variant}|{request.path}|{search}"
    return "catalogue:page:" + hashlib.sha256(raw.encode()).hexdigest()


def fragment(request, variant, render):
    """The kept HTML for this search, or render() it, keep it and return it.

    What is kept must hold nothing personal (no names, no CSRF token, no messages): the page
    around it, with the header, is rendered for each request.
    """
    if settings.CATALOGUE_CACHE_SECONDS <= 0:
        return render()
    key = _key(request, variant)
    html = cache.get(key)
    if html is None:
        html = render()
        cache.set(key, html, settings.CATALOGUE_CACHE_SECONDS)
    return mark_safe(html)  # noqa: S308 — HTML rendered by our own templates, kept as it was
