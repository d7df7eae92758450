"""Views of participants and placements: thin, they parse the request, call a query or an action,
log the read, render.

Every view that shows a participant's data calls access.log_access() before rendering, in the
same request. A protected participant's address and contact details are rendered only for the
people named for them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tunet.accounts import access
from tunet.accounts.models import OrganisationKind
from tunet.catalogue.queries import farm_of

from . import actions, forms, queries
from .models import ChangeStatus, Goal, GoalStatus, Participant, Placement, PlacementChange


def _membership(request):
    membership = access.active_membership(request)
    access.require(access.has_perm(membership, access.Perm.FOLLOW_PARTICIPANTS))
    return membership


def _participant(request, pk):
    """The membership and the participant, if it may see them; with `named_people_ids` and whether
    the contact details may be shown (`show_contact`)."""
    membership = _membership(request)
    participant = get_object_or_404(Participant.objects.select_related("buyer", "postal_code"), pk=pk)
    access.require(access.can_view_participant(membership, participant, queries.farm_provider_ids(participant)))
    queries.attach_named_ids([participant])
    participant.show_contact = access.can_see_contact_details(membership, participant, participant.named_people_ids)
    return membership, participant


def _log(request, membership, participant, what):
    access.log_access(request.user, membership, participant, what, request.path)


def _placement(request, pk):
    membership = _membership(request)
    placement = get_object_or_404(
        Placement.objects.select_related("participant__buyer", "participant__postal_code", "agreement__farm__provider"),
        pk=pk,
    )
    participant = placement.participant
    farm_may_see = placement.status in queries.FARM_SEES
    access.require(access.can_follow_placement(membership, placement, farm_may_see=farm_may_see))
    queries.attach_named_ids([participant])
    participant.show_contact = access.can_see_contact_details(membership, participant, participant.named_people_ids)
    return membership, placement


def _refused(request, refusal, to):
    messages.error(request, str(refusal))
    return redirect(to)


# --- Participants ---------------------------------------------------------------------------------------


@login_required
@require_GET
def participants(request):
    membership = _membership(request)
    shown = queries.participant_list(membership)
    for participant in shown:
        participant.show_contact = access.can_see_contact_details(membership, participant, participant.named_people_ids)
    access.log_access_many(request.user, membership, shown, _("participant list"), request.path)
    return render(
        request,
        "care/participants.html",
        {"participants": shown, "can_register": access.can_register_participants(membership)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_new(request):
    membership = _membership(request)
    access.require(access.can_register_participants(membership))
    form = forms.ParticipantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        participant = actions.register_participant(membership, form)
        messages.success(request, _("%(name)s is registered.") % {"name": participant})
        return redirect("care:participant", pk=participant.pk)
    return render(
        request, "care/participant_form.html", {"form": form, "participant": None}, status=400 if form.errors else 200
    )


@login_required
@require_GET
def participant(request, pk):
    membership, participant = _participant(request, pk)
    page = queries.participant_page(participant, membership)
    farm = farm_of(membership)
    _log(request, membership, participant, _("participant details"))
    return render(
        request,
        "care/participant.html",
        {
            "participant": participant,
            **page,
            "manages": access.can_manage_participant(membership, participant),
            "keeps_risk": farm is not None and access.can_keep_risk_assessment(membership, farm),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_edit(request, pk):
    membership, participant = _participant(request, pk)
    access.require(access.can_manage_participant(membership, participant))
    form = forms.ParticipantForm(request.POST or None, instance=participant, contact=participant.show_contact)
    if request.method == "POST" and form.is_valid():
        actions.update_participant(membership, participant, form)
        messages.success(request, _("The changes are saved."))
        return redirect("care:participant", pk=participant.pk)
    _log(request, membership, participant, _("participant details (edit)"))
    return render(
        request,
        "care/participant_form.html",
        {"form": form, "participant": participant},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def participant_named(request, pk):
    membership, participant = _participant(request, pk)
    access.require(access.can_manage_participant(membership, participant))
    candidates = actions.people_who_may_be_named(participant)
    form = forms.NamedPeopleForm(
        request.POST or None, candidates=candidates, initial={"people": list(participant.named_people_ids)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_named_people(membership, participant, form.cleaned_data["people"])
        except actions.NotAllowed as refusal:
            return _refused(request, refusal, request.path)
        messages.success(request, _("The named people are saved."))
        return redirect("care:participant", pk=participant.pk)
    _log(request, membership, participant, _("named people"))
    return render(request, "care/named_people.html", {"participant": participant, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def participant_refer(request, pk):
    membership, participant = _participant(request, pk)
    access.require(access.can_manage_participant(membership, participant))
    form = forms.ReferralForm(
        request.POST or None,
        buyer=participant.buyer,
        time_limited=participant.buyer.kind == OrganisationKind.NAV_OFFICE,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            placement = actions.refer(
                membership,
                participant,
                data["agreement"],
                data["weekdays"],
                data["start"],
                data["planned_end"],
                data["note"],
            )
        except actions.NotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The referral is sent to %(farm)s.") % {"farm": placement.agreement.farm.name})
            return redirect("care:placement", pk=placement.pk)
    _log(request, membership, participant, _("referral"))
    return render(
        request,
        "care/refer.html",
        {"participant": participant, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def access_log(request, pk):
    membership, participant = _participant(request, pk)
    access.require(access.can_view_access_log(membership, participant))
    _log(request, membership, participant, _("access log"))
    entries = list(access.access_log_for(participant)[:500])
    return render(request, "care/access_log.html", {"participant": participant, "entries": entries})


@login_required
@require_http_methods(["GET", "POST"])
def risk_assessment(request, pk):
    """The farm writes its risk assessment for the participant; the buyer reads every farm's."""
    membership, participant = _participant(request, pk)
    farm = farm_of(membership)
    keeps = farm is not None and access.can_keep_risk_assessment(membership, farm)
    assessment = queries.risk_assessment_of(participant, farm) if keeps else None
    form = forms.RiskAssessmentForm(request.POST or None, instance=assessment) if keeps else None
    if request.method == "POST":
        access.require(keeps)
        if form.is_valid():
            data = form.cleaned_data
            try:
                actions.save_risk_assessment(
                    membership,
                    participant,
                    farm,
                    data["hazards"],
                    data["measures"],
                    data["reviewed_on"],
                    data["reviewed_with"],
                )
            except actions.NotAllowed as refusal:
                form.add_error(None, str(refusal))
            else:
                messages.success(request, _("The risk assessment is saved."))
                return redirect("care:risk", pk=participant.pk)
    page = queries.participant_page(participant, membership)
    _log(request, membership, participant, _("risk assessment"))
    return render(
        request,
        "care/risk.html",
        {
            "participant": participant,
            "form": form,
            "assessment": assessment,
            "assessments": page["assessments"],
            "manages": access.can_manage_participant(membership, participant),
        },
        status=400 if form is not None and form.errors else 200,
    )


