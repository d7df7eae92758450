"""The permission layer: every "may this person do this to that?" is answered here.

Views, API endpoints, exports and tasks call these functions; nothing else compares
organisation ids. Roles are data (ROLE_PERMISSIONS): a check is one function call.

A person acts through one *membership* at a time (the organisation and role chosen in the
header). Permissions come from that membership's role and are limited to its organisation.
"""

from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, NoReturn

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from .models import ROLES_BY_KIND, AccessLogEntry, Membership, OrganisationKind, Role, User


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
    EDIT_HANDBOOK = "learning.edit_handbook"


_EVERY_MEMBER = {Perm.VIEW_ORGANISATION}

ROLE_PERMISSIONS = {
    # EDIT_FARM only ever applies within the administrator's own organisation, so it matters
    # only for a provider's administrator.
    Role.ADMIN: _EVERY_MEMBER | {Perm.MANAGE_ORGANISATION, Perm.MANAGE_MEMBERS, Perm.EDIT_FARM},
    Role.FARMER: _EVERY_MEMBER
    | {Perm.MANAGE_ORGANISATION, Perm.MANAGE_MEMBERS, Perm.EDIT_FARM, Perm.FOLLOW_PARTICIPANTS},
    Role.FARM_STAFF: _EVERY_MEMBER | {Perm.FOLLOW_PARTICIPANTS},
    Role.CASE_WORKER: _EVERY_MEMBER | {Perm.BUY_PLACES, Perm.FOLLOW_PARTICIPANTS},
    Role.NAV_ADVISER: _EVERY_MEMBER | {Perm.BUY_PLACES, Perm.FOLLOW_PARTICIPANTS},
    Role.APPROVAL_OFFICER: _EVERY_MEMBER | {Perm.RUN_APPROVALS, Perm.EDIT_HANDBOOK},
    Role.AUDITOR: _EVERY_MEMBER | {Perm.AUDIT_FARMS},
    Role.COORDINATOR: _EVERY_MEMBER | {Perm.VIEW_REGION_STATISTICS},
}


# --- Memberships ------------------------------------------------------------------------------


SESSION_KEY = "active_membership_id"


def memberships(request):
    """The memberships of the person making the request, read once per request."""
    if not hasattr(request, "_tunet_memberships"):
        request._tunet_memberships = memberships_of(request.user)
    return request._tunet_memberships


def active_membership(request):
    """The membership the person acts through now: the one chosen in the header, or their first."""
    return choose_membership(memberships(request), request.session.get(SESSION_KEY))


def memberships_of(user):
    """The memberships a person can act through, with their organisations, in a stable order."""
    if not user.is_authenticated:
        return []
    return list(
        Membership.objects.filter(user=user, organisation__isnull=False)
        .select_related("organisation")
        .order_by("organisation__name", "role", "id")
    )


def choose_membership(memberships, wanted_id):
    """The membership with id wanted_id if the person has it, else their first, else None."""
    for membership in memberships:
        if membership.id == wanted_id:
            return membership
    return memberships[0] if memberships else None


def has_perm(membership, perm, organisation=None):
    """Whether the membership's role grants perm, within its own organisation.

    With organisation given, the answer is also no when it is another organisation.
    """
    if membership is None:
        return False
    if organisation is not None and membership.organisation_id != organisation.id:
        return False
    return perm in ROLE_PERMISSIONS.get(membership.role, set())


# --- Refusing ------------------------------------------------------------------------------------------
# The one way to refuse. An object looked up within what the viewer may see (their own farm's deviation,
# their own organisation's member) and not found there is hidden: 404, the viewer may not know it
# exists. Anything else the viewer may not do is forbidden: 403. The apps' fetchers (participant_for,
# revision_for, ...) call these; views never raise either themselves.


def refuse(hidden=False) -> NoReturn:
    """404 when the viewer may not know the object exists (hidden), 403 otherwise."""
    if hidden:
        raise Http404
    raise PermissionDenied


def require(allowed, hidden=False):
    """Refuse (see refuse()) unless allowed. Views call this with one of the checks below."""
    if not allowed:
        refuse(hidden)


def found(obj, hidden=True):
    """The object, or a refusal when the lookup within the viewer's scope found nothing (404)."""
    if obj is None:
        refuse(hidden)
    return obj


