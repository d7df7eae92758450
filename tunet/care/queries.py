"""Reads of participants and placements that depend on who is asking.

A buyer sees the participants it registered; a farm those referred to it or placed with it (a
declined referral is not the farm's business any more). The approval body, auditors and other
organisations see none. Every view that shows what these functions return logs the read with
access.log_access().

participant_for(membership, pk) and placement_for(membership, pk) fetch one for a viewer who may
see it, and refuse (accounts.access.refuse) everyone else: views never weigh permission facts.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tunet.accounts import access
from tunet.accounts.models import Membership, Organisation, OrganisationKind, User
from tunet.catalogue.models import Farm
from tunet.catalogue.queries import farm_of

from .models import (
    Goal,
    GoalNote,
    Participant,
    Placement,
    PlacementChange,
    PlacementStatus,
    RiskAssessment,
    RiskAssessmentRevision,
)

# The statuses in which a participant is the farm's business now: waiting for its answer, or placed
# there. The farm reads their details (access.can_see_personal_details).
FARM_FOLLOWS = (PlacementStatus.REFERRED, PlacementStatus.ACTIVE)


def history_since(today: datetime.date | None = None) -> datetime.date:
    """The earliest last day of an ended placement whose history (the name, attendance, invoice basis) the
    farm still reads: FARM_HISTORY_YEARS back from today."""
    today = today or timezone.localdate()
    year = today.year - settings.FARM_HISTORY_YEARS
    return today.replace(year=year, day=28) if (today.month, today.day) == (2, 29) else today.replace(year=year)


def farm_sees(prefix: str = "") -> Q:
    """The placements that make a participant the farm's business: those it follows now (FARM_FOLLOWS),
    and those that ended within FARM_HISTORY_YEARS, whose history stays readable to it. prefix: the
    lookup path to the placement ("placements__")."""
    return Q(**{f"{prefix}status__in": FARM_FOLLOWS}) | Q(
        **{f"{prefix}status": PlacementStatus.ENDED, f"{prefix}ended_on__gte": history_since()}
    )


def farm_may_see(placement: Placement) -> bool:
    """farm_sees() for one placement already read."""
    if placement.status in FARM_FOLLOWS:
        return True
    return (
        placement.status == PlacementStatus.ENDED
        and placement.ended_on is not None
        and placement.ended_on >= history_since()
    )


def _named_ids_by_participant(participant_ids: Iterable[int]) -> dict[int, frozenset[int]]:
    """{participant id: frozenset of the named people's user ids}, one query."""
    through = Participant.named_people.through
    named: dict[int, set[int]] = {}
    for participant_id, user_id in through.objects.filter(participant_id__in=participant_ids).values_list(
        "participant_id", "user_id"
    ):
        named.setdefault(participant_id, set()).add(user_id)
    return {pk: frozenset(ids) for pk, ids in named.items()}


def attach_named_ids(participants: Iterable[Participant]) -> list[Participant]:
    """Give each participant `named_people_ids` (a frozenset of user ids), in one query for all."""
    participants = list(participants)
    named = _named_ids_by_participant([p.pk for p in participants])
    for participant in participants:
        participant.named_people_ids = named.get(participant.pk, frozenset())  # type: ignore[attr-defined]
    return participants


def _show_contact(membership: Membership, participant: Participant, following: Iterable[int]) -> Participant:
    """Whether this membership reads the participant's details (`show_details`: the farm only while it
    follows them) and, of those, the address and contact details (`show_contact`: not when protected
    and not named)."""
    participant.show_details = access.can_see_personal_details(  # type: ignore[attr-defined]
        membership, participant, following
    )
    participant.show_contact = participant.show_details and access.can_see_contact_details(  # type: ignore[attr-defined]
        membership,
        participant,
        participant.named_people_ids,  # type: ignore[attr-defined]
    )
    return participant


def participant_for(membership: Membership | None, pk: int) -> Participant:
    """The participant, for a viewer who may see them: the registering buyer's people, and the people
    of a farm they are referred to or placed with (or were, within FARM_HISTORY_YEARS). With
    `named_people_ids`, whether their details may be shown (`show_details`) and, of those, the address
    and contact details (`show_contact`). Refused with 403 to anyone who does not follow participants
    (before the lookup, which 404s) and to anyone else who may not see this one."""
    if membership is None or not access.has_perm(membership, access.Perm.FOLLOW_PARTICIPANTS):
        access.refuse()
    participant = get_object_or_404(Participant.objects.select_related("buyer", "postal_code"), pk=pk)
    seeing, following = _farm_providers(participant)
    access.require(access.can_view_participant(membership, participant, seeing))
    attach_named_ids([participant])
    return _show_contact(membership, participant, following)


def placement_for(membership: Membership | None, pk: int) -> Placement:
    """The placement, for the buyer that registered the participant and the farm it is on (not once
    declined, nor FARM_HISTORY_YEARS after it ended); its participant with `named_people_ids`,
    `show_details` and `show_contact`. Refused as participant_for."""
    if membership is None or not access.has_perm(membership, access.Perm.FOLLOW_PARTICIPANTS):
        access.refuse()
    placement = get_object_or_404(
        Placement.objects.select_related("participant__buyer", "participant__postal_code", "agreement__farm__provider"),
        pk=pk,
    )
    access.require(access.can_follow_placement(membership, placement, farm_may_see=farm_may_see(placement)))
    attach_named_ids([placement.participant])
    _show_contact(membership, placement.participant, _farm_providers(placement.participant)[1])
    return placement


def change_of(placement: Placement, pk: int) -> PlacementChange:
    """A change proposed for this placement (404 for any other)."""
    return get_object_or_404(PlacementChange, pk=pk, placement=placement)


def goal_of(placement: Placement, pk: int) -> Goal:
    """A goal of this placement (404 for any other), which knows its placement without a query."""
    goal = get_object_or_404(Goal, pk=pk, placement=placement)
    goal.placement = placement
    return goal


def buyer_followers(organisation: Organisation) -> list[User]:
    """Who follows participants for the buyer: its case workers or NAV advisers."""
    return list(access.people_with_perm(access.Perm.FOLLOW_PARTICIPANTS, organisation=organisation))


def people_who_may_be_named(participant: Participant) -> QuerySet[User]:
    """The people who may be named for a protected participant: those who follow participants in the
    registering buyer and in the farms the participant is referred to or placed with now."""
    organisations = [participant.buyer_id, *_farm_providers(participant)[1]]
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation_id__in=organisations,
            memberships__role__in=[
                role for role, perms in access.ROLE_PERMISSIONS.items() if access.Perm.FOLLOW_PARTICIPANTS in perms
            ],
        )
        .distinct()
        .order_by("full_name", "id")
    )


