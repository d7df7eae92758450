"""A participant's own record: registering, changing the details, naming who sees a protected
participant's address and contact details.

Protection and the named people decide who reads a protected address, so who may change them is
asked of access (can_protect, can_lift_protection, can_change_named_people) and every change is written
to the participant's access log, which the «Hvem har sett» page shows."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.accounts.models import Membership, User
from tunet.core.rules import NotAllowed

from ..models import Participant
from ..queries import people_who_may_be_named

# What the buyer writes about a participant (forms.ParticipantForm asks for these): the minimum the
# farm day needs, and no diagnosis.
DETAILS = (
    "first_name", "last_name", "birth_year", "national_id", "phone", "email", "street_address", "postal_code",
    "emergency_name", "emergency_phone", "allergies", "fears", "mobility", "other_needs", "protected",
)  # fmt: skip


def _check_details(details: dict[str, Any]) -> None:
    unknown = set(details) - set(DETAILS)
    if unknown:
        raise TypeError(f"Not a participant's detail: {', '.join(sorted(unknown))}")


@transaction.atomic
def do_register_participant(membership: Membership, **details: Any) -> Participant:
    """The buyer registers a participant, with details by name (DETAILS; first_name, last_name and
    birth_year are needed)."""
    if not access.can_register_participants(membership):
        raise PermissionDenied
    _check_details(details)
    # The same form sent twice (a double click) registers the person once.
    same = Participant.objects.filter(
        buyer=membership.organisation,
        created_by=membership.user,
        created_at__gte=timezone.now() - datetime.timedelta(minutes=10),
        first_name=details["first_name"],
        last_name=details["last_name"],
        birth_year=details["birth_year"],
        national_id=details.get("national_id") or "",
    ).first()
    if same is not None:
        return same
    participant = Participant.objects.create(buyer=membership.organisation, created_by=membership.user, **details)
    if participant.protected:
        _audit(membership, participant, _("Protected at registration"))
    return participant


def _audit(membership: Membership, participant: Participant, what: str) -> None:
    """The trace of a change to protection, on the participant's access log."""
    access.log_access(membership.user, membership, participant, what)


def _named_ids(participant: Participant) -> set[int]:
    return set(participant.named_people.values_list("pk", flat=True))


def _set_protected(membership: Membership, participant: Participant, protected: bool) -> None:
    if protected == participant.protected:
        return
    if protected:
        if not access.can_protect(membership, participant):
            raise PermissionDenied
        _audit(membership, participant, _("Protected"))
    else:
        if not access.can_lift_protection(membership, participant, _named_ids(participant)):
            raise NotAllowed(_("Only the people named for the participant can lift the protection."))
        _audit(membership, participant, _("Protection lifted"))


@transaction.atomic
def do_update_participant(
    membership: Membership, participant: Participant, *, forget_national_id: bool = False, **details: Any
) -> Participant:
    """The buyer changes the details given (DETAILS); the others stay as they are, so a form without
    the contact fields keeps them. forget_national_id is the form's choice, already applied to
    national_id by it."""
    if not access.can_manage_participant(membership, participant):
        raise PermissionDenied
    _check_details(details)
    if "protected" in details:
        _set_protected(membership, participant, details["protected"])
    for name, value in details.items():
        setattr(participant, name, value)
    participant.save()
    return participant


@transaction.atomic
def do_set_named_people(membership: Membership, participant: Participant, users: Iterable[User]) -> Participant:
    """Name the people who see a protected participant's address and contact details. Only people who
    may see the participant at all can be named; only the named people change the list (anyone who
    keeps the participant's details while nobody is named); nobody names themselves."""
    named = _named_ids(participant)
    if not access.can_change_named_people(membership, participant, named):
        raise PermissionDenied
    allowed = set(people_who_may_be_named(participant).values_list("pk", flat=True))
    users = list(users)
    if any(user.pk not in allowed for user in users):
        raise NotAllowed(_("Only people in the buyer or in the participant's farm can be named."))
    if access.names_themselves(membership, named, [user.pk for user in users]):
        raise NotAllowed(_("Nobody can name themselves. Ask someone who is named, or a colleague."))
    added = [user for user in users if user.pk not in named]
    removed = list(participant.named_people.exclude(pk__in=[user.pk for user in users]))
    participant.named_people.set(users)
    if added or removed:
        _audit(membership, participant, _named_change(added, removed))
    return participant


def _named_change(added: list[User], removed: list[User]) -> str:
    def names(users: list[User]) -> str:
        return ", ".join(user.full_name or user.email for user in users)

    parts = []
    if added:
        parts.append(_("named: %(names)s") % {"names": names(added)})
    if removed:
        parts.append(_("no longer named: %(names)s") % {"names": names(removed)})
    return _("Named people changed (%(changes)s)") % {"changes": "; ".join(parts)}