def acting(check: Callable[..., bool] | None = None):
    """The one decorator for "this membership may do X": the view needs a login, gets the membership the
    person acts through as its second argument, and is refused (403) unless check(membership) holds.

        @acting(access.can_buy)
        def request_new(request, membership): ...
    """

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            membership = active_membership(request)
            if check is not None:
                require(check(membership))
            return view(request, membership, *args, **kwargs)

        return login_required(wrapped)

    return decorator


def may(perm):
    """A check for acting(): the membership's role grants perm (in its own organisation)."""

    def check(membership):
        return has_perm(membership, perm)

    check.__name__ = f"may_{perm.replace('.', '_')}"
    return check


# --- Organisations ----------------------------------------------------------------------------


def can_view_organisation(membership, organisation):
    return has_perm(membership, Perm.VIEW_ORGANISATION, organisation)


def can_manage_organisation(membership, organisation):
    return has_perm(membership, Perm.MANAGE_ORGANISATION, organisation)


def can_manage_members(membership, organisation):
    return has_perm(membership, Perm.MANAGE_MEMBERS, organisation)


def can_remove_membership(membership, target):
    """An administrator may remove others' memberships in their organisation, not their own.

    Removing one's own administrator role could leave an organisation with nobody to manage it.
    """
    return can_manage_members(membership, target.organisation) and target.id != membership.id


def roles_for(organisation):
    """The roles a person can be given in this kind of organisation."""
    return ROLES_BY_KIND[OrganisationKind(organisation.kind)]


# --- Farms -------------------------------------------------------------------------------------


def can_edit_farm(membership, farm):
    """The provider's farmer (and administrator) keeps the farm's profile and offers."""
    return has_perm(membership, Perm.EDIT_FARM, farm.provider)


def can_create_farm(membership):
    """A provider's farmer or administrator creates its farm profile (a provider has one farm)."""
    return (
        membership is not None
        and membership.organisation.kind == OrganisationKind.PROVIDER
        and has_perm(membership, Perm.EDIT_FARM, membership.organisation)
    )


def can_view_farm(membership, farm, listed):
    """Anyone sees a listed (approved) farm; an unlisted one only its own people and the approval body."""
    if listed:
        return True
    if membership is None:
        return False
    return has_perm(membership, Perm.VIEW_ORGANISATION, farm.provider) or has_perm(membership, Perm.RUN_APPROVALS)


# --- The approval scheme ------------------------------------------------------------------------
# A farm keeps its own approval file; the approval body sees every file and runs the scheme; an
# auditor sees the files of the farms assigned to them; buyers and the public see only the
# approval's status and valid-until date (on the farm page).


def can_keep_approval_file(membership, farm):
    """The farm's farmer (and administrator) uploads documents, answers the self-audit, closes deviations."""
    return has_perm(membership, Perm.EDIT_FARM, farm.provider)


def can_run_approvals(membership):
    """The approval body: standards, assigning auditors, the national overview, revoking."""
    return has_perm(membership, Perm.RUN_APPROVALS)


def can_audit(membership, revision):
    """Only the auditor the revision is assigned to records it."""
    return (
        has_perm(membership, Perm.AUDIT_FARMS)
        and membership.organisation.kind == OrganisationKind.AUDITOR_FIRM
        and revision.auditor_id == membership.user_id
    )


def people_with_perm(perm, organisation=None, kind=None):
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


def farm_keepers(farm):
    """Who decides for a farm and is told about its business: its farmer (and the provider's administrator)."""
    return list(people_with_perm(Perm.EDIT_FARM, organisation=farm.provider))


def can_view_approval_file(membership, farm, assigned_auditor_ids=()):
    """The farm itself, the approval body, and an auditor the farm has been assigned to.

    assigned_auditor_ids: the users assigned to revise this farm (queries.auditor_ids_of(farm)).
    """
    if membership is None:
        return False
    if has_perm(membership, Perm.VIEW_ORGANISATION, farm.provider) or can_run_approvals(membership):
        return True
    return has_perm(membership, Perm.AUDIT_FARMS) and membership.user_id in set(assigned_auditor_ids)


# --- The handbook and the IPT school ----------------------------------------------------------


