"""Roles are data: what each role may do (ROLE_PERMISSIONS), the membership a person acts through,
and the one check every other rule is made of (has_perm)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import HttpRequest

from ..models import ROLES_BY_KIND, Membership, Organisation, OrganisationKind, Role, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


class Perm:
    """Names of the permissions a role can hold."""

    VIEW_ORGANISATION = "organisation.view"
    MANAGE_ORGANISATION = "organisation.manage"
    MANAGE_MEMBERS = "organisation.manage_members"
    EDIT_FARM = "farm.edit"
    BUY_PLACES = "purchasing.buy"
    FOLLOW_PARTICIPANTS = "care.follow"
    RUN_APPROVALS = "approval.run"
    AUDIT_FARMS = "approval.audit"
    VIEW_REGION_STATISTICS = "insights.region"
    VIEW_NATIONAL_STATISTICS = "insights.national"
    EDIT_HANDBOOK = "learning.edit_handbook"


_EVERY_MEMBER = {Perm.VIEW_ORGANISATION}

ROLE_PERMISSIONS: dict[str, set[str]] = {
    # EDIT_FARM only ever applies within the administrator's own organisation, so it matters
    # only for a provider's administrator.
    Role.ADMIN: _EVERY_MEMBER | {Perm.MANAGE_ORGANISATION, Perm.MANAGE_MEMBERS, Perm.EDIT_FARM},
    Role.FARMER: _EVERY_MEMBER
    | {Perm.MANAGE_ORGANISATION, Perm.MANAGE_MEMBERS, Perm.EDIT_FARM, Perm.FOLLOW_PARTICIPANTS},
    Role.FARM_STAFF: _EVERY_MEMBER | {Perm.FOLLOW_PARTICIPANTS},
    Role.CASE_WORKER: _EVERY_MEMBER | {Perm.BUY_PLACES, Perm.FOLLOW_PARTICIPANTS},
    Role.NAV_ADVISER: _EVERY_MEMBER | {Perm.BUY_PLACES, Perm.FOLLOW_PARTICIPANTS},
    Role.APPROVAL_OFFICER: _EVERY_MEMBER | {Perm.RUN_APPROVALS, Perm.EDIT_HANDBOOK, Perm.VIEW_NATIONAL_STATISTICS},
    Role.AUDITOR: _EVERY_MEMBER | {Perm.AUDIT_FARMS},
    Role.COORDINATOR: _EVERY_MEMBER | {Perm.VIEW_REGION_STATISTICS},
}

# The organisations that buy places and register the participants they refer.
BUYER_KINDS = (OrganisationKind.MUNICIPALITY, OrganisationKind.NAV_OFFICE)


# The role an API client acts with: the least one that holds what an integration does (reading the
# organisation's agreements, placements and invoice bases; registering attendance). Never a role that
# signs, sends invoice bases, decides referrals or manages people. Kinds not listed get no API clients.
API_CLIENT_ROLES: dict[str, str] = {
    OrganisationKind.PROVIDER: Role.FARM_STAFF,
    OrganisationKind.MUNICIPALITY: Role.CASE_WORKER,
    OrganisationKind.NAV_OFFICE: Role.NAV_ADVISER,
}


def api_client_role(organisation: Organisation) -> str | None:
    """The least role an API client of this organisation acts with, or None if it may have none."""
    return API_CLIENT_ROLES.get(organisation.kind)


# --- Memberships ------------------------------------------------------------------------------


SESSION_KEY = "active_membership_id"


def memberships(request: HttpRequest) -> list[Membership]:
    """The memberships of the person making the request, read once per request."""
    if not hasattr(request, "_tunet_memberships"):
        request._tunet_memberships = memberships_of(request.user)  # type: ignore[attr-defined]
    return request._tunet_memberships  # type: ignore[attr-defined]


def active_membership(request: HttpRequest) -> Membership | None:
    """The membership the person acts through now: the one chosen in the header, or their first."""
    return choose_membership(memberships(request), request.session.get(SESSION_KEY))


def memberships_of(user: User | AnonymousUser) -> list[Membership]:
    """The memberships a person can act through, with their organisations, in a stable order."""
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, organisation__isnull=False)
        .select_related("organisation", "user")
        .order_by("organisation__name", "role", "id")
    )


def choose_membership(memberships: list[Membership], wanted_id: int | None) -> Membership | None:
    """The membership with id wanted_id if the person has it, else their first, else None."""
    for membership in memberships:
        if membership.id == wanted_id:
            return membership
    return memberships[0] if memberships else None


def has_perm(membership: Membership | None, perm: str, organisation: Organisation | None = None) -> bool:
    """Whether the membership's role grants perm, within its own organisation.

    With organisation given, the answer is also no when it is another organisation.
    """
    if membership is None:
        return False
    if organisation is not None and membership.organisation_id != organisation.id:
        return False
    return perm in ROLE_PERMISSIONS.get(membership.role, set())


def roles_for(organisation: Organisation) -> list[Role]:
    """The roles a person can be given in this kind of organisation."""
    return ROLES_BY_KIND[OrganisationKind(organisation.kind)]


def people_with_perm(perm: str, organisation: Organisation | None = None, kind: str | None = None) -> QuerySet[User]:
    """The people whose role grants perm (in this organisation, or in organisations of this kind):
    whom to tell about an organisation's business, or whom a task can be given to."""
    roles = [role for role, perms in ROLE_PERMISSIONS.items() if perm in perms]
    # Role and organisation must hold for the same membership: a buyer in one organisation who is
    # staff in another is not the second one's buyer.
    memberships = Membership.objects.filter(role__in=roles)
    if organisation is not None:
        memberships = memberships.filter(organisation=organisation)
    if kind is not None:
        memberships = memberships.filter(organisation__kind=kind)
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))
