"""Organisations, farms, the approval scheme, the handbook and the IPT school.

A farm keeps its own approval file; the approval body sees every file and runs the scheme; an
auditor sees the files of the farms assigned to them; buyers and the public see only the
approval's status and valid-until date (on the farm page).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..models import Membership, Organisation, OrganisationKind, User
from .roles import Perm, has_perm, people_with_perm

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from tunet.approval.models import Revision
    from tunet.catalogue.models import Farm
    from tunet.learning.models import Certificate, Chapter

# --- Organisations ----------------------------------------------------------------------------


def can_view_organisation(membership: Membership | None, organisation: Organisation) -> bool:
    return has_perm(membership, Perm.VIEW_ORGANISATION, organisation)


def can_manage_organisation(membership: Membership | None, organisation: Organisation) -> bool:
    return has_perm(membership, Perm.MANAGE_ORGANISATION, organisation)


def can_manage_members(membership: Membership | None, organisation: Organisation) -> bool:
    return has_perm(membership, Perm.MANAGE_MEMBERS, organisation)


def can_remove_membership(membership: Membership | None, target: Membership) -> bool:
    """An administrator may remove others' memberships in their organisation, not their own.

    Removing one's own administrator role could leave an organisation with nobody to manage it.
    """
    return membership is not None and can_manage_members(membership, target.organisation) and target.id != membership.id


def can_manage_api_clients(membership: Membership | None, organisation: Organisation) -> bool:
    """Who creates and revokes the organisation's API clients: those who manage its people (the
    administrator; a farm's farmer), since a client acts for the organisation as one of them would."""
    return has_perm(membership, Perm.MANAGE_MEMBERS, organisation)


# --- Farms -------------------------------------------------------------------------------------


def can_edit_farm(membership: Membership | None, farm: Farm) -> bool:
    """The provider's farmer (and administrator) keeps the farm's profile and offers."""
    return has_perm(membership, Perm.EDIT_FARM, farm.provider)


def can_create_farm(membership: Membership | None) -> bool:
    """A provider's farmer or administrator creates its farm profile (a provider has one farm)."""
    return (
        membership is not None
        and membership.organisation.kind == OrganisationKind.PROVIDER
        and has_perm(membership, Perm.EDIT_FARM, membership.organisation)
    )


def can_view_farm(membership: Membership | None, farm: Farm, listed: bool) -> bool:
    """Anyone sees a listed (approved) farm; an unlisted one only its own people and the approval body."""
    if listed:
        return True
    if membership is None:
        return False
    return has_perm(membership, Perm.VIEW_ORGANISATION, farm.provider) or has_perm(membership, Perm.RUN_APPROVALS)


def farm_keepers(farm: Farm) -> list[User]:
    """Who decides for a farm and is told about its business: its farmer (and the provider's administrator)."""
    return list(people_with_perm(Perm.EDIT_FARM, organisation=farm.provider))


# --- The approval scheme ------------------------------------------------------------------------


def can_keep_approval_file(membership: Membership | None, farm: Farm) -> bool:
    """The farm's farmer (and administrator) uploads documents, answers the self-audit, closes deviations."""
    return has_perm(membership, Perm.EDIT_FARM, farm.provider)


def can_run_approvals(membership: Membership | None) -> bool:
    """The approval body: standards, assigning auditors, the national overview, revoking."""
    return has_perm(membership, Perm.RUN_APPROVALS)


def can_audit(membership: Membership | None, revision: Revision) -> bool:
    """Only the auditor the revision is assigned to records it."""
    return (
        membership is not None
        and has_perm(membership, Perm.AUDIT_FARMS)
        and membership.organisation.kind == OrganisationKind.AUDITOR_FIRM
        and revision.auditor_id == membership.user_id
    )


def can_view_approval_file(membership: Membership | None, farm: Farm, assigned_auditor_ids: Iterable[int] = ()) -> bool:
    """The farm itself, the approval body, and an auditor the farm has been assigned to.

    assigned_auditor_ids: the users assigned to revise this farm (approval's auditor_ids_of(farm)).
    """
    if membership is None:
        return False
    if has_perm(membership, Perm.VIEW_ORGANISATION, farm.provider) or can_run_approvals(membership):
        return True
    return has_perm(membership, Perm.AUDIT_FARMS) and membership.user_id in set(assigned_auditor_ids)


def can_view_sensitive_documents(
    membership: Membership | None, farm: Farm, assigned_auditor_ids: Iterable[int] = ()
) -> bool:
    """Police certificates and risk assessments in the farm's vault name people and their circumstances:
    the farmer who keeps the approval file, the approval body and an auditor assigned to the farm read
    them; the rest of the farm's staff do not (approval.models.SENSITIVE_DOCUMENTS says which types)."""
    if membership is None:
        return False
    if can_keep_approval_file(membership, farm) or can_run_approvals(membership):
        return True
    return has_perm(membership, Perm.AUDIT_FARMS) and membership.user_id in set(assigned_auditor_ids)


# --- The handbook and the IPT school ----------------------------------------------------------


def can_edit_handbook(membership: Membership | None) -> bool:
    """The approval body's editors write the handbooks, for the whole country (no organisation scope)."""
    return has_perm(membership, Perm.EDIT_HANDBOOK)


def can_read_chapter(membership: Membership | None, chapter: Chapter) -> bool:
    """A published chapter is public; a draft only its editors see."""
    return chapter.is_published or can_edit_handbook(membership)


def can_take_course(user: User | AnonymousUser) -> bool:
    """Anyone may read the lessons; answering, progress and the certificate need a login."""
    return user.is_authenticated


def can_download_certificate(user: User | AnonymousUser, certificate: Certificate) -> bool:
    """Only its holder downloads the certificate; everyone else checks it by its code."""
    return user.is_authenticated and certificate.user_id == user.pk