def can_edit_handbook(membership):
    """The approval body's editors write the handbooks, for the whole country (no organisation scope)."""
    return has_perm(membership, Perm.EDIT_HANDBOOK)


def can_read_chapter(membership, chapter):
    """A published chapter is public; a draft only its editors see."""
    return chapter.is_published or can_edit_handbook(membership)


def can_take_course(user):
    """Anyone may read the lessons; answering, progress and the certificate need a login."""
    return user.is_authenticated


def can_download_certificate(user, certificate):
    """Only its holder downloads the certificate; everyone else checks it by its code."""
    return user.is_authenticated and certificate.user_id == user.pk


# --- Buying places ----------------------------------------------------------------------------
# A buyer sees its own requests and agreements; a farm sees the requests it was invited to or that
# match it, and its own offers and agreements.


def can_buy(membership):
    """Case workers and NAV advisers write requests, choose offers and sign for their organisation."""
    return has_perm(membership, Perm.BUY_PLACES)


def can_manage_request(membership, request):
    return has_perm(membership, Perm.BUY_PLACES, request.buyer)


def can_answer_requests(membership, farm):
    """The farmer (or the provider's administrator) answers requests on the farm's behalf."""
    return has_perm(membership, Perm.EDIT_FARM, farm.provider)


def can_view_request(membership, request, farm=None, farm_may_see=False):
    """The buyer's own people; a farm's people when the request was sent to it or matches it.

    farm: the membership's farm; farm_may_see: queries.farm_may_see(request, farm).
    """
    if can_manage_request(membership, request):
        return True
    return farm is not None and farm_may_see and has_perm(membership, Perm.VIEW_ORGANISATION, farm.provider)


def agreement_side(membership, agreement):
    """ "buyer" or "farm": the side of the agreement this membership may sign for, or None."""
    if has_perm(membership, Perm.BUY_PLACES, agreement.buyer):
        return "buyer"
    if has_perm(membership, Perm.EDIT_FARM, agreement.farm.provider):
        return "farm"
    return None


def can_view_agreement(membership, agreement):
    """Everyone in the buyer organisation and the farm who works with the placements."""
    if membership is None:
        return False
    return has_perm(membership, Perm.VIEW_ORGANISATION, agreement.buyer) or has_perm(
        membership, Perm.VIEW_ORGANISATION, agreement.farm.provider
    )


def can_sign_agreement(membership, agreement):
    """Those who may sign for a side also keep the draft: change it, make a new version, cancel it."""
    return agreement_side(membership, agreement) is not None


def can_set_signing_rule(membership):
    """A buyer's administrator decides whether its agreements need a second approver."""
    return (
        membership is not None
        and membership.organisation.is_buyer
        and can_manage_organisation(membership, membership.organisation)
    )


# --- Participants and the farm day ---------------------------------------------------------------
# A buyer sees the participants it registered; a farm those referred or placed with it; nobody
# else (the approval body, auditors, other organisations) sees any. A protected participant's
# address and contact details are shown only to the people named for them. Every read of a
# participant's personal data is logged with log_access().

BUYER_KINDS = (OrganisationKind.MUNICIPALITY, OrganisationKind.NAV_OFFICE)


def can_register_participants(membership):
    """Case workers and NAV advisers register the participants they refer."""
    return has_perm(membership, Perm.FOLLOW_PARTICIPANTS) and membership.organisation.kind in BUYER_KINDS


def can_manage_participant(membership, participant):
    """The buyer organisation that registered the participant keeps their details and placements."""
    return has_perm(membership, Perm.FOLLOW_PARTICIPANTS, participant.buyer)


def can_view_participant(membership, participant, farm_provider_ids=()):
    """The registering buyer's people, and the people of a farm the participant is referred or
    placed with (farm_provider_ids: the providers of those farms, from the care queries)."""
    if can_manage_participant(membership, participant):
        return True
    return has_perm(membership, Perm.FOLLOW_PARTICIPANTS) and membership.organisation_id in set(farm_provider_ids)


def can_see_contact_details(membership, participant, named_user_ids=()):
    """Address and contact details: for everyone who may view the participant, unless the participant
    is protected; then only for the people named for them."""
    return not participant.protected or membership.user_id in set(named_user_ids)


