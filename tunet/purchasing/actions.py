"""Every change in buying places: one transaction, one permission check, and who is told."""

import datetime
import hashlib
import json

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tunet.accounts import access
from tunet.catalogue import page_cache
from tunet.catalogue.models import Farm
from tunet.core.notifications import notify
from tunet.core.rules import NotAllowed

from . import capacity, matching
from .models import (
    Agreement,
    AgreementStatus,
    AgreementVersion,
    BuyerPolicy,
    Invitation,
    Proposal,
    ProposalStatus,
    Request,
    RequestStatus,
    Signature,
    VersionState,
    add_months,
)


def buyers(organisation):
    return list(access.people_with_perm(access.Perm.BUY_PLACES, organisation=organisation))


# --- Requests ----------------------------------------------------------------------------------------


@transaction.atomic
def create_request(membership, form):
    """Publish a buyer's request; the farms that match it in the area are told."""
    if not access.can_buy(membership):
        raise PermissionDenied
    request = form.save(commit=False)
    request.buyer = membership.organisation
    request.created_by = membership.user
    request.save()
    form.save_m2m()
    url = reverse("purchasing:request", args=[request.pk])
    for ranked in matching.rank(request):
        if ranked.fits:
            notify(
                access.farm_keepers(ranked.farm),
                title=_("A new request matches your farm: %(title)s") % {"title": request.title},
                body=_("%(buyer)s asks for %(places)s places on %(days)s from %(start)s. Answer by %(by)s.")
                % {
                    "buyer": request.buyer.name,
                    "places": request.places,
                    "days": request.weekday_labels.lower(),
                    "start": date_format(request.start),
                    "by": date_format(request.answer_by),
                },
                url=url,
                key=f"request-{request.pk}-matches",
            )
    return request


@transaction.atomic
def invite(membership, request, farm):
    """The buyer asks a farm to answer; inviting twice is harmless."""
    if not access.can_manage_request(membership, request):
        raise PermissionDenied
    if request.status != RequestStatus.OPEN:
        raise NotAllowed(_("The request is closed."))
    if not Farm.objects.listed().filter(pk=farm.pk).exists():
        # Places are bought only from approved farms; an invitation would let any other farm answer.
        raise NotAllowed(_("%(farm)s is not approved and cannot be invited.") % {"farm": farm.name})
    invitation, created = Invitation.objects.get_or_create(
        request=request, farm=farm, defaults={"invited_by": membership.user}
    )
    if created:
        notify(
            access.farm_keepers(farm),
            title=_("%(buyer)s invites you to answer a request") % {"buyer": request.buyer.name},
            body=_("%(title)s. Answer by %(by)s.") % {"title": request.title, "by": date_format(request.answer_by)},
            url=reverse("purchasing:request", args=[request.pk]),
            key=f"request-{request.pk}-invited",
        )
    return invitation


@transaction.atomic
def cancel_request(membership, request):
    if not access.can_manage_request(membership, request):
        raise PermissionDenied
    if request.status == RequestStatus.OPEN:
        request.status = RequestStatus.CANCELLED
        request.save(update_fields=["status"])
    return request


# --- Proposals ---------------------------------------------------------------------------------------


def _answering(membership, request, farm):
    if farm is None or not access.can_answer_requests(membership, farm):
        raise PermissionDenied
    if not matching.farm_may_see(request, farm):
        raise PermissionDenied
    if request.status != RequestStatus.OPEN:
        raise NotAllowed(_("The request is closed and takes no more answers."))


@transaction.atomic
def submit_proposal(membership, request, farm, form):
    """The farm offers places. One answer per farm per request: a second send changes nothing."""
    _answering(membership, request, farm)
    proposal = form.save(commit=False)
    proposal.request, proposal.farm, proposal.created_by = request, farm, membership.user
    proposal.status = ProposalStatus.SUBMITTED
    try:
        with transaction.atomic():
            proposal.save()
    except IntegrityError:
        return Proposal.objects.get(request=request, farm=farm)
    notify(
        buyers(request.buyer),
        title=_("%(farm)s has sent an offer") % {"farm": farm.name},
        body=_("For the request «%(title)s».") % {"title": request.title},
        url=reverse("purchasing:request", args=[request.pk]),
    )
    return proposal


