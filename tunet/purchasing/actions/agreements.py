"""Accepting an offer and everything after: the agreement, its versions, signatures, cancelling
and notice. One transaction, one permission check, and who is told.

A version's contents change only while it is a draft, and both sides sign the same contents. A
change after signing is a new version, signed again; the signed one stays in force until then.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.accounts.models import Membership, User
from tunet.catalogue import page_cache
from tunet.catalogue.models import Farm
from tunet.core.notifications import notify
from tunet.core.rules import NotAllowed

from .. import capacity
from ..models import (
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
)
from ..queries import buyers, in_force, notice_ends_on
from ..rules import (
    BUYER,
    CONTENT_FIELDS,
    FARM,
    buyer_approvers_needed,
    content,
    fingerprint,
    missing_terms,
    other_side,
    still_to_sign,
)

# --- Accepting: the agreement and its places -----------------------------------------------------------

AGREEMENT_YEARS = 3

DEFAULT_RESPONSIBILITIES = _(
    "The farm is responsible for the day on the farm: meaningful work and activities, safety and "
    "supervision, meals, and reporting incidents to the buyer the same day. The buyer is responsible "
    "for referring participants, passing on what the farm needs to know to keep them safe, following "
    "up each participant, and paying on time. Both sides keep confidential what they learn about the "
    "participants and meet regularly to follow up the agreement."
)


def _years_later(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def _first_version(agreement: Agreement, proposal: Proposal, membership: Membership) -> AgreementVersion:
    request = proposal.request
    farm = proposal.farm
    start = max(request.start, timezone.localdate())
    return AgreementVersion.objects.create(
        agreement=agreement,
        number=1,
        start=start,
        end=_years_later(start, AGREEMENT_YEARS) - datetime.timedelta(days=1),
        places={str(day): proposal.places for day in proposal.weekdays},
        price_model=proposal.price_model,
        price=proposal.price,  # type: ignore[misc]  # a submitted offer has its price (forms.ProposalForm)
        transport=proposal.transport,
        buyer_contact=", ".join(
            p for p in (membership.user.full_name, membership.user.phone, membership.user.email) if p
        ),
        farm_contact=", ".join(p for p in (farm.contact_name, farm.contact_phone, farm.contact_email) if p),
        emergency_phone=farm.contact_phone or "",
        meeting_points=_("A start-up meeting before the first day, then follow-up meetings on the farm."),
        responsibilities=str(DEFAULT_RESPONSIBILITIES),
        created_by=membership.user,
    )


@transaction.atomic
def do_accept_proposal(membership: Membership, proposal: Proposal) -> Agreement:
    """The buyer accepts an offer: its places are reserved (or refused when they are gone) and an
    agreement draft with the standard agreement's contents is made for both sides to sign."""
    request = proposal.request
    if not access.can_manage_request(membership, request):
        raise PermissionDenied
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("farm", "request").get(pk=proposal.pk)
    if proposal.status == ProposalStatus.ACCEPTED:
        return proposal.agreement  # a double click
    if proposal.status != ProposalStatus.SUBMITTED or request.status != RequestStatus.OPEN:
        raise NotAllowed(_("This offer can no longer be accepted."))
    if not Farm.objects.listed().filter(pk=proposal.farm_id).exists():
        raise NotAllowed(_("The farm's approval is not valid now, so its offer cannot be accepted."))
    agreement = Agreement.objects.create(
        buyer=request.buyer,
        farm=proposal.farm,
        # A submitted offer always names one of the farm's offers (forms.ProposalForm requires it).
        service_offer=proposal.service_offer,  # type: ignore[misc]
        proposal=proposal,
    )
    version = _first_version(agreement, proposal, membership)
    _reserve(agreement, version)
    proposal.status = ProposalStatus.ACCEPTED
    proposal.save(update_fields=["status"])
    Proposal.objects.filter(request=request, status=ProposalStatus.SUBMITTED).exclude(pk=proposal.pk).update(
        status=ProposalStatus.REJECTED
    )
    request.status = RequestStatus.CLOSED
    request.save(update_fields=["status"])
    notify(
        access.farm_keepers(proposal.farm),
        title=_("%(buyer)s has accepted your offer") % {"buyer": request.buyer.name},
        body=_("The agreement is ready for you to read and sign."),
        url=reverse("purchasing:agreement", args=[agreement.pk]),
    )
    return agreement


