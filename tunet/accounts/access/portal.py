"""The participant's own pages («Mine sider»): what a participant, or a relative with consent, may see
and do, and who in the organisations manages that access.

A person comes in for a participant through a PortalAccess row (tunet.portal.models): the participant's
own, which covers everything on the pages, or a relative's, which covers only what the recorded consent
names. A withdrawn consent covers nothing. Nobody in these pages ever sees the risk assessment or an
incident report: those pages are not part of the portal at all.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..models import Membership
from .participants import can_follow_placement, can_manage_participant

if TYPE_CHECKING:
    from tunet.care.models import Participant, Placement
    from tunet.portal.models import PortalAccess

# What a relative's consent can name (the fields of PortalAccess).
SEES_DAYS = "sees_days"
REPORTS_ABSENCE = "reports_absence"
SEES_GOALS = "sees_goals"
MAY_BE_CONTACTED = "may_be_contacted"
SEES_RECORDS = "sees_records"


def portal_covers(grant: PortalAccess | None, consent: str) -> bool:
    """Whether this way in lets its person see or do consent: the participant always, a relative when
    the consent names it; nobody once it is withdrawn or before the invitation is taken up."""
    return grant is not None and grant.user_id is not None and grant.covers(consent)


def portal_shows_address(grant: PortalAccess) -> bool:
    """The pick-up address: the participant's own; a relative's unless the participant is protected and
    the case worker has not allowed it."""
    return grant.is_self or not grant.participant.protected or grant.shows_protected_address


def can_manage_portal_access(membership: Membership | None, participant: Participant) -> bool:
    """The buyer's people who keep the participant record consents, send invitations and withdraw them."""
    return can_manage_participant(membership, participant)


def can_join_conversation(membership: Membership | None, placement: Placement) -> bool:
    """Messages and check-in answers of a placement: its buyer's people and its farm's."""
    return can_follow_placement(membership, placement)