@transaction.atomic
def decline(membership, request, farm, reason):
    _answering(membership, request, farm)
    if not reason.strip():
        raise NotAllowed(_("Tell the buyer why you say no."))
    proposal, created = Proposal.objects.get_or_create(
        request=request,
        farm=farm,
        defaults={"status": ProposalStatus.DECLINED, "decline_reason": reason.strip(), "created_by": membership.user},
    )
    if created:
        notify(
            buyers(request.buyer),
            title=_("%(farm)s says no to your request") % {"farm": farm.name},
            body=_("For the request «%(title)s»: %(reason)s")
            % {"title": request.title, "reason": proposal.decline_reason},
            url=reverse("purchasing:request", args=[request.pk]),
        )
    return proposal


# --- Accepting: the agreement and its places -----------------------------------------------------------

AGREEMENT_YEARS = 3

DEFAULT_RESPONSIBILITIES = _(
    "The farm is responsible for the day on the farm: meaningful work and activities, safety and "
    "supervision, meals, and reporting incidents to the buyer the same day. The buyer is responsible "
    "for referring participants, passing on what the farm needs to know to keep them safe, following "
    "up each participant, and paying on time. Both sides keep confidential what they learn about the "
    "participants and meet regularly to follow up the agreement."
)


def _years_later(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def first_version(agreement, proposal, membership):
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
        price=proposal.price,
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
def accept(membership, proposal):
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
        buyer=request.buyer, farm=proposal.farm, service_offer=proposal.service_offer, proposal=proposal
    )
    version = first_version(agreement, proposal, membership)
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


# --- Agreements --------------------------------------------------------------------------------------
# A version's contents change only while it is a draft, and both sides sign the same contents. A
# change after signing is a new version, signed again; the signed one stays in force until then.

BUYER, FARM = "buyer", "farm"  # the sides, as access.agreement_side names them

CONTENT_FIELDS = (
    "start", "end", "renewal_years", "places", "price_model", "price", "transport", "buyer_contact",
    "farm_contact", "emergency_phone", "meeting_points", "meeting_frequency", "responsibilities",
    "termination_months",
)  # fmt: skip


def _side_of(membership, agreement):
    side = access.agreement_side(membership, agreement)
    if side is None:
        raise PermissionDenied
    return side


def _locked(agreement):
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


def _people(agreement, side):
    """Who is told on a side: those who may sign for it."""
    return access.farm_keepers(agreement.farm) if side == FARM else buyers(agreement.buyer)


def _other(side):
    return FARM if side == BUYER else BUYER


def _content(version):
    return {name: getattr(version, name) for name in CONTENT_FIELDS}


def fingerprint(version):
    """A short digest of a version's contents. The signing form carries it, so a change made while
    someone read the agreement is never signed unread."""
    text = json.dumps(_content(version), sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:20]


def buyer_approvers_needed(buyer):
    """How many different people must sign for the buyer: two when its signing rule says so."""
    policy = getattr(buyer, "buyer_policy", None)
    return 2 if policy is not None and policy.second_approver_required else 1


def still_to_sign(signatures, buyer_needed):
    """{side: how many more people must sign} for a version with these signatures."""
    signed = {BUYER: set(), FARM: set()}
    for signature in signatures:
        signed[str(signature.side)].add(signature.user_id)
    return {BUYER: max(buyer_needed - len(signed[BUYER]), 0), FARM: max(1 - len(signed[FARM]), 0)}


def missing_terms(version):
    """The terms a version cannot be signed without, as their labels: whom to call, and when it matters."""
    required = ("buyer_contact", "farm_contact", "emergency_phone")
    fields = [AgreementVersion._meta.get_field(name) for name in required]
    return [field.verbose_name for field in fields if not getattr(version, field.attname).strip()]


def in_force(agreement):
    return agreement.versions.filter(state=VersionState.SIGNED).first()


def _reserve(agreement, *versions):
    """Hold the places of these versions: per weekday the most any of them asks for, over all their
    periods. While a new version is being agreed, the one in force still holds its places."""
    wanted = {}
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


def _url(agreement):
    return reverse("purchasing:agreement", args=[agreement.pk])


