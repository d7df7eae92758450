"""Participants, the farm day and its papers.

A buyer sees the participants it registered; a farm those referred or placed with it; nobody else
(the approval body, auditors, other organisations) sees any. A protected participant's address and
contact details are shown only to the people named for them. Every read of a participant's personal
data is logged with log_access().
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..models import Membership, OrganisationKind
from .roles import BUYER_KINDS, Perm, has_perm

if TYPE_CHECKING:
    from tunet.care.models import Participant, Placement
    from tunet.catalogue.models import Farm
    from tunet.purchasing.models import Agreement


def can_register_participants(membership: Membership | None) -> bool:
    """Case workers and NAV advisers register the participants they refer."""
    return (
        membership is not None
        and has_perm(membership, Perm.FOLLOW_PARTICIPANTS)
        and membership.organisation.kind in BUYER_KINDS
    )


def can_manage_participant(membership: Membership | None, participant: Participant) -> bool:
    """The buyer organisation that registered the participant keeps their details and placements."""
    return has_perm(membership, Perm.FOLLOW_PARTICIPANTS, participant.buyer)


def can_view_participant(
    membership: Membership | None, participant: Participant, farm_provider_ids: Iterable[int] = ()
) -> bool:
    """The registering buyer's people, and the people of a farm the participant is referred or
    placed with (farm_provider_ids: the providers of those farms, from the care queries)."""
    if can_manage_participant(membership, participant):
        return True
    return (
        membership is not None
        and has_perm(membership, Perm.FOLLOW_PARTICIPANTS)
        and membership.organisation_id in set(farm_provider_ids)
    )


def can_see_personal_details(
    membership: Membership | None, participant: Participant, following_provider_ids: Iterable[int] = ()
) -> bool:
    """Birth year, address and contact details, allergies, fears, mobility, risk assessments, goals and
    notes: the registering buyer's people, and the people of a farm the participant is referred to or
    placed with now (following_provider_ids: those farms' providers, from the care queries). After the
    placement ends the farm keeps only the name, attendance and invoice basis, for FARM_HISTORY_YEARS."""
    if can_manage_participant(membership, participant):
        return True
    return (
        membership is not None
        and has_perm(membership, Perm.FOLLOW_PARTICIPANTS)
        and membership.organisation_id in set(following_provider_ids)
    )


def can_see_contact_details(
    membership: Membership | None, participant: Participant, named_user_ids: Iterable[int] = ()
) -> bool:
    """Address and contact details: for everyone who may view the participant, unless the participant
    is protected; then only for the people named for them."""
    return not participant.protected or (membership is not None and membership.user_id in set(named_user_ids))


# --- Protection --------------------------------------------------------------------------------------
# Protection («Skjermet») and the named people decide who reads a protected address, so changing them
# is itself guarded: only the registering buyer's people who are named for the participant lift it or
# change the list, and nobody puts themselves on it. Every change is written to the access log
# (care.actions.participants), where the «Hvem har sett» page shows it.


def can_protect(membership: Membership | None, participant: Participant) -> bool:
    """Turning protection on narrows who reads the address: anyone who keeps the participant's details."""
    return can_manage_participant(membership, participant)


def can_lift_protection(
    membership: Membership | None, participant: Participant, named_user_ids: Iterable[int] = ()
) -> bool:
    """Lifting protection: the registering buyer's people who are named for the participant."""
    return (
        can_manage_participant(membership, participant)
        and membership is not None
        and (not participant.protected or membership.user_id in set(named_user_ids))
    )


def can_change_named_people(
    membership: Membership | None, participant: Participant, named_user_ids: Iterable[int] = ()
) -> bool:
    """Changing the named people: the registering buyer's people who are named; while nobody is named
    (just protected), any of them, to name the first (never themselves: names_themselves())."""
    named = set(named_user_ids)
    return (
        can_manage_participant(membership, participant)
        and membership is not None
        and (not named or membership.user_id in named)
    )


def names_themselves(membership: Membership, named_user_ids: Iterable[int], new_user_ids: Iterable[int]) -> bool:
    """Whether a change of the named people would add the person making it: nobody names themselves."""
    return membership.user_id in set(new_user_ids) and membership.user_id not in set(named_user_ids)


def can_run_farm_day(membership: Membership | None, farm: Farm) -> bool:
    """The farm's people who follow participants register attendance, incidents and the day's note."""
    return has_perm(membership, Perm.FOLLOW_PARTICIPANTS, farm.provider)


def can_decide_referral(membership: Membership | None, farm: Farm) -> bool:
    """The farmer accepts or declines a referral and proposes changes to a placement."""
    return has_perm(membership, Perm.EDIT_FARM, farm.provider)


def runs_farm_day(membership: Membership | None) -> bool:
    """Whether the header shows «I dag»: the people of a farm who follow participants."""
    return (
        membership is not None
        and membership.organisation.kind == OrganisationKind.PROVIDER
        and has_perm(membership, Perm.FOLLOW_PARTICIPANTS)
    )


# --- The farm day's papers: incidents, meetings, invoice bases ------------------------------------
# They concern an agreement's participants, so they are for the people who follow participants on
# either side of the agreement: the buyer's case workers or NAV advisers, the farm's farmer and staff.


def can_follow_agreement(membership: Membership | None, agreement: Agreement) -> bool:
    """Incidents, follow-up meetings and invoice bases of the agreement's participants."""
    return has_perm(membership, Perm.FOLLOW_PARTICIPANTS, agreement.buyer) or has_perm(
        membership, Perm.FOLLOW_PARTICIPANTS, agreement.farm.provider
    )


def can_send_invoice_basis(membership: Membership | None, agreement: Agreement) -> bool:
    """The farmer (who signs for the farm) sends the month's invoice basis; the buyer only reads it."""
    return has_perm(membership, Perm.EDIT_FARM, agreement.farm.provider) and has_perm(
        membership, Perm.FOLLOW_PARTICIPANTS, agreement.farm.provider
    )


# --- The rest of the stay ----------------------------------------------------------------------------


def can_view_access_log(membership: Membership | None, participant: Participant) -> bool:
    """Who has read a participant's data is shown to the registering buyer, who answers the
    participant's questions about it."""
    return can_manage_participant(membership, participant)


def can_follow_placement(membership: Membership | None, placement: Placement, farm_may_see: bool = True) -> bool:
    """Goals and notes of a stay: the buyer that registered the participant, and the people of the farm
    the placement is on (farm_may_see: the placement is referred, active or ended, not declined)."""
    if can_manage_participant(membership, placement.participant):
        return True
    return farm_may_see and has_perm(membership, Perm.FOLLOW_PARTICIPANTS, placement.agreement.farm.provider)


def can_keep_risk_assessment(membership: Membership | None, farm: Farm) -> bool:
    """The farm that has the participant writes the risk assessment the standard requires of it."""
    return can_run_farm_day(membership, farm)
