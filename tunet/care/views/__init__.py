"""Views of participants and placements: thin, they parse the request, call a query or an action,
log the read, render.

Every view that shows a participant's data calls access.log_access() before rendering, in the
same request. A protected participant's address and contact details are rendered only for the
people named for them.

A view gets the membership from access.acting() and the participant or placement from
queries.participant_for()/placement_for(), which refuse whoever may not see it.
"""

from .participants import (
    access_log,
    participant,
    participant_edit,
    participant_named,
    participant_new,
    participant_refer,
    participants,
    risk_assessment,
)
from .placements import (
    change_decide,
    change_propose,
    goal_add,
    goal_note,
    placement,
    placement_accept,
    placement_decline,
    placement_end,
)

__all__ = [
    "access_log",
    "change_decide",
    "change_propose",
    "goal_add",
    "goal_note",
    "participant",
    "participant_edit",
    "participant_named",
    "participant_new",
    "participant_refer",
    "participants",
    "placement",
    "placement_accept",
    "placement_decline",
    "placement_end",
    "risk_assessment",
]
