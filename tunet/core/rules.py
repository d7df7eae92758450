"""What every app's actions raise when the rules forbid a change now, and the one way a view runs an
action.

Actions raise PermissionDenied when the person may never do it (a 403, see accounts.access.refuse), and
NotAllowed when the rules forbid it at this moment (a closed request, a full farm, a signed version):
the view shows the reason and lets the person carry on.

A view runs every action through attempt() (or submitted() when a form feeds it), never through its own
try/except: a refusal is shown the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.http import HttpRequest

T = TypeVar("T")


class NotAllowed(Exception):
    """A change the rules forbid now; the message says why, in Norwegian."""


@dataclass(frozen=True)
class Attempt(Generic[T]):
    """What came of running an action: true when it was done, with what the action returned."""

    done: bool
    result: T | None = None

    def __bool__(self) -> bool:
        return self.done


def attempt(
    request: HttpRequest,
    action: Callable[..., T],
    /,
    *args: Any,
    form: forms.BaseForm | None = None,
    **kwargs: Any,
) -> Attempt[T]:
    """Run action(*args, **kwargs). A refusal by the rules is shown to the person: as an error above
    the form's fields when a form is given (the page is rendered again with what they typed), else as
    an error message on the page the view redirects to."""
    try:
        return Attempt(True, action(*args, **kwargs))
    except NotAllowed as refusal:
        if form is not None:
            form.add_error(None, str(refusal))
        else:
            messages.error(request, str(refusal))
        return Attempt(False)


def submitted(
    request: HttpRequest,
    form: forms.BaseForm,
    action: Callable[..., T],
    /,
    *args: Any,
    **kwargs: Any,
) -> Attempt[T]:
    """For a form posted to the view: when it is valid, run action(*args, **form.cleaned_data, **kwargs)
    through attempt(). Not done on GET, on errors in the form, or when the rules refuse."""
    if request.method != "POST" or not form.is_valid():
        return Attempt(False)
    return attempt(request, action, *args, form=form, **{**form.cleaned_data, **kwargs})
