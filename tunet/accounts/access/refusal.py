"""The one way to refuse, and the one decorator for "this membership may do X".

An object looked up within what the viewer may see (their own farm's deviation, their own
organisation's member) and not found there is hidden: 404, the viewer may not know it exists.
Anything else the viewer may not do is forbidden: 403. The apps' fetchers (participant_for,
revision_for, ...) call these; views never raise either themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, NoReturn, TypeVar

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from ..models import Membership
from .roles import active_membership, has_perm

T = TypeVar("T")
MemberCheck = Callable[[Membership | None], bool]


def refuse(hidden: bool = False) -> NoReturn:
    """404 when the viewer may not know the object exists (hidden), 403 otherwise."""
    if hidden:
        raise Http404
    raise PermissionDenied


def require(allowed: bool, hidden: bool = False) -> None:
    """Refuse (see refuse()) unless allowed. Fetchers and views call this with one of the checks."""
    if not allowed:
        refuse(hidden)


def found(obj: T | None, hidden: bool = True) -> T:
    """The object, or a refusal when the lookup within the viewer's scope found nothing (404)."""
    if obj is None:
        refuse(hidden)
    return obj


def acting(
    check: MemberCheck | None = None,
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """The one decorator for "this membership may do X": the view needs a login, gets the membership the
    person acts through as its second argument, and is refused (403) unless check(membership) holds.

        @acting(access.can_buy)
        def request_new(request, membership): ...
    """

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            membership = active_membership(request)
            if check is not None:
                require(check(membership))
            return view(request, membership, *args, **kwargs)

        return login_required(wrapped)

    return decorator


def may(perm: str) -> MemberCheck:
    """A check for acting(): the membership's role grants perm (in its own organisation)."""

    def check(membership: Membership | None) -> bool:
        return has_perm(membership, perm)

    check.__name__ = f"may_{perm.replace('.', '_')}"
    return check
