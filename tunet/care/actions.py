"""Every change to participants and their placements: one transaction, one permission check, and
who is told.

Capacity: the active placements on an agreement never take more places on a weekday than the
agreement's version in force has on that weekday. Every action that adds a place or a weekday
counts inside its transaction after locking the agreement's row, so of two farms' people accepting
the last place at once, the second counts after the first one's placement is there.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.accounts.models import OrganisationKind, User
from tunet.catalogue.models import Weekday
from tunet.core.notifications import notify
from tunet.core.rules import NotAllowed
from tunet.purchasing.queries import in_force
from tunet.purchasing.models import Agreement, AgreementStatus

from . import queries
from .models import (
    ChangeKind,
    ChangeStatus,
    EndReason,
    Goal,
    GoalNote,
    GoalStatus,
    Participant,
    Placement,
    PlacementChange,
    PlacementStatus,
    RiskAssessment,
    RiskAssessmentRevision,
)


def buyer_followers(organisation):
    """Who follows participants for the buyer: its case workers or NAV advisers."""
    return list(access.people_with_perm(access.Perm.FOLLOW_PARTICIPANTS, organisation=organisation))


def _url(participant):
    return reverse("care:participant", args=[participant.pk])


def _placement_url(placement):
    return reverse("care:placement", args=[placement.pk])


# --- Participants ---------------------------------------------------------------------------------


@transaction.atomic
def register_participant(membership, form):
    """The buyer registers a participant (a valid forms.ParticipantForm)."""
    if not access.can_register_participants(membership):
        raise PermissionDenied
    data = form.cleaned_data
    # The same form sent twice (a double click) registers the person once.
    same = Participant.objects.filter(
        buyer=membership.organisation,
        created_by=membership.user,
        created_at__gte=timezone.now() - datetime.timedelta(minutes=10),
        first_name=data["first_name"],
        last_name=data["last_name"],
        birth_year=data["birth_year"],
        national_id=data.get("national_id") or "",
    ).first()
    if same is not None:
        return same
    participant = form.save(commit=False)
    participant.buyer = membership.organisation
    participant.created_by = membership.user
    participant.save()
    return participant


@transaction.atomic
def update_participant(membership, participant, form):
    if not access.can_manage_participant(membership, participant):
        raise PermissionDenied
    participant = form.save(commit=False)
    participant.save()
    return participant


def people_who_may_be_named(participant):
    """The people who may be named for a protected participant: those who follow participants in the
    registering buyer and in the farms the participant is referred to or placed with."""
    organisations = [participant.buyer_id, *queries.farm_provider_ids(participant)]
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


@transaction.atomic
def set_named_people(membership, participant, users):
    """Name the people who see a protected participant's address and contact details. Only people who
    may see the participant at all can be named."""
    if not access.can_manage_participant(membership, participant):
        raise PermissionDenied
    allowed = set(people_who_may_be_named(participant).values_list("pk", flat=True))
    users = list(users)
    if any(user.pk not in allowed for user in users):
        raise NotAllowed(_("Only people in the buyer or in the participant's farm can be named."))
    participant.named_people.set(users)
    return participant


# --- Referral -------------------------------------------------------------------------------------------


def _day(weekday):
    return str(Weekday(weekday).label).lower()


def _check_weekdays(version, weekdays):
    if not weekdays:
        raise NotAllowed(_("Choose at least one weekday."))
    outside = [day for day in weekdays if not int(version.places.get(str(day), 0) or 0)]
    if outside:
        raise NotAllowed(
            _("The agreement has no places on %(days)s.") % {"days": ", ".join(_day(day) for day in outside)}
        )


def _ends(placement):
    """The last day a placement can take a place: the earlier of its planned and recorded end."""
    ends = [day for day in (placement.planned_end, placement.ended_on) if day is not None]
    return min(ends) if ends else None


def _check_capacity(agreement, weekdays, start, end, exclude=None):
    """Raise NotAllowed unless one more place fits on each weekday from start to end (None: open).

    Call with the agreement's row locked (_locked). Counts every active placement whose period
    overlaps, as if they all overlap each other: never optimistic.
    """
    version = in_force(agreement)
    if version is None:
        raise NotAllowed(_("The agreement is not signed by both sides yet."))
    active = Placement.objects.filter(agreement=agreement, status=PlacementStatus.ACTIVE)
    if exclude is not None:
        active = active.exclude(pk=exclude.pk)
    overlapping = [
        placement
        for placement in active
        if (end is None or placement.start <= end) and (_ends(placement) is None or _ends(placement) >= start)
    ]
    for day in sorted(weekdays):
        places = int(version.places.get(str(day), 0) or 0)
        used = sum(1 for placement in overlapping if day in placement.weekdays)
        if used + 1 > places:
            raise NotAllowed(
                _("There are only %(free)s free places on %(day)s on this agreement.")
                % {"free": max(places - used, 0), "day": _day(day)}
            )


def _locked(agreement):
    """The agreement, its row locked until the transaction ends: capacity is counted one at a time."""
    return (
        Agreement.objects.select_for_update(of=("self",)).select_related("buyer", "farm__provider").get(pk=agreement.pk)
    )


@transaction.atomic
def refer(membership, participant, agreement, weekdays, start, planned_end=None, note=""):
    """The buyer refers a participant to a place on one of its agreements in force; the farm is
    told. A NAV office's placements are time-limited: they need a planned end."""
    if not access.can_manage_participant(membership, participant) or agreement.buyer_id != participant.buyer_id:
        raise PermissionDenied
    agreement = _locked(agreement)
    if agreement.status != AgreementStatus.ACTIVE:
        raise NotAllowed(_("Participants can be referred only on an agreement in force."))
    version = in_force(agreement)
    weekdays = sorted({int(day) for day in weekdays})
    _check_weekdays(version, weekdays)
    if agreement.buyer.kind == OrganisationKind.NAV_OFFICE and planned_end is None:
        raise NotAllowed(_("A NAV placement is time-limited: give its planned end."))
    if planned_end is not None and planned_end < start:
        raise NotAllowed(_("The planned end cannot be before the start."))
    if start > version.runs_until:
        raise NotAllowed(
            _("The agreement in force ends %(date)s, before the start.") % {"date": date_format(version.end)}
        )
    existing = Placement.objects.filter(
        participant=participant, agreement=agreement, status__in=(PlacementStatus.REFERRED, PlacementStatus.ACTIVE)
    ).first()
    if existing is not None:
        if existing.status == PlacementStatus.REFERRED:
            return existing  # a second click
        raise NotAllowed(_("%(name)s already has a place on this agreement.") % {"name": participant})
    placement = Placement.objects.create(
        participant=participant,
        agreement=agreement,
        weekdays=weekdays,
        start=start,
        planned_end=planned_end,
        referral_note=note.strip(),
        referred_by=membership.user,
    )
    # The farm learns who is referred by opening the referral, where the read is logged.
    notify(
        access.farm_keepers(agreement.farm),
        title=_("%(buyer)s has referred a participant to your farm") % {"buyer": agreement.buyer.name},
        body=_("On %(days)s from %(start)s. Accept or decline the referral.")
        % {"days": placement.weekday_labels.lower(), "start": date_format(start)},
        url=_placement_url(placement),
    )
    return placement


