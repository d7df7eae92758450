"""The participant's own pages (person), the invitation that opens them, and the pages where the buyer's
and the farm's people manage access and answer messages (staff)."""

from .invitation import invitation
from .person import (
    absence,
    absence_take_back,
    check_in,
    contact,
    farm_days,
    goals,
    home,
    looks,
    messages,
    overview,
    records,
)
from .staff import (
    access_new_link,
    access_withdraw,
    conversation,
    correction_handled,
    manage,
    own_login,
    plan,
    relative,
)

__all__ = [
    "absence",
    "absence_take_back",
    "access_new_link",
    "access_withdraw",
    "check_in",
    "contact",
    "conversation",
    "correction_handled",
    "farm_days",
    "goals",
    "home",
    "invitation",
    "looks",
    "manage",
    "messages",
    "overview",
    "own_login",
    "plan",
    "records",
    "relative",
]
