"""The stay on the farm: the farm's risk assessment for a participant, and the goals of a placement
with their progress notes."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.accounts.models import Membership
from tunet.catalogue.models import Farm
from tunet.core.rules import NotAllowed

from ..models import Goal, GoalNote, GoalStatus, Participant, Placement, RiskAssessment, RiskAssessmentRevision
from ..queries import FARM_FOLLOWS, following_provider_ids


@transaction.atomic
def do_save_risk_assessment(
    membership: Membership,
    participant: Participant,
    farm: Farm,
    hazards: str,
    measures: str,
    reviewed_on: datetime.date,
    reviewed_with: str = "",
) -> RiskAssessment:
    """The farm writes or revises its risk assessment for a participant it has; the text it replaces
    is kept as a revision."""
    following = following_provider_ids(participant)  # not after the placement ended
    if not access.can_keep_risk_assessment(membership, farm) or farm.provider_id not in following:
        raise PermissionDenied
    values = {
        "hazards": hazards.strip(),
        "measures": measures.strip(),
        "reviewed_on": reviewed_on,
        "reviewed_with": reviewed_with.strip(),
    }
    if not values["hazards"] or not values["measures"]:
        raise NotAllowed(_("Write both what can go wrong and what the farm does about it."))
    assessment = RiskAssessment.objects.select_for_update().filter(participant=participant, farm=farm).first()
    if assessment is None:
        return RiskAssessment.objects.create(participant=participant, farm=farm, updated_by=membership.user, **values)
    if all(getattr(assessment, name) == value for name, value in values.items()):
        return assessment  # nothing changed (a second click): no empty revision
    RiskAssessmentRevision.objects.create(
        assessment=assessment,
        hazards=assessment.hazards,
        measures=assessment.measures,
        reviewed_with=assessment.reviewed_with,
        reviewed_on=assessment.reviewed_on,
        saved_by=assessment.updated_by,
        saved_at=assessment.updated_at,
    )
    for name, value in values.items():
        setattr(assessment, name, value)
    assessment.updated_by = membership.user
    assessment.save()
    return assessment


def _following(membership: Membership, placement: Placement) -> None:
    if not access.can_follow_placement(membership, placement, farm_may_see=placement.status in FARM_FOLLOWS):
        raise PermissionDenied


@transaction.atomic
def do_add_goal(
    membership: Membership, placement: Placement, title: str, description: str = "", shared: bool = False
) -> Goal:
    _following(membership, placement)
    title = " ".join(title.split())
    if not title:
        raise NotAllowed(_("Write the goal."))
    goal, _created = Goal.objects.get_or_create(
        placement=placement,
        title=title,
        defaults={"description": description.strip(), "shared": shared, "created_by": membership.user},
    )
    return goal


@transaction.atomic
def do_set_goal_status(membership: Membership, goal: Goal, status: str) -> Goal:
    _following(membership, goal.placement)
    if status not in GoalStatus.values:
        raise NotAllowed(_("Choose a status."))
    Goal.objects.filter(pk=goal.pk).update(status=status)
    goal.status = status
    return goal


@transaction.atomic
def do_share_goal(membership: Membership, goal: Goal, shared: bool) -> Goal:
    """Show the goal on the participant's own pages, or stop showing it."""
    _following(membership, goal.placement)
    Goal.objects.filter(pk=goal.pk).update(shared=shared)
    goal.shared = shared
    return goal


@transaction.atomic
def do_add_goal_note(membership: Membership, goal: Goal, text: str, shared: bool = False) -> GoalNote:
    """A progress note, shown on the participant's own pages when shared (and the goal is). The same note
    sent twice within a minute (a double click) is kept once."""
    _following(membership, goal.placement)
    text = text.strip()
    if not text:
        raise NotAllowed(_("Write the note."))
    recent = goal.notes.filter(
        by=membership.user, text=text, at__gte=timezone.now() - datetime.timedelta(minutes=1)
    ).first()
    return recent or GoalNote.objects.create(goal=goal, text=text, shared=shared, by=membership.user)