# --- Placements -------------------------------------------------------------------------------------------


def _render_placement(request, membership, placement, status=200, **forms_in_play):
    participant = placement.participant
    farm = placement.agreement.farm
    buyer_side = access.can_manage_participant(membership, participant)
    farm_side = access.can_decide_referral(membership, farm)
    page = queries.placement_page(placement)
    _log(request, membership, participant, _("placement"))
    context = {
        "placement": placement,
        "participant": participant,
        **page,
        "open_change": next((c for c in page["changes"] if c.status == ChangeStatus.PROPOSED), None),
        "buyer_side": buyer_side,
        "farm_side": farm_side,
        "follows": True,
        "decline_form": forms_in_play.get("decline") or forms.DeclineForm(),
        "change_form": forms_in_play.get("change") or forms.ChangeForm(),
        "goal_form": forms_in_play.get("goal") or forms.GoalForm(),
        "goal_statuses": GoalStatus.choices,
    }
    return render(request, "care/placement.html", context, status=status)


@login_required
@require_GET
def placement(request, pk):
    membership, placement = _placement(request, pk)
    return _render_placement(request, membership, placement)


@login_required
@require_POST
def placement_accept(request, pk):
    membership, placement = _placement(request, pk)
    try:
        actions.accept_referral(membership, placement)
    except actions.NotAllowed as refusal:
        return _refused(request, refusal, reverse("care:placement", args=[pk]))
    messages.success(request, _("The referral is accepted. The buyer is told."))
    return redirect("care:placement", pk=pk)