# --- Agreements ---------------------------------------------------------------------------------------


def _side_of(membership: Membership, agreement: Agreement) -> str:
    side = access.agreement_side(membership, agreement)
    if side is None:
        raise PermissionDenied
    return side


def _locked(agreement: Agreement) -> Agreement:
    """The agreement, locked until the change is saved: two people signing or editing at once queue."""
    locked = (
        Agreement.objects.select_for_update(of=("self",))
        .select_related("buyer", "farm__provider", "service_offer")
        .get(pk=agreement.pk)
    )
    if locked.status in (AgreementStatus.CANCELLED, AgreementStatus.ENDED):
        raise NotAllowed(
            _("The agreement is %(status)s and can no longer be changed.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


def _people(agreement: Agreement, side: str) -> list[User]:
    """Who is told on a side: those who may sign for it."""
    return access.farm_keepers(agreement.farm) if side == FARM else buyers(agreement.buyer)


def _reserve(agreement: Agreement, *versions: AgreementVersion) -> None:
    """Hold the places of these versions: per weekday the most any of them asks for, over all their
    periods. While a new version is being agreed, the one in force still holds its places."""
    wanted: dict[int, int] = {}
    for version in versions:
        for day, places in version.places.items():
            if places:
                wanted[int(day)] = max(wanted.get(int(day), 0), int(places))
    # An agreement that renews itself keeps its places after its end date until it is terminated;
    # holding them only to the end date would let another buyer take places still in use.
    try:
        capacity.reserve(
            agreement,
            agreement.service_offer,
            wanted,
            min(version.start for version in versions),
            max(version.runs_until for version in versions),
        )
    except capacity.Full as full:
        raise NotAllowed(str(full)) from None


def _url(agreement: Agreement) -> str:
    return reverse("purchasing:agreement", args=[agreement.pk])


@transaction.atomic
def do_update_draft(membership: Membership, version: AgreementVersion, **terms: Any) -> AgreementVersion:
    """Either side changes the draft: terms are its new contents, one keyword per rules.CONTENT_FIELDS.
    Nobody has approved the changed contents, so the signatures already on the draft are removed;
    changed places or period are reserved again, or refused when the farm has no room."""
    if set(terms) != set(CONTENT_FIELDS):
        raise TypeError(f"do_update_draft() takes exactly the terms {CONTENT_FIELDS}")
    side = _side_of(membership, version.agreement)
    agreement = _locked(version.agreement)
    draft = AgreementVersion.objects.select_for_update().get(pk=version.pk, agreement=agreement)
    if draft.state != VersionState.DRAFT:
        raise NotAllowed(
            _("Version %(number)s is signed and cannot be changed. Make a new version.") % {"number": draft.number}
        )
    before = content(draft)
    for name in CONTENT_FIELDS:
        setattr(draft, name, terms[name])
    if content(draft) == before:
        return draft  # nothing changed (a second click): the signatures stand
    draft.save()
    had_signed = [signature.user for signature in draft.signatures.select_related("user")]
    draft.signatures.all().delete()
    if (draft.places, draft.start, draft.end) != (before["places"], before["start"], before["end"]):
        _reserve(agreement, *[v for v in (in_force(agreement), draft) if v is not None])
    told = [person for person in [*_people(agreement, other_side(side)), *had_signed] if person != membership.user]
    notify(
        told,
        title=_("The draft agreement %(agreement)s was changed") % {"agreement": agreement},
        body=_("%(who)s (%(org)s) changed version %(number)s. Read it again before you sign.")
        % {"who": membership.user.full_name, "org": membership.organisation.name, "number": draft.number},
        url=_url(agreement),
    )
    return draft


@transaction.atomic
def do_sign_agreement(membership: Membership, version: AgreementVersion, read: str | None = None) -> AgreementVersion:
    """Approve a version for one's side. read: the fingerprint of the contents the person read.

    The buyer's side is complete with one signature, or with two different people's when its
    signing rule asks for a second approver. When both sides are complete the version is signed and
    in force, and the version before it is replaced. Signing twice changes nothing.
    """
    side = _side_of(membership, version.agreement)
    agreement = _locked(version.agreement)
    version = AgreementVersion.objects.select_for_update().get(pk=version.pk, agreement=agreement)
    if version.signatures.filter(side=side, user=membership.user).exists():
        return version
    if version.state != VersionState.DRAFT:
        raise NotAllowed(_("Version %(number)s is no longer open for signing.") % {"number": version.number})
    if read is not None and read != fingerprint(version):
        raise NotAllowed(_("The agreement was changed while you read it. Read it again before you sign."))
    if missing := missing_terms(version):
        raise NotAllowed(
            _("Fill in %(terms)s in the draft before it is signed.") % {"terms": ", ".join(str(m) for m in missing)}
        )
    Signature.objects.create(version=version, side=side, user=membership.user)
    to_sign = still_to_sign(version.signatures.all(), buyer_approvers_needed(agreement.buyer))
    names = {"agreement": agreement, "org": membership.organisation.name, "number": version.number}
    if to_sign[side]:
        notify(
            [person for person in _people(agreement, side) if person != membership.user],
            title=_("The agreement %(agreement)s needs a second approver") % names,
            body=_("%(who)s has approved version %(number)s. Your organisation requires two people to approve it.")
            % {**names, "who": membership.user.full_name},
            url=_url(agreement),
        )
    elif to_sign[other_side(side)]:
        notify(
            _people(agreement, other_side(side)),
            title=_("%(org)s has signed the agreement %(agreement)s") % names,
            body=_("Version %(number)s now waits for your signature.") % names,
            url=_url(agreement),
        )
    else:
        _put_in_force(agreement, version)
        notify(
            [*_people(agreement, BUYER), *_people(agreement, FARM)],
            title=_("The agreement %(agreement)s is signed") % names,
            body=_("Version %(number)s is signed by both sides and in force from %(start)s.")
            % {**names, "start": date_format(version.start)},
            url=_url(agreement),
        )
    return version


def _put_in_force(agreement: Agreement, version: AgreementVersion) -> None:
    AgreementVersion.objects.filter(agreement=agreement, state=VersionState.SIGNED).update(state=VersionState.REPLACED)
    version.state = VersionState.SIGNED
    version.save(update_fields=["state"])
    _reserve(agreement, version)  # from now on exactly what was signed
    agreement.status = AgreementStatus.ACTIVE
    agreement.save(update_fields=["status"])


@transaction.atomic
def do_start_new_version(membership: Membership, agreement: Agreement, note: str) -> AgreementVersion:
    """A draft of the next version: a copy of the one in force, numbered one higher, to change and
    sign again. There is one draft at a time, so asking twice gives the same draft."""
    side = _side_of(membership, agreement)
    agreement = _locked(agreement)
    draft = agreement.versions.filter(state=VersionState.DRAFT).first()
    if draft is not None:
        return draft
    current = in_force(agreement)
    if current is None:
        raise NotAllowed(_("The agreement is not signed yet. Change the draft instead."))
    note = " ".join(note.split())
    if not note:
        raise NotAllowed(_("Write what should change, so the other side knows why."))
    number = agreement.versions.aggregate(highest=Max("number"))["highest"] + 1
    draft = AgreementVersion.objects.create(
        agreement=agreement,
        number=number,
        change_note=note[:300],
        created_by=membership.user,
        **content(current),
    )
    notify(
        _people(agreement, other_side(side)),
        title=_("A new version of the agreement %(agreement)s is being made") % {"agreement": agreement},
        body=_("%(org)s wants to change: %(note)s") % {"org": membership.organisation.name, "note": note},
        url=_url(agreement),
    )
    return draft


@transaction.atomic
def do_cancel_agreement(membership: Membership, agreement: Agreement) -> Agreement:
    """Call off an agreement that was never signed; its places are given back. A signed agreement
    is not cancelled: it ends by notice."""
    side = _side_of(membership, agreement)
    locked = Agreement.objects.select_for_update(of=("self",)).select_related("buyer", "farm__provider")
    agreement = locked.get(pk=agreement.pk)
    if agreement.status == AgreementStatus.CANCELLED:
        return agreement  # a second click
    if agreement.status != AgreementStatus.DRAFT:
        raise NotAllowed(_("A signed agreement cannot be cancelled. It ends by notice, as the agreement says."))
    agreement.status = AgreementStatus.CANCELLED
    agreement.save(update_fields=["status"])
    capacity.release(agreement)
    if agreement.proposal_id and agreement.proposal is not None:
        # The buyer can choose again among the offers that were set aside when this one was accepted.
        request = agreement.proposal.request
        Proposal.objects.filter(pk=agreement.proposal_id).update(status=ProposalStatus.REJECTED)
        # An offer whose own agreement was cancelled earlier stays set aside: it has had its agreement,
        # and accepting it again would make a second one for the same offer.
        Proposal.objects.filter(request=request, status=ProposalStatus.REJECTED, agreement__isnull=True).exclude(
            pk=agreement.proposal_id
        ).update(status=ProposalStatus.SUBMITTED)
        Request.objects.filter(pk=request.pk, status=RequestStatus.CLOSED).update(status=RequestStatus.OPEN)
    notify(
        _people(agreement, other_side(side)),
        title=_("The agreement %(agreement)s was cancelled before it was signed") % {"agreement": agreement},
        body=_("%(who)s (%(org)s) cancelled it. The places are free again.")
        % {"who": membership.user.full_name, "org": membership.organisation.name},
        url=_url(agreement),
    )
    return agreement


@transaction.atomic
def do_give_notice(
    membership: Membership, agreement: Agreement, note: str, today: datetime.date | None = None
) -> Agreement:
    """Either side ends a signed agreement by notice: it runs to the end of the notice period, its
    places are held until then and free after, and the other side is told. Giving notice twice
    changes nothing."""
    side = _side_of(membership, agreement)
    agreement = _locked(agreement)
    if agreement.ends_on is not None:
        return agreement
    if agreement.status != AgreementStatus.ACTIVE:
        raise NotAllowed(_("Only an agreement in force can be terminated. An unsigned one is cancelled."))
    note = " ".join(note.split())
    if not note:
        raise NotAllowed(_("Write why the agreement is terminated, so the other side knows."))
    agreement.ends_on = notice_ends_on(agreement, today)
    agreement.notice_given_by = membership.user
    agreement.notice_given_at = timezone.now()
    agreement.notice_note = note[:1000]
    agreement.save(update_fields=["ends_on", "notice_given_by", "notice_given_at", "notice_note"])
    agreement.reservations.filter(end__gt=agreement.ends_on).update(end=agreement.ends_on)
    page_cache.bump_version()
    notify(
        _people(agreement, other_side(side)),
        title=_("The agreement %(agreement)s is terminated") % {"agreement": agreement},
        body=_("%(org)s has given notice. The agreement ends %(date)s.")
        % {"org": membership.organisation.name, "date": date_format(agreement.ends_on)},
        url=_url(agreement),
    )
    return agreement


@transaction.atomic
def do_set_signing_rule(membership: Membership, second_approver_required: bool) -> BuyerPolicy:
    """A buyer's administrator decides whether two people must approve each agreement. It applies to
    signatures from now on; a version already signed stays signed."""
    if not access.can_set_signing_rule(membership):
        raise PermissionDenied
    policy, _created = BuyerPolicy.objects.update_or_create(
        organisation=membership.organisation, defaults={"second_approver_required": second_approver_required}
    )
    return policy
