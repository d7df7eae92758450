"""Reads of buying places that depend on who is asking, with what each page needs.

The *_for(membership, pk) functions fetch an object only for a viewer who may see it, and refuse
(accounts.access.refuse) everyone else: views never weigh permission facts themselves.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import Promise

from tunet.accounts import access
from tunet.accounts.models import Membership, Organisation, User
from tunet.catalogue.models import Farm, Weekday
from tunet.catalogue.queries import farm_of
from tunet.core import geo

from . import matching
from .models import (
    Agreement,
    AgreementStatus,
    AgreementVersion,
    BuyerPolicy,
    Proposal,
    ProposalStatus,
    Request,
    RequestStatus,
    Signature,
    VersionState,
    add_months,
)
from .rules import BUYER, FARM, buyer_approvers_needed, missing_terms, still_to_sign

# --- Lists ---------------------------------------------------------------------------------------------


def _request_fits_farm(request: Request, farm: Farm, pairs: set[tuple[str, int]]) -> bool:
    """The farm has an offer for the request's area and group, and lies in the request's area."""
    if (request.service_area, request.target_group_id) not in pairs:
        return False
    chosen = [m.pk for m in request.municipalities.all()]
    if chosen:
        return farm.municipality_id in chosen
    near = request.near
    if near is not None and request.radius_km:
        return geo.distance_km(near.latitude, near.longitude, farm.latitude, farm.longitude) <= request.radius_km
    return True


def requests_for_farm(farm: Farm) -> list[Request]:
    """Open requests the farm was invited to or that match it (the same rule as matching.candidates)."""
    is_listed = Farm.objects.listed().filter(pk=farm.pk).exists()
    pairs = (
        set(farm.offers.filter(is_active=True).values_list("service_area", "target_groups").distinct())
        if is_listed
        else set()
    )
    invited = Q(invitations__farm=farm)
    maybe = invited | Q(service_area__in={a for a, _ in pairs}, target_group__in={g for _, g in pairs})
    requests = (
        Request.objects.filter(status=RequestStatus.OPEN)
        .filter(maybe)
        .distinct()
        .select_related("buyer", "target_group", "near")
        .prefetch_related(
            "municipalities",
            Prefetch("invitations", to_attr="invitation_list"),
            Prefetch("proposals", queryset=Proposal.objects.filter(farm=farm), to_attr="own"),
        )
        .order_by("answer_by", "id")
    )
    visible: list[Request] = []
    for request in requests:
        # What the overview shows of each request, on the request itself.
        was_invited = any(i.farm_id == farm.pk for i in request.invitation_list)
        request.invited = was_invited  # type: ignore[attr-defined]
        request.own_proposal = request.own[0] if request.own else None  # type: ignore[attr-defined]
        if was_invited or _request_fits_farm(request, farm, pairs):
            visible.append(request)
    return visible


def overview_for(membership: Membership | None) -> dict[str, Any]:
    """What each side sees on «Innkjøp»: requests, offers and agreements, with what to do next."""
    context: dict[str, Any] = {"membership": membership, "is_buyer": access.can_buy(membership)}
    if membership is not None and context["is_buyer"]:
        organisation = membership.organisation
        context["requests"] = list(
            Request.objects.filter(buyer=organisation)
            .select_related("target_group")
            .annotate(
                answers=Count("proposals", filter=Q(proposals__status=ProposalStatus.SUBMITTED), distinct=True),
                declines=Count("proposals", filter=Q(proposals__status=ProposalStatus.DECLINED), distinct=True),
            )
        )
        context["agreements"] = list(
            Agreement.objects.filter(buyer=organisation).select_related("farm__municipality", "service_offer")
        )
    farm = farm_of(membership) if membership else None
    if farm is not None and access.has_perm(membership, access.Perm.VIEW_ORGANISATION, farm.provider):
        context["farm"] = farm
        context["farm_requests"] = requests_for_farm(farm)
        context["proposals"] = list(
            Proposal.objects.filter(farm=farm).select_related("request__buyer", "service_offer")
        )
        context["farm_agreements"] = list(Agreement.objects.filter(farm=farm).select_related("buyer", "service_offer"))
        context["can_answer"] = access.can_answer_requests(membership, farm)
    return context


# --- Requests and offers -------------------------------------------------------------------------------


def buyers(organisation: Organisation) -> list[User]:
    """Who buys for an organisation, signs its agreements and is told about them."""
    return list(access.people_with_perm(access.Perm.BUY_PLACES, organisation=organisation))


def request_of(pk: int) -> Request:
    """A request with what its page shows, whoever asks (404 when there is none): the actions check."""
    return get_object_or_404(
        Request.objects.select_related("buyer", "target_group", "near", "created_by").prefetch_related(
            "municipalities"
        ),
        pk=pk,
    )


def request_for(membership: Membership | None, pk: int) -> tuple[Request, Farm | None]:
    """The request and the viewer's farm (None for a buyer), for its buyer's people and for a farm
    it was sent to or matches; 404 when there is no such request, 403 for everyone else."""
    request = request_of(pk)
    farm = farm_of(membership)
    access.require(access.can_view_request(membership, request, farm, matching.farm_may_see(request, farm)))
    return request, farm


def request_to_answer(membership: Membership | None, pk: int) -> tuple[Request, Farm]:
    """As request_for, for sending an answer: only those who answer on a farm's behalf."""
    request, farm = request_for(membership, pk)
    if farm is None or not access.can_answer_requests(membership, farm):
        access.refuse()
    return request, farm


