"""Reads for the API: the client behind a token, the membership it acts through, and the lists each
endpoint returns, scoped by the permission layer the same way the pages are."""

from __future__ import annotations

import hmac

from django.db.models import Prefetch, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from tunet.accounts import access
from tunet.accounts.models import Membership, Organisation
from tunet.care.models import Placement
from tunet.care.queries import farm_sees
from tunet.catalogue.queries import farm_of
from tunet.purchasing.models import Agreement, AgreementVersion, Proposal, Request

from .actions import TOKEN_PREFIX, digest
from .models import ApiClient

# --- Clients ----------------------------------------------------------------------------------------------


def client_for_token(token: str) -> ApiClient | None:
    """The usable (not revoked, not expired) client the token belongs to, or None."""
    parts = token.split("_", 2)  # the secret may itself hold "_"
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or len(token) > 100:
        return None
    client = ApiClient.objects.select_related("organisation", "user").filter(key=parts[1]).first()
    if client is None or not hmac.compare_digest(client.digest, digest(parts[2])) or not client.is_usable():
        return None
    return client


def acting_membership(client: ApiClient) -> Membership:
    """The membership the client acts through: its organisation, the least role that does an integration's
    work (access.api_client_role), and its own user. Never saved: it exists for the permission checks and
    the access log only, so the client is never anyone's colleague, never told anything and never listed."""
    role = access.api_client_role(client.organisation) or ""
    return Membership(user=client.user, organisation=client.organisation, role=role)


def mark_used(client: ApiClient) -> None:
    """Remember when the client was last used, at most once a minute (a write per request is too many)."""
    now = timezone.now()
    if client.last_used_at is None or (now - client.last_used_at).total_seconds() > 60:
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=now)
        client.last_used_at = now


def clients_of(membership: Membership | None, organisation_pk: int) -> tuple[Organisation, list[ApiClient]]:
    """The organisation's clients, for those who manage them (403 for everyone else)."""
    organisation = get_object_or_404(Organisation, pk=organisation_pk)
    access.require(access.can_manage_api_clients(membership, organisation))
    clients = list(ApiClient.objects.filter(organisation=organisation).select_related("created_by", "revoked_by"))
    return organisation, clients


def client_for(membership: Membership | None, organisation_pk: int, pk: int) -> ApiClient:
    """One of the organisation's clients, for those who manage them (404 if not the organisation's)."""
    organisation, _clients = clients_of(membership, organisation_pk)
    return access.found(ApiClient.objects.filter(organisation=organisation, pk=pk).first())


# --- Buying ---------------------------------------------------------------------------------------------


def requests_of(membership: Membership | None) -> QuerySet[Request]:
    """The buyer's own requests; nothing for a farm (it answers requests on the pages)."""
    if membership is None or not access.can_buy(membership):
        return Request.objects.none()
    return Request.objects.filter(buyer=membership.organisation).select_related("target_group")


def proposals_received(membership: Membership | None) -> QuerySet[Proposal]:
    """The offers farms have sent (or declined with) on the buyer's requests."""
    if membership is None or not access.can_buy(membership):
        return Proposal.objects.none()
    return Proposal.objects.filter(request__buyer=membership.organisation).select_related(
        "farm", "service_offer", "request"
    )


def agreements_of(membership: Membership | None) -> QuerySet[Agreement]:
    """The agreements of the membership's organisation, as buyer or as farm, with their versions."""
    if membership is None or not access.has_perm(membership, access.Perm.VIEW_ORGANISATION):
        return Agreement.objects.none()
    versions = AgreementVersion.objects.order_by("number")
    agreements = Agreement.objects.select_related("buyer", "farm", "service_offer").prefetch_related(
        Prefetch("versions", queryset=versions, to_attr="version_list")
    )
    farm = farm_of(membership)
    if farm is not None:
        return agreements.filter(farm=farm)
    return agreements.filter(buyer=membership.organisation)


def agreement_for(membership: Membership | None, pk: int) -> Agreement:
    """One agreement (as agreements_of), 404 if it is not the organisation's."""
    agreement = access.found(agreements_of(membership).filter(pk=pk).first())
    access.require(access.can_view_agreement(membership, agreement))
    return agreement


# --- Placements -----------------------------------------------------------------------------------------


def placements_of(membership: Membership | None) -> QuerySet[Placement]:
    """The placements of the participants the membership may follow: the buyer's own, or those on the
    farm (not declined referrals, and not after FARM_HISTORY_YEARS)."""
    if membership is None or not access.has_perm(membership, access.Perm.FOLLOW_PARTICIPANTS):
        return Placement.objects.none()
    placements = Placement.objects.select_related("participant", "agreement")
    if membership.organisation.kind in access.BUYER_KINDS:
        return placements.filter(participant__buyer=membership.organisation)
    farm = farm_of(membership)
    if farm is None:
        return Placement.objects.none()
    return placements.filter(farm_sees(), agreement__farm=farm)


def placement_for(membership: Membership | None, pk: int) -> Placement:
    """One placement (as placements_of), 404 if the membership may not follow it."""
    placement = access.found(
        placements_of(membership).select_related("agreement__farm__provider", "agreement__buyer").filter(pk=pk).first()
    )
    access.require(access.can_follow_placement(membership, placement))
    return placement