def can_run_farm_day(membership, farm):
    """The farm's people who follow participants register attendance, incidents and the day's note."""
    return has_perm(membership, Perm.FOLLOW_PARTICIPANTS, farm.provider)


def can_decide_referral(membership, farm):
    """The farmer accepts or declines a referral and proposes changes to a placement."""
    return has_perm(membership, Perm.EDIT_FARM, farm.provider)


# --- The farm day's papers: incidents, meetings, invoice bases ------------------------------------
# They concern an agreement's participants, so they are for the people who follow participants on
# either side of the agreement: the buyer's case workers or NAV advisers, the farm's farmer and staff.


def can_follow_agreement(membership, agreement):
    """Incidents, follow-up meetings and invoice bases of the agreement's participants."""
    return has_perm(membership, Perm.FOLLOW_PARTICIPANTS, agreement.buyer) or has_perm(
        membership, Perm.FOLLOW_PARTICIPANTS, agreement.farm.provider
    )


def runs_farm_day(membership):
    """Whether the header shows «I dag»: the people of a farm who follow participants."""
    return (
        membership is not None
        and membership.organisation.kind == OrganisationKind.PROVIDER
        and has_perm(membership, Perm.FOLLOW_PARTICIPANTS)
    )


def can_send_invoice_basis(membership, agreement):
    """The farmer (who signs for the farm) sends the month's invoice basis; the buyer only reads it."""
    return has_perm(membership, Perm.EDIT_FARM, agreement.farm.provider) and has_perm(
        membership, Perm.FOLLOW_PARTICIPANTS, agreement.farm.provider
    )


# --- Participants: the rest of the stay --------------------------------------------------------------


def can_view_access_log(membership, participant):
    """Who has read a participant's data is shown to the registering buyer, who answers the
    participant's questions about it."""
    return can_manage_participant(membership, participant)


def can_follow_placement(membership, placement, farm_may_see=True):
    """Goals and notes of a stay: the buyer that registered the participant, and the people of the farm
    the placement is on (farm_may_see: the placement is referred, active or ended, not declined)."""
    if can_manage_participant(membership, placement.participant):
        return True
    return farm_may_see and has_perm(membership, Perm.FOLLOW_PARTICIPANTS, placement.agreement.farm.provider)


def can_keep_risk_assessment(membership, farm):
    """The farm that has the participant writes the risk assessment the standard requires of it."""
    return can_run_farm_day(membership, farm)


# --- The access log ---------------------------------------------------------------------------


def log_access(actor, membership, subject, action, path=""):
    """Record that actor (acting through membership) read subject's personal data.

    Every view, export and task that shows a person's personal data calls this, in the same
    request, before the data leaves the server.
    """
    return AccessLogEntry.objects.create(
        actor=actor,
        organisation=membership.organisation if membership else None,
        subject_type=ContentType.objects.get_for_model(subject),
        subject_id=str(subject.pk),
        subject_label=str(subject)[:200],
        action=str(action)[:200],
        path=path[:500],
    )


def log_access_many(actor, membership, subjects, action, path=""):
    """log_access() for every subject shown on one page (a day list, an export), in one query."""
    subjects = list(subjects)
    if not subjects:
        return []
    organisation = membership.organisation if membership else None
    types = {}
    entries = []
    for subject in subjects:
        model = type(subject)
        if model not in types:
            types[model] = ContentType.objects.get_for_model(subject)
        entries.append(
            AccessLogEntry(
                actor=actor,
                organisation=organisation,
                subject_type=types[model],
                subject_id=str(subject.pk),
                subject_label=str(subject)[:200],
                action=str(action)[:200],
                path=path[:500],
            )
        )
    return AccessLogEntry.objects.bulk_create(entries)


def log_shown(request: HttpRequest, membership: Membership | None, subjects: Iterable[Any], action: str) -> Any:
    """log_access_many() for the subjects one page shows, by the person asking, at the address they asked for
    (with its query string: which month, which filter)."""
    return log_access_many(request.user, membership, subjects, action, request.get_full_path())


def access_log_for(subject):
    """Who has looked at this person's data, newest first."""
    return AccessLogEntry.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=str(subject.pk)
    ).select_related("actor", "organisation")