def participants_visible_to(membership: Membership | None) -> QuerySet[Participant]:
    """The participants this membership may see, as a queryset (nothing for anyone else).

    Buyer (case worker, NAV adviser): those its organisation registered. Farm (farmer, staff): those
    referred to or placed with the organisation's farm, now or within FARM_HISTORY_YEARS.
    """
    if membership is None or not access.has_perm(membership, access.Perm.FOLLOW_PARTICIPANTS):
        return Participant.objects.none()
    organisation = membership.organisation
    if organisation.kind in access.BUYER_KINDS:
        return Participant.objects.filter(buyer=organisation)
    placed_here = Placement.objects.filter(farm_sees(), agreement__farm__provider=organisation)
    return Participant.objects.filter(pk__in=placed_here.values("participant_id"))


def participant_list(membership: Membership | None) -> list[Participant]:
    """The participant list page: each with `named_people_ids`, `show_details` and `show_contact` (whether
    this membership may see their birth year, and their address and phone) and `current` (their referred
    or active placements, with agreement and farm; a farm's own only). Three queries, whatever the number."""
    current = Placement.objects.filter(status__in=(PlacementStatus.REFERRED, PlacementStatus.ACTIVE)).select_related(
        "agreement__farm", "agreement__buyer"
    )
    if membership is not None and membership.organisation.kind not in access.BUYER_KINDS:
        current = current.filter(agreement__farm__provider=membership.organisation)
    participants = (
        participants_visible_to(membership)
        .select_related("buyer", "postal_code")
        .prefetch_related(Prefetch("placements", queryset=current, to_attr="current"))
    )
    shown = attach_named_ids(participants)
    for participant in shown:
        following = {placement.agreement.farm.provider_id for placement in participant.current}  # type: ignore[attr-defined]
        _show_contact(membership, participant, following)  # type: ignore[arg-type]
    return shown


def _farm_providers(participant: Participant) -> tuple[set[int], set[int]]:
    """The providers of the farms that see the participant (farm_sees(), for access.can_view_participant)
    and of those that follow them now (FARM_FOLLOWS, for access.can_see_personal_details). One query."""
    seeing: set[int] = set()
    following: set[int] = set()
    for provider_id, status in Placement.objects.filter(farm_sees(), participant=participant).values_list(
        "agreement__farm__provider_id", "status"
    ):
        seeing.add(provider_id)
        if status in FARM_FOLLOWS:
            following.add(provider_id)
    return seeing, following


