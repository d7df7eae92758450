"""The header menu and the start page's «what you can do next», as each app declares them.

Each app that has pages of its own lists them in a module `menu.py` beside its models:

    MENU = [MenuItem(order=40, label=_("Buying places"), url="purchasing:overview", shows=...)]
    TASKS = [StartTask(order=50, label=..., text=..., url="purchasing:request_new", shows=...)]

and this module collects them from every installed app, the way Django's admin finds admin.py, so
that accounts (which draws the header and the start page) never names another app's pages. `order`
places an entry among those of the other apps; `shows(membership)` says who sees it, with the checks
of accounts.access.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from typing import Any

from django.apps import apps
from django.urls import reverse


@dataclass(frozen=True)
class MenuItem:
    order: int
    label: Any  # a lazy translation
    url: str  # a URL name
    shows: Callable[[Any], bool]  # shows(membership)
    args: Callable[[Any], Sequence[Any]] = field(default=lambda membership: ())

    def href(self, membership: Any) -> str:
        return reverse(self.url, args=self.args(membership))


@dataclass(frozen=True)
class StartTask(MenuItem):
    """A task on the start page: a menu item (its label is the title) with a line that explains it."""

    text: Any = ""


@cache
def _declared() -> tuple[tuple[MenuItem, ...], tuple[StartTask, ...]]:
    menu: list[MenuItem] = []
    tasks: list[StartTask] = []
    for config in apps.get_app_configs():
        name = f"{config.name}.menu"
        if config.name.startswith("tunet.") and find_spec(name) is not None:
            module = import_module(name)
            menu.extend(getattr(module, "MENU", ()))
            tasks.extend(getattr(module, "TASKS", ()))
    return tuple(sorted(menu, key=lambda item: item.order)), tuple(sorted(tasks, key=lambda task: task.order))


def menu_for(membership: Any) -> list[dict[str, str]]:
    """The header's links for this membership, in order: each a dict with label and url."""
    if membership is None:
        return []
    return [{"label": item.label, "url": item.href(membership)} for item in _declared()[0] if item.shows(membership)]


def tasks_for(membership: Any) -> list[dict[str, str]]:
    """The start page's «what you can do next»: each a dict with title, text and url."""
    if membership is None:
        return []
    return [
        {"title": task.label, "text": task.text, "url": task.href(membership)}
        for task in _declared()[1]
        if task.shows(membership)
    ]