@login_required
@require_POST
def placement_decline(request, pk):
    membership, placement = _placement(request, pk)
    access.require(access.can_decide_referral(membership, placement.agreement.farm))
    form = forms.DeclineForm(request.POST)
    if not form.is_valid():
        return _render_placement(request, membership, placement, status=400, decline=form)
    try:
        actions.decline_referral(membership, placement, form.cleaned_data["reason"])
    except actions.NotAllowed as refusal:
        messages.error(request, str(refusal))
        return redirect("care:placement", pk=pk)
    messages.success(request, _("The referral is declined. The buyer is told why."))
    return redirect("care:placement", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def placement_end(request, pk):
    """The buyer ends a placement: a page of its own, so that it is confirmed before it happens."""
    membership, placement = _placement(request, pk)
    access.require(access.can_manage_participant(membership, placement.participant))
    form = forms.EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.end_placement(membership, placement, data["reason"], data["day"], data["note"])
        except actions.NotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The placement is ended. The farm is told."))
            return redirect("care:placement", pk=pk)
    _log(request, membership, placement.participant, _("ending a placement"))
    return render(
        request,
        "care/placement_end.html",
        {"placement": placement, "participant": placement.participant, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def change_propose(request, pk):
    membership, placement = _placement(request, pk)
    access.require(access.can_decide_referral(membership, placement.agreement.farm))
    form = forms.ChangeForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.propose_change(
                membership,
                placement,
                data["kind"],
                data["reason"],
                new_end=data["new_end"],
                new_weekdays=data["new_weekdays"],
                end_reason=data["end_reason"],
            )
        except actions.NotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The change is proposed. The buyer decides."))
            return redirect("care:placement", pk=pk)
    return _render_placement(request, membership, placement, status=400, change=form)


@login_required
@require_POST
def change_decide(request, pk, change_pk):
    membership, placement = _placement(request, pk)
    access.require(access.can_manage_participant(membership, placement.participant))
    change = get_object_or_404(PlacementChange, pk=change_pk, placement=placement)
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        return _refused(request, _("Choose whether to approve the change."), reverse("care:placement", args=[pk]))
    approve = form.cleaned_data["decision"] == "approve"
    try:
        actions.decide_change(membership, change, approve, form.cleaned_data["note"])
    except actions.NotAllowed as refusal:
        messages.error(request, str(refusal))
    else:
        messages.success(request, _("The change is approved.") if approve else _("The change is not approved."))
    return redirect("care:placement", pk=pk)


@login_required
@require_POST
def goal_add(request, pk):
    membership, placement = _placement(request, pk)
    form = forms.GoalForm(request.POST)
    if form.is_valid():
        try:
            actions.add_goal(membership, placement, form.cleaned_data["title"], form.cleaned_data["description"])
        except actions.NotAllowed as refusal:
            form.add_error(None, str(refusal))
        else:
            messages.success(request, _("The goal is added."))
            return redirect("care:placement", pk=pk)
    return _render_placement(request, membership, placement, status=400, goal=form)


@login_required
@require_POST
def goal_note(request, pk, goal_pk):
    membership, placement = _placement(request, pk)
    goal = get_object_or_404(Goal, pk=goal_pk, placement=placement)
    goal.placement = placement
    note_form = forms.GoalNoteForm(request.POST)
    status_form = forms.GoalStatusForm(request.POST)
    try:
        if status_form.is_valid() and status_form.cleaned_data["status"] != goal.status:
            actions.set_goal_status(membership, goal, status_form.cleaned_data["status"])
        if note_form.is_valid():
            actions.add_goal_note(membership, goal, note_form.cleaned_data["text"])
        elif not status_form.is_valid() or status_form.cleaned_data["status"] == goal.status:
            messages.error(request, _("Write the note."))
            return redirect("care:placement", pk=pk)
    except actions.NotAllowed as refusal:
        messages.error(request, str(refusal))
        return redirect("care:placement", pk=pk)
    messages.success(request, _("The goal is updated."))
    return redirect(f"{reverse('care:placement', args=[pk])}#goal-{goal.pk}")