def _deciding(membership, placement):
    """The placement locked with its agreement, for the farm's decision."""
    if not access.can_decide_referral(membership, placement.agreement.farm):
        raise PermissionDenied
    agreement = _locked(placement.agreement)
    placement = Placement.objects.select_for_update(of=("self",)).select_related("participant").get(pk=placement.pk)
    placement.agreement = agreement
    return placement


@transaction.atomic
def accept_referral(membership, placement):
    """The farm accepts: the participant has a place, if one is free on each of the weekdays."""
    placement = _deciding(membership, placement)
    if placement.status == PlacementStatus.ACTIVE:
        return placement  # a second click
    if placement.status != PlacementStatus.REFERRED:
        raise NotAllowed(_("This referral has already been answered."))
    _check_capacity(placement.agreement, placement.weekdays, placement.start, _ends(placement))
    placement.status = PlacementStatus.ACTIVE
    placement.decided_by = membership.user
    # Last in the pick-up order until the farm orders the round again.
    placement.pickup_order = (
        Placement.objects.filter(agreement__farm=placement.agreement.farm, status=PlacementStatus.ACTIVE).count() + 1
    )
    placement.save(update_fields=["status", "decided_by", "pickup_order"])
    notify(
        buyer_followers(placement.agreement.buyer),
        title=_("%(farm)s has accepted a referral") % {"farm": placement.agreement.farm.name},
        body=_("The place starts %(start)s.") % {"start": date_format(placement.start)},
        url=_url(placement.participant),
    )
    return placement