def request_to_manage(membership: Membership | None, pk: int) -> Request:
    """The request, for its buyer's people only: 403 for everyone else, and for anyone who does not buy
    places even when there is no such request."""
    access.require(access.can_buy(membership))
    request = request_of(pk)
    access.require(access.can_manage_request(membership, request))
    return request


def proposal_for(membership: Membership | None, request_pk: int, pk: int) -> tuple[Request, Proposal]:
    """An answer to a request, for the request's buyer: 403 for everyone else, 404 when the request
    has no such answer."""
    request = request_to_manage(membership, request_pk)
    return request, proposal_of(request, pk)


def buyer_request_page(request: Request) -> dict[str, Any]:
    """The buyer's page of a request: ranked farms (with invitations) and the answers received."""
    invited = set(request.invitations.values_list("farm_id", flat=True))
    proposals = list(
        request.proposals.select_related("farm__municipality", "service_offer").order_by("status", "created_at")
    )
    answered = {proposal.farm_id for proposal in proposals}
    ranked = matching.rank(request)
    for entry in ranked:
        entry.invited = entry.farm.pk in invited
        entry.answered = entry.farm.pk in answered
    return {"ranked": ranked, "proposals": proposals}


def own_proposal(request: Request, farm: Farm | None) -> Proposal | None:
    return Proposal.objects.filter(request=request, farm=farm).select_related("service_offer").first()


def proposal_of(request: Request, pk: int) -> Proposal:
    return get_object_or_404(Proposal.objects.select_related("farm", "service_offer"), pk=pk, request=request)


# --- Agreements ----------------------------------------------------------------------------------------


def agreement_of(pk: int) -> Agreement:
    """An agreement with all its page needs in four queries, however many versions it has."""
    versions = AgreementVersion.objects.order_by("-number").prefetch_related(
        Prefetch("signatures", queryset=Signature.objects.select_related("user").order_by("at", "id"))
    )
    return get_object_or_404(
        Agreement.objects.select_related(
            "buyer__buyer_policy",
            "farm__provider",
            "farm__municipality",
            "service_offer",
            "proposal__request",
            "notice_given_by",
        ).prefetch_related(Prefetch("versions", queryset=versions, to_attr="version_list")),
        pk=pk,
    )


