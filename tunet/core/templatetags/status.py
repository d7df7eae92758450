"""The colour of every status tag, in one table: `data-color="{{ placement.status|colour:'placement' }}"`.

Designsystemet's colours say the same thing on every page: success is done or in force, info is under
way, warning needs someone to act, danger is a deadline passed or an approval lost, neutral is over.
"""

from collections.abc import Callable
from typing import Any

from django import template

register = template.Library()

# kind -> {value: colour}; "*" is every other value.
COLOURS: dict[str, dict[str, str]] = {
    "approval": {"approved": "success", "pending": "neutral", "*": "danger"},
    "standard_version": {"published": "success", "draft": "warning", "*": "neutral"},
    "deviation": {"verified": "success", "closed": "info", "overdue": "danger", "*": "warning"},
    "review": {"confirmed": "success", "*": "warning"},
    "document": {"expired": "danger", "soon": "warning", "*": "neutral"},
    "request": {"open": "info", "*": "neutral"},
    "proposal": {"accepted": "success", "*": "neutral"},
    "agreement": {"active": "success", "draft": "info", "*": "neutral"},
    "placement": {"active": "success", "referred": "info", "*": "neutral"},
    "placement_change": {"proposed": "warning", "approved": "success", "*": "neutral"},
    "goal": {"achieved": "success", "working": "info", "*": "neutral"},
    "attendance": {"present": "success", "absent_notice": "neutral", "closed": "neutral", "*": "warning"},
    "severity": {"high": "danger", "medium": "warning", "*": "neutral"},
    "message": {"error": "danger", "warning": "warning", "success": "success", "*": "info"},
    "done": {"True": "success", "*": "warning"},
}

# Kinds whose colour depends on more than one field: the object is given, and this says its value.
_VALUE_OF: dict[str, Callable[[Any], str]] = {
    "deviation": lambda deviation: "overdue" if deviation.is_overdue() else deviation.status,
}


@register.filter
def colour(value: Any, kind: str) -> str:
    """The Designsystemet colour (data-color) of value, a status of this kind (see COLOURS)."""
    table = COLOURS[kind]
    if kind in _VALUE_OF:
        value = _VALUE_OF[kind](value)
    return table.get(str(value), table["*"])
