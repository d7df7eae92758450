"""The one way to refuse and the one decorator for acting as a member (access.refuse, access.acting)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from tunet.accounts import access
from tunet.accounts.models import Role
from tunet.accounts.tests.factories import member


def test_a_hidden_object_is_not_found_and_anything_else_is_forbidden():
    with pytest.raises(Http404):
        access.refuse(hidden=True)
    with pytest.raises(PermissionDenied):
        access.refuse()
    with pytest.raises(Http404):
        access.require(False, hidden=True)
    with pytest.raises(PermissionDenied):
        access.require(False)
    access.require(True)


def test_found_returns_the_object_and_refuses_nothing_as_not_found():
    thing = object()
    assert access.found(thing) is thing
    with pytest.raises(Http404):
        access.found(None)


def _request(user):
    request = RequestFactory().get("/x/")
    request.user = user
    request.session = SessionStore()
    return request


@access.acting(access.can_buy)
def _buyers_only(request, membership, pk):
    return HttpResponse(f"{membership.organisation.name}:{pk}")


@access.acting()
def _any_member(request, membership):
    return HttpResponse(str(membership is None))


@pytest.mark.django_db
def test_acting_passes_the_membership_when_the_check_holds():
    buyer = member(Role.CASE_WORKER)
    response = _buyers_only(_request(buyer.user), pk=7)
    assert response.content.decode() == f"{buyer.organisation.name}:7"


@pytest.mark.django_db
def test_acting_refuses_with_403_when_the_check_fails():
    with pytest.raises(PermissionDenied):
        _buyers_only(_request(member(Role.FARMER).user), pk=7)


@pytest.mark.django_db
def test_acting_sends_an_anonymous_visitor_to_the_login(settings):
    response = _buyers_only(_request(AnonymousUser()), pk=7)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))


@pytest.mark.django_db
def test_acting_without_a_check_needs_only_a_login():
    assert _any_member(_request(member(Role.AUDITOR).user)).content == b"False"


@pytest.mark.django_db
def test_may_checks_one_permission_of_the_role():
    assert access.may(access.Perm.AUDIT_FARMS)(member(Role.AUDITOR))
    assert not access.may(access.Perm.AUDIT_FARMS)(member(Role.FARMER))
    assert not access.may(access.Perm.AUDIT_FARMS)(None)