def agreement_for(membership: Membership | None, pk: int) -> Agreement:
    """The agreement with its versions (agreement_of), for both sides' people; 403 for everyone else."""
    agreement = agreement_of(pk)
    access.require(access.can_view_agreement(membership, agreement))
    return agreement


def agreement_to_sign(membership: Membership | None, pk: int) -> Agreement:
    """As agreement_for, for the pages that change it: only those who may sign for a side."""
    agreement = agreement_for(membership, pk)
    access.require(access.can_sign_agreement(membership, agreement))
    return agreement


def in_force(agreement: Agreement) -> AgreementVersion | None:
    """The signed version that applies now, if any."""
    return agreement.versions.filter(state=VersionState.SIGNED).first()


def notice_ends_on(agreement: Agreement, today: datetime.date | None = None) -> datetime.date:
    """The day an agreement given notice today ends: after the notice period of the version in
    force, and never later than that version would have run anyway."""
    today = today or timezone.localdate()
    version = in_force(agreement)
    if version is None:
        raise ValueError(f"{agreement} has no version in force to give notice on")
    return min(add_months(today, version.termination_months), version.runs_until)


def place_rows(version: AgreementVersion) -> list[tuple[Promise | str, int]]:
    """(weekday, places) for the days the version has places on, Monday first."""
    return [
        (Weekday(int(day)).label, places)
        for day, places in sorted(version.places.items(), key=lambda i: int(i[0]))
        if places
    ]


def notice_by(version: AgreementVersion) -> datetime.date:
    """The last day to give notice before the version's end: the end less the notice period."""
    return add_months(version.end, -version.termination_months)


def agreement_page(agreement: Agreement, membership: Membership) -> dict[str, Any]:
    """The version to show (the draft being agreed, else the one in force), and what each side must do."""
    versions = agreement.version_list  # type: ignore[attr-defined]  # prefetched by agreement_of()
    draft = next((v for v in versions if v.state == VersionState.DRAFT), None)
    current = next((v for v in versions if v.state == VersionState.SIGNED), None)
    shown = draft or current or versions[0]
    side = access.agreement_side(membership, agreement)
    is_open = agreement.status in (AgreementStatus.DRAFT, AgreementStatus.ACTIVE)
    buyer_needed = buyer_approvers_needed(agreement.buyer)
    missing = still_to_sign(draft.signatures.all(), buyer_needed) if draft else {}
    signed_by_me = draft is not None and any(
        s.user_id == membership.user_id and s.side == side for s in draft.signatures.all()
    )
    return {
        "agreement": agreement,
        "versions": versions,
        "draft": draft,
        "current": current,
        "shown": shown,
        "side": side,
        "buyer_needed": buyer_needed,
        "buyer_missing": missing.get(BUYER, 0),
        "farm_missing": missing.get(FARM, 0),
        "signed_by_me": signed_by_me,
        "can_sign": side is not None and is_open and draft is not None and not signed_by_me,
        "can_change": side is not None and is_open,
        "can_cancel": side is not None and agreement.status == AgreementStatus.DRAFT,
        "rows": place_rows(shown),
        "notice_by": notice_by(shown),
        "missing_terms": missing_terms(draft) if draft else [],
    }


def agreement_document(agreement: Agreement, version: AgreementVersion) -> dict[str, Any]:
    """What the PDF of one version shows: its contents and its signatures."""
    return {
        "agreement": agreement,
        "version": version,
        "rows": place_rows(version),
        "notice_by": notice_by(version),
        "signatures": list(version.signatures.all()),
        "buyer_needed": buyer_approvers_needed(agreement.buyer),
    }


def signing_rule_of(organisation: Organisation) -> BuyerPolicy:
    """The buyer's signing rule, or an unsaved default (one approver) if it has never set one."""
    return BuyerPolicy.objects.filter(organisation=organisation).first() or BuyerPolicy(organisation=organisation)