@transaction.atomic
def update_draft(membership, version, form):
    """Either side changes the draft (a valid forms.AgreementForm). Nobody has approved the changed
    contents, so the signatures already on the draft are removed; changed places or period are
    reserved again, or refused when the farm has no room."""
    side = _side_of(membership, version.agreement)
    agreement = _locked(version.agreement)
    draft = AgreementVersion.objects.select_for_update().get(pk=version.pk, agreement=agreement)
    if draft.state != VersionState.DRAFT:
        raise NotAllowed(
            _("Version %(number)s is signed and cannot be changed. Make a new version.") % {"number": draft.number}
        )
    before = _content(draft)
    for name in CONTENT_FIELDS:
        setattr(draft, name, form.cleaned_data[name])
    if _content(draft) == before:
        return draft  # nothing changed (a second click): the signatures stand
    draft.save()
    had_signed = [signature.user for signature in draft.signatures.select_related("user")]
    draft.signatures.all().delete()
    if (draft.places, draft.start, draft.end) != (before["places"], before["start"], before["end"]):
        _reserve(agreement, *[v for v in (in_force(agreement), draft) if v is not None])
    told = [person for person in [*_people(agreement, _other(side)), *had_signed] if person != membership.user]
    notify(
        told,
        title=_("The draft agreement %(agreement)s was changed") % {"agreement": agreement},
        body=_("%(who)s (%(org)s) changed version %(number)s. Read it again before you sign.")
        % {"who": membership.user.full_name, "org": membership.organisation.name, "number": draft.number},
        url=_url(agreement),
    )
    return draft


@transaction.atomic
def sign(membership, version, read=None):
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
    missing = still_to_sign(version.signatures.all(), buyer_approvers_needed(agreement.buyer))
    names = {"agreement": agreement, "org": membership.organisation.name, "number": version.number}
    if missing[side]:
        notify(
            [person for person in _people(agreement, side) if person != membership.user],
            title=_("The agreement %(agreement)s needs a second approver") % names,
            body=_("%(who)s has approved version %(number)s. Your organisation requires two people to approve it.")
            % {**names, "who": membership.user.full_name},
            url=_url(agreement),
        )
    elif missing[_other(side)]:
        notify(
            _people(agreement, _other(side)),
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


def _put_in_force(agreement, version):
    AgreementVersion.objects.filter(agreement=agreement, state=VersionState.SIGNED).update(state=VersionState.REPLACED)
    version.state = VersionState.SIGNED
    version.save(update_fields=["state"])
    _reserve(agreement, version)  # from now on exactly what was signed
    agreement.status = AgreementStatus.ACTIVE
    agreement.save(update_fields=["status"])


@transaction.atomic
def new_version(membership, agreement, note):
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
        **_content(current),
    )
    notify(
        _people(agreement, _other(side)),
        title=_("A new version of the agreement %(agreement)s is being made") % {"agreement": agreement},
        body=_("%(org)s wants to change: %(note)s") % {"org": membership.organisation.name, "note": note},
        url=_url(agreement),
    )
    return draft


@transaction.atomic
def cancel(membership, agreement):
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
    if agreement.proposal_id:
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
        _people(agreement, _other(side)),
        title=_("The agreement %(agreement)s was cancelled before it was signed") % {"agreement": agreement},
        body=_("%(who)s (%(org)s) cancelled it. The places are free again.")
        % {"who": membership.user.full_name, "org": membership.organisation.name},
        url=_url(agreement),
    )
    return agreement


def notice_ends_on(agreement, today=None):
    """The day an agreement given notice today ends: after the notice period of the version in
    force, and never later than that version would have run anyway."""
    today = today or timezone.localdate()
    version = in_force(agreement)
    return min(add_months(today, version.termination_months), version.runs_until)


@transaction.atomic
def give_notice(membership, agreement, note, today=None):
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
        _people(agreement, _other(side)),
        title=_("The agreement %(agreement)s is terminated") % {"agreement": agreement},
        body=_("%(org)s has given notice. The agreement ends %(date)s.")
        % {"org": membership.organisation.name, "date": date_format(agreement.ends_on)},
        url=_url(agreement),
    )
    return agreement


@transaction.atomic
def set_signing_rule(membership, second_approver_required):
    """A buyer's administrator decides whether two people must approve each agreement. It applies to
    signatures from now on; a version already signed stays signed."""
    if not access.can_set_signing_rule(membership):
        raise PermissionDenied
    policy, _created = BuyerPolicy.objects.update_or_create(
        organisation=membership.organisation, defaults={"second_approver_required": second_approver_required}
    )
    return policy