def following_provider_ids(participant: Participant) -> set[int]:
    """The providers of the farms the participant is referred to or placed with now."""
    return _farm_providers(participant)[1]


def placements_on(farm: Farm, day: datetime.date) -> list[Placement]:
    """The participants who come to `farm` on `day`: a list of Placement, in pick-up order.

    Each is ACTIVE, on a weekday of the placement, with start <= day <= planned end and (when an
    end is recorded) day <= ended_on — the same rule as Placement.is_on(day). Ordered by
    pickup_order, pickup_time, then participant name.

    Each placement comes with, without further queries:
      placement.participant                   (with .postal_code and .buyer)
      placement.participant.named_people_ids  frozenset of user ids named for a protected participant
      placement.agreement                     (with .farm and .buyer)

    Before showing a participant's address or contact details, ask
    access.can_see_contact_details(membership, placement.participant, placement.participant.named_people_ids);
    and log each shown participant with access.log_access().

    Two queries, whatever the number of participants.
    """
    candidates = (
        Placement.objects.filter(agreement__farm=farm, status=PlacementStatus.ACTIVE, start__lte=day)
        .filter(Q(planned_end__isnull=True) | Q(planned_end__gte=day))
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=day))
        .select_related("participant__postal_code", "participant__buyer", "agreement__farm", "agreement__buyer")
        .order_by("pickup_order", "pickup_time", "participant__last_name", "participant__first_name", "id")
    )
    # Weekdays are a JSON list; SQLite cannot filter inside it, so the weekday is checked here.
    placements = [placement for placement in candidates if day.weekday() in placement.weekdays]
    attach_named_ids([placement.participant for placement in placements])
    return placements


def participant_page(participant: Participant, membership: Membership) -> dict[str, list[Any]]:
    """What a participant's page shows this membership: the placements it may see (the buyer all of
    them; a farm those on its own farm, not declined), newest first, with agreement, farm and change
    proposals; the risk assessments (a farm only its own); and the named people. Six queries."""
    placements = participant.placements.select_related(
        "agreement__farm__provider", "agreement__buyer", "referred_by", "decided_by"
    ).prefetch_related(
        Prefetch(
            "changes",
            queryset=PlacementChange.objects.select_related("proposed_by", "decided_by").order_by("-proposed_at"),
        ),
        Prefetch("goals", queryset=Goal.objects.order_by("created_at", "id")),
    )
    assessments = participant.risk_assessments.select_related("farm", "updated_by")
    if not access.can_manage_participant(membership, participant):
        placements = placements.filter(farm_sees(), agreement__farm__provider=membership.organisation)
        assessments = assessments.filter(farm__provider=membership.organisation)
        if not getattr(participant, "show_details", False):
            assessments = assessments.none()
    return {
        "placements": list(placements.order_by("-start", "-id")),
        "assessments": list(assessments.order_by("farm__name")),
        "named_people": list(participant.named_people.order_by("full_name", "id")),
    }


def placement_page(placement: Placement) -> dict[str, list[Any]]:
    """A placement with what its page shows: changes (newest first) and goals with their notes."""
    return {
        "changes": list(placement.changes.select_related("proposed_by", "decided_by").order_by("-proposed_at", "-id")),
        "goals": list(
            placement.goals.prefetch_related(
                Prefetch("notes", queryset=GoalNote.objects.select_related("by").order_by("-at", "-id"))
            )
        ),
    }


def risk_farm_of(membership: Membership) -> Farm | None:
    """The farm whose risk assessments this membership writes (its people who follow participants), or None."""
    farm = farm_of(membership)
    return farm if farm is not None and access.can_keep_risk_assessment(membership, farm) else None


def risk_assessment_of(participant: Participant, farm: Farm) -> RiskAssessment | None:
    return (
        RiskAssessment.objects.filter(participant=participant, farm=farm)
        .select_related("updated_by")
        .prefetch_related(Prefetch("revisions", queryset=RiskAssessmentRevision.objects.select_related("saved_by")))
        .first()
    )


def nav_placements_ending(today: datetime.date, days: int) -> QuerySet[Placement]:
    """Active NAV placements whose planned end is from today to `days` ahead, for the reminders."""
    return (
        Placement.objects.filter(
            status=PlacementStatus.ACTIVE,
            agreement__buyer__kind=OrganisationKind.NAV_OFFICE,
            planned_end__gte=today,
            planned_end__lte=today + datetime.timedelta(days=days),
            ended_on__isnull=True,
        )
        .select_related("participant", "agreement__farm__provider", "agreement__buyer")
        .order_by("planned_end", "id")
    )
