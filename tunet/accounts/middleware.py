"""Pages for a signed-in person are private and never stored.

Nearly every page a signed-in person sees carries personal data: a participant's details, the farm
day, the access log, their own profile and notifications. A browser's disk cache, a shared computer's
back button or a proxy must not keep a copy, so every response to a signed-in person says
`Cache-Control: no-store, private`, decided here once rather than view by view. A response that sets its
own Cache-Control (a farm photo, a public handbook image, a download already marked no-store) keeps it.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control


class PrivatePagesMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            patch_cache_control(response, no_store=True, private=True)
        return response
