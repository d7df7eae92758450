"""The one way a view runs an action: attempt() and submitted() show a refusal, never raise it."""

import pytest
from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from tunet.core.rules import NotAllowed, attempt, submitted


class NameForm(forms.Form):
    name = forms.CharField()


def _request(method="post", data=None):
    request = getattr(RequestFactory(), method)("/x/", data or {})
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _rename(thing, *, name):
    if name == "nei":
        raise NotAllowed("Det går ikke nå.")
    thing["name"] = name
    return name.upper()


def test_attempt_returns_what_the_action_returns():
    thing = {}
    done = attempt(_request(), _rename, thing, name="ku")
    assert done
    assert done.result == "KU"
    assert thing == {"name": "ku"}


def test_a_refusal_without_a_form_becomes_a_message():
    request = _request()
    done = attempt(request, _rename, {}, name="nei")
    assert not done
    assert done.result is None
    assert [str(m) for m in get_messages(request)] == ["Det går ikke nå."]


def test_a_refusal_with_a_form_stands_above_its_fields_and_keeps_what_was_typed():
    request = _request(data={"name": "nei"})
    form = NameForm(request.POST)
    done = submitted(request, form, _rename, {})
    assert not done
    assert form.non_field_errors() == ["Det går ikke nå."]
    assert form["name"].value() == "nei"
    assert list(get_messages(request)) == []


def test_submitted_runs_the_action_with_the_cleaned_data():
    thing = {}
    request = _request(data={"name": "geit"})
    done = submitted(request, NameForm(request.POST), _rename, thing)
    assert done.result == "GEIT"
    assert thing == {"name": "geit"}


@pytest.mark.parametrize(("method", "data"), [("get", {}), ("post", {"name": ""})])
def test_submitted_does_nothing_on_get_or_with_errors_in_the_form(method, data):
    thing = {}
    request = _request(method, data)
    assert not submitted(request, NameForm(request.POST or None), _rename, thing)
    assert thing == {}