@transaction.atomic
def decline_referral(membership, placement, reason):
    placement = _deciding(membership, placement)
    if placement.status == PlacementStatus.DECLINED:
        return placement
    if placement.status != PlacementStatus.REFERRED:
        raise NotAllowed(_("This referral has already been answered."))
    reason = reason.strip()
    if not reason:
        raise NotAllowed(_("Tell the buyer why you say no."))
    placement.status = PlacementStatus.DECLINED
    placement.decline_reason = reason
    placement.decided_by = membership.user
    placement.save(update_fields=["status", "decline_reason", "decided_by"])
    notify(
        buyer_followers(placement.agreement.buyer),
        title=_("%(farm)s has declined a referral") % {"farm": placement.agreement.farm.name},
        # The reason may name the participant; notifications also go by e-mail, so it stays in Tunet.
        body=_("Read the farm's reason in Tunet."),
        url=_url(placement.participant),
    )
    return placement


# --- Ending and changing a placement ---------------------------------------------------------------------


def _end(placement, day, reason, note, today):
    """Record the end. A placement that ends before today is over now; one that ends later stays
    active until then (the daily task ends it the day after)."""
    if reason not in EndReason.values:
        raise NotAllowed(_("Choose why the placement ends."))
    if day < placement.start:
        raise NotAllowed(_("The placement cannot end before it starts."))
    placement.ended_on, placement.end_reason, placement.end_note = day, reason, note.strip()
    if day < today:
        placement.status = PlacementStatus.ENDED
    placement.save(update_fields=["ended_on", "end_reason", "end_note", "status"])


@transaction.atomic
def end_placement(membership, placement, reason, day, note=""):
    """The buyer ends a placement, with why. Ending it again (a second click) changes nothing."""
    if not access.can_manage_participant(membership, placement.participant):
        raise PermissionDenied
    placement = Placement.objects.select_for_update().select_related("agreement__farm").get(pk=placement.pk)
    if placement.status == PlacementStatus.ENDED or (placement.ended_on == day and placement.end_reason == reason):
        return placement
    if placement.status != PlacementStatus.ACTIVE:
        raise NotAllowed(_("Only an active placement can be ended."))
    _end(placement, day, reason, note, timezone.localdate())
    notify(
        access.farm_keepers(placement.agreement.farm),
        title=_("A placement ends %(date)s") % {"date": date_format(day)},
        body=_("%(buyer)s has ended the placement. Reason: %(reason)s.")
        % {"buyer": placement.agreement.buyer.name, "reason": placement.get_end_reason_display().lower()},
        url=_placement_url(placement),
    )
    return placement


@transaction.atomic
def propose_change(membership, placement, kind, reason, new_end=None, new_weekdays=(), end_reason=""):
    """The farm proposes to extend, end, or change the weekdays of an active placement, with a
    reason; the buyer decides. One proposal waits at a time: sending the same again changes nothing."""
    if not access.can_decide_referral(membership, placement.agreement.farm):
        raise PermissionDenied
    placement = Placement.objects.select_for_update().select_related("agreement__buyer").get(pk=placement.pk)
    if placement.status != PlacementStatus.ACTIVE:
        raise NotAllowed(_("Changes can be proposed only for an active placement."))
    reason = reason.strip()
    if not reason:
        raise NotAllowed(_("Tell the buyer why."))
    new_weekdays = sorted({int(day) for day in new_weekdays})
    if kind == ChangeKind.EXTEND:
        if new_end is None or (placement.planned_end and new_end <= placement.planned_end):
            raise NotAllowed(_("Give a new end after the planned end."))
        new_weekdays, end_reason = [], ""
    elif kind == ChangeKind.END:
        if new_end is None or new_end < placement.start:
            raise NotAllowed(_("Give the day the placement should end."))
        if end_reason not in EndReason.values:
            raise NotAllowed(_("Choose why the placement ends."))
        new_weekdays = []
    elif kind == ChangeKind.CHANGE_WEEKDAYS:
        _check_weekdays(in_force(placement.agreement) or _no_version(), new_weekdays)
        if new_weekdays == sorted(placement.weekdays):
            raise NotAllowed(_("Those are the weekdays the participant has now."))
        new_end, end_reason = None, ""
    else:
        raise NotAllowed(_("Choose what should change."))
    waiting = placement.changes.filter(status=ChangeStatus.PROPOSED).first()
    if waiting is not None:
        if (waiting.kind, waiting.new_end, waiting.new_weekdays) == (kind, new_end, new_weekdays):
            return waiting  # a second click
        raise NotAllowed(_("A proposed change is already waiting for the buyer's decision."))
    try:
        with transaction.atomic():
            change = PlacementChange.objects.create(
                placement=placement,
                kind=kind,
                reason=reason,
                new_end=new_end,
                new_weekdays=new_weekdays,
                end_reason=end_reason,
                proposed_by=membership.user,
            )
    except IntegrityError:  # proposed at the same moment by someone else on the farm
        raise NotAllowed(_("A proposed change is already waiting for the buyer's decision.")) from None
    notify(
        buyer_followers(placement.agreement.buyer),
        title=_("%(farm)s proposes a change to a placement") % {"farm": membership.organisation.name},
        body=_("%(change)s: %(reason)s") % {"change": change.get_kind_display(), "reason": reason},
        url=_placement_url(placement),
    )
    return change


