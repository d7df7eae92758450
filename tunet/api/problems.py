"""Errors as RFC 9457 problem details (application/problem+json), with the detail in Norwegian.

Every refusal the pages make comes out here too: the permission layer's 404 and 403, a rule's
NotAllowed (409, with the same Norwegian reason the page shows), and DRF's own errors."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from tunet.core.rules import NotAllowed

PROBLEM = "application/problem+json"


class ProblemJSONRenderer(JSONRenderer):
    """Lets a client that asks for problem+json (Accept) get it; the errors are sent so anyway."""

    media_type = PROBLEM


TITLES = {
    400: gettext_lazy("Bad request"),
    401: gettext_lazy("Not authenticated"),
    403: gettext_lazy("Forbidden"),
    404: gettext_lazy("Not found"),
    405: gettext_lazy("Method not allowed"),
    406: gettext_lazy("Not acceptable"),
    409: gettext_lazy("Not allowed now"),
    415: gettext_lazy("Unsupported media type"),
    422: gettext_lazy("Cannot be processed"),
    429: gettext_lazy("Too many requests"),
}


def problem(status: int, detail: str, request: Any = None, errors: Any = None, **extra: Any) -> Response:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": str(TITLES.get(status, HTTPStatus(status).phrase)),
        "status": status,
    }
    body["detail"] = detail
    if request is not None:
        body["instance"] = request.get_full_path()
    if errors is not None:
        body["errors"] = errors
    body.update(extra)
    return Response(body, status=status, content_type=PROBLEM)


def _detail(data: Any) -> str:
    if isinstance(data, dict) and "detail" in data:
        return str(data["detail"])
    if isinstance(data, list) and data:
        return str(data[0])
    return _("The request has errors; see «errors».")


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    request = context.get("request")
    if isinstance(exc, NotAllowed):
        return problem(409, str(exc), request)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found, or not yours to see."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(_("You may not do this."))
    elif isinstance(exc, exceptions.Throttled):
        # DRF's Norwegian ends in English ("Expected available in ..."): the whole sentence is ours.
        wait = exc.wait
        throttled = exceptions.Throttled(
            detail=_("Too many requests. Try again in %(seconds)d seconds.") % {"seconds": int(wait or 1)}
        )
        throttled.wait = wait  # for the Retry-After header
        exc = throttled
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    errors = response.data if isinstance(exc, exceptions.ValidationError) else None
    body = problem(response.status_code, _detail(response.data), request, errors)
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            body[header] = response[header]
    return body
