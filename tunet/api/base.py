"""What every endpoint shares: cursor pagination, ETag on lists, the client's membership, the access
log of participant data, and Idempotency-Key on writes."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.http import HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags, quote_etag
from django.utils.translation import gettext as _
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from tunet.accounts import access
from tunet.accounts.models import Membership

from .auth import HasScope, client_of, membership_of
from .models import IdempotencyRecord
from .problems import problem


class Cursor(CursorPagination):
    """Opaque cursors (stable while rows are added), 50 a page, up to 200 with page_size."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "id"
    page_size_query_description = "Antall per side (høyst 200)."
    cursor_query_description = "Pekeren til neste eller forrige side, fra «next» eller «previous»."


class WithETag:
    """GET answers carry a strong ETag of their body; If-None-Match with it gets 304 and no body."""

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # An id no database column holds is simply not there (SQLite would overflow on it).
        if not 0 < int(kwargs.get("pk", 1)) < 2**63:
            raise NotFound
        # No text column holds a NUL character (PostgreSQL refuses it outright): a filter with one is
        # a request we cannot answer, never a server error.
        if any("\x00" in value for values in request.query_params.lists() for value in values[1]):
            raise ValidationError(_("The request contains a character that is not allowed."))

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200 and isinstance(response, Response):
            response.render()
            etag = quote_etag(hashlib.sha256(response.content).hexdigest()[:40])
            response["ETag"] = etag
            wanted = parse_etags(request.headers.get("If-None-Match", ""))
            if etag in wanted or "*" in wanted:
                not_modified = HttpResponseNotModified()
                not_modified["ETag"] = etag
                for header in ("Cache-Control", "Vary"):
                    if header in response:
                        not_modified[header] = response[header]
                return not_modified
        if client_of(request) is not None:
            # A client's answers are its organisation's business: never kept by a proxy.
            patch_cache_control(response, private=True, no_store=True)
        return response


class PublicEndpoint(WithETag, generics.GenericAPIView):
    authentication_classes: list = []
    permission_classes: list = []


class ClientEndpoint(WithETag, generics.GenericAPIView):
    """An endpoint for API clients holding `scope`. self.membership is the client's (auth.membership_of)."""

    permission_classes = [HasScope]
    scope = ""

    @property
    def membership(self) -> Membership | None:
        return membership_of(self.request)

    def log_shown(self, subjects: Iterable[Model], what: str) -> None:
        """The access-log rows for participant data about to be sent, naming the client (its user)."""
        access.log_access_many(
            self.request.user,
            self.membership,
            subjects,
            what,
            self.request.get_full_path(),
        )


class ClientListEndpoint(ClientEndpoint, generics.ListAPIView):
    pagination_class = Cursor


def _fingerprint(request) -> str:
    body = json.dumps(request.data, sort_keys=True, default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def idempotent(view: APIView, request, run) -> Response:
    """Run the write `run()` (an action, answered as a Response) once per Idempotency-Key and client.

    The action and the record of its answer commit together: a repeat with the same key gets the first
    answer again (Idempotent-Replayed: true) and the action is not run; two at once, one runs and the
    other gets its answer; the same key for a different request is refused (422)."""
    client = client_of(request)
    key = request.headers.get("Idempotency-Key", "").strip()
    if client is None or not key:
        return run()
    if len(key) > 200:
        return problem(400, _("The Idempotency-Key is too long (at most 200 characters)."), request)
    fingerprint = _fingerprint(request)

    def replay(record: IdempotencyRecord) -> Response:
        if record.fingerprint != fingerprint:
            return problem(422, _("This Idempotency-Key was used for another request."), request)
        response = Response(record.body, status=record.status)
        response["Idempotent-Replayed"] = "true"
        return response

    if (record := IdempotencyRecord.objects.filter(client=client, key=key).first()) is not None:
        return replay(record)
    try:
        with transaction.atomic():
            response = run()
            if response.status_code < 300:
                IdempotencyRecord.objects.create(
                    client=client, key=key, fingerprint=fingerprint, status=response.status_code, body=response.data
                )
    except IntegrityError:
        # Another request with the same key committed first; this one's action was rolled back with it.
        return replay(IdempotencyRecord.objects.get(client=client, key=key))
    return response


def filters(params: Any, allowed: dict[str, str]) -> dict[str, Any]:
    """{lookup: value} for the query parameters given that name one of the allowed lookups; those on an id
    must be whole numbers (400 otherwise)."""
    found: dict[str, Any] = {}
    for name, lookup in allowed.items():
        value = params.get(name)
        if value in (None, ""):
            continue
        if lookup.endswith("_id"):
            if not str(value).isdigit() or len(str(value)) > 18:
                raise ValidationError({name: [_("Write a whole number.")]})
            value = int(value)
        found[lookup] = value
    return found


def month_param(value: Any) -> tuple[int, int] | None:
    """(year, month) from "YYYY-MM", or None."""
    try:
        year, month = (int(part) for part in str(value).split("-"))
    except ValueError:
        return None
    return (year, month) if 1 <= month <= 12 and 2000 <= year <= 2100 else None