def _no_version():
    raise NotAllowed(_("The agreement is not signed by both sides yet."))


@transaction.atomic
def decide_change(membership, change, approve, note=""):
    """The buyer approves or rejects a proposed change. An approved change applies at once; more
    places on a weekday, or a longer period, are checked against the agreement's places first."""
    placement = change.placement
    if not access.can_manage_participant(membership, placement.participant):
        raise PermissionDenied
    agreement = _locked(placement.agreement)
    change = PlacementChange.objects.select_for_update().get(pk=change.pk)
    if change.status != ChangeStatus.PROPOSED:
        return change  # decided already (a second click)
    placement = Placement.objects.select_for_update().select_related("participant").get(pk=placement.pk)
    if approve:
        if placement.status != PlacementStatus.ACTIVE:
            raise NotAllowed(_("The placement is no longer active."))
        _apply(agreement, placement, change)
    change.status = ChangeStatus.APPROVED if approve else ChangeStatus.REJECTED
    change.decided_by, change.decided_at, change.decision_note = membership.user, timezone.now(), note.strip()
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    notify(
        access.farm_keepers(agreement.farm),
        title=(_("%(buyer)s approved the change") if approve else _("%(buyer)s did not approve the change"))
        % {"buyer": agreement.buyer.name},
        body=" ".join(part for part in (str(change.get_kind_display()) + ".", change.decision_note) if part),
        url=_placement_url(placement),
    )
    return change


def _apply(agreement, placement, change):
    if change.kind == ChangeKind.EXTEND:
        _check_capacity(agreement, placement.weekdays, placement.start, change.new_end, exclude=placement)
        placement.planned_end = change.new_end
        placement.save(update_fields=["planned_end"])
    elif change.kind == ChangeKind.END:
        _end(placement, change.new_end, change.end_reason, change.reason, timezone.localdate())
    else:
        _check_weekdays(in_force(agreement) or _no_version(), change.new_weekdays)
        _check_capacity(agreement, change.new_weekdays, placement.start, _ends(placement), exclude=placement)
        placement.weekdays = change.new_weekdays
        placement.save(update_fields=["weekdays"])


@transaction.atomic
def set_pickup(membership, placement, order, time=None):
    """The farm orders its pick-up round."""
    if not access.can_run_farm_day(membership, placement.agreement.farm):
        raise PermissionDenied
    Placement.objects.filter(pk=placement.pk).update(pickup_order=order, pickup_time=time)


# --- Risk assessment and goals ---------------------------------------------------------------------------


@transaction.atomic
def save_risk_assessment(membership, participant, farm, hazards, measures, reviewed_on, reviewed_with=""):
    """The farm writes or revises its risk assessment for a participant it has; the text it replaces
    is kept as a revision."""
    if not access.can_keep_risk_assessment(membership, farm) or farm.provider_id not in queries.farm_provider_ids(
        participant
    ):
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


def _following(membership, placement):
    if not access.can_follow_placement(membership, placement, farm_may_see=placement.status in queries.FARM_SEES):
        raise PermissionDenied


@transaction.atomic
def add_goal(membership, placement, title, description=""):
    _following(membership, placement)
    title = " ".join(title.split())
    if not title:
        raise NotAllowed(_("Write the goal."))
    goal, _created = Goal.objects.get_or_create(
        placement=placement,
        title=title,
        defaults={"description": description.strip(), "created_by": membership.user},
    )
    return goal


@transaction.atomic
def set_goal_status(membership, goal, status):
    _following(membership, goal.placement)
    if status not in GoalStatus.values:
        raise NotAllowed(_("Choose a status."))
    Goal.objects.filter(pk=goal.pk).update(status=status)
    goal.status = status
    return goal


@transaction.atomic
def add_goal_note(membership, goal, text):
    """A progress note. The same note sent twice within a minute (a double click) is kept once."""
    _following(membership, goal.placement)
    text = text.strip()
    if not text:
        raise NotAllowed(_("Write the note."))
    recent = goal.notes.filter(
        by=membership.user, text=text, at__gte=timezone.now() - datetime.timedelta(minutes=1)
    ).first()
    return recent or GoalNote.objects.create(goal=goal, text=text, by=membership.user)
