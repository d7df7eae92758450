"""Placement pages: the referral the farm answers, ending a placement, changes the farm proposes and
the buyer decides, and the goals of the stay."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tunet.accounts import access
from tunet.core.rules import attempt, submitted

from .. import actions, forms, queries
from ..models import ChangeStatus, GoalStatus
from ._shared import log


def _render_placement(request, membership, placement, status=200, **forms_in_play):
    participant = placement.participant
    farm = placement.agreement.farm
    buyer_side = access.can_manage_participant(membership, participant)
    farm_side = access.can_decide_referral(membership, farm)
    page = queries.placement_page(placement)
    log(request, membership, participant, _("placement"))
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


@access.acting()
@require_GET
def placement(request, membership, pk):
    placement = queries.placement_for(membership, pk)
    return _render_placement(request, membership, placement)


@access.acting()
@require_POST
def placement_accept(request, membership, pk):
    placement = queries.placement_for(membership, pk)
    if attempt(request, actions.do_accept_referral, membership, placement):
        messages.success(request, _("The referral is accepted. The buyer is told."))
    return redirect("care:placement", pk=pk)


@access.acting()
@require_POST
def placement_decline(request, membership, pk):
    placement = queries.placement_for(membership, pk)
    access.require(access.can_decide_referral(membership, placement.agreement.farm))
    form = forms.DeclineForm(request.POST)
    if not form.is_valid():
        return _render_placement(request, membership, placement, status=400, decline=form)
    if attempt(request, actions.do_decline_referral, membership, placement, form.cleaned_data["reason"]):
        messages.success(request, _("The referral is declined. The buyer is told why."))
    return redirect("care:placement", pk=pk)


@access.acting()
@require_http_methods(["GET", "POST"])
def placement_end(request, membership, pk):
    """The buyer ends a placement: a page of its own, so that it is confirmed before it happens."""
    placement = queries.placement_for(membership, pk)
    access.require(access.can_manage_participant(membership, placement.participant))
    form = forms.EndForm(request.POST or None)
    if submitted(request, form, actions.do_end_placement, membership, placement):
        messages.success(request, _("The placement is ended. The farm is told."))
        return redirect("care:placement", pk=pk)
    log(request, membership, placement.participant, _("ending a placement"))
    return render(
        request,
        "care/placement_end.html",
        {"placement": placement, "participant": placement.participant, "form": form},
        status=400 if form.errors else 200,
    )


@access.acting()
@require_POST
def change_propose(request, membership, pk):
    placement = queries.placement_for(membership, pk)
    access.require(access.can_decide_referral(membership, placement.agreement.farm))
    form = forms.ChangeForm(request.POST)
    if submitted(request, form, actions.do_propose_change, membership, placement):
        messages.success(request, _("The change is proposed. The buyer decides."))
        return redirect("care:placement", pk=pk)
    return _render_placement(request, membership, placement, status=400, change=form)


@access.acting()
@require_POST
def change_decide(request, membership, pk, change_pk):
    placement = queries.placement_for(membership, pk)
    access.require(access.can_manage_participant(membership, placement.participant))
    change = queries.change_of(placement, change_pk)
    form = forms.DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose whether to approve the change."))
        return redirect("care:placement", pk=pk)
    approve = form.cleaned_data["decision"] == "approve"
    if attempt(request, actions.do_decide_change, membership, change, approve, form.cleaned_data["note"]):
        messages.success(request, _("The change is approved.") if approve else _("The change is not approved."))
    return redirect("care:placement", pk=pk)


@access.acting()
@require_POST
def goal_add(request, membership, pk):
    placement = queries.placement_for(membership, pk)
    form = forms.GoalForm(request.POST)
    if submitted(request, form, actions.do_add_goal, membership, placement):
        messages.success(request, _("The goal is added."))
        return redirect("care:placement", pk=pk)
    return _render_placement(request, membership, placement, status=400, goal=form)


@access.acting()
@require_POST
def goal_note(request, membership, pk, goal_pk):
    """One form per goal: a new status, whether the goal is shown on the participant's own pages, and a
    progress note. Any of them alone is a change; none at all asks for the note."""
    placement = queries.placement_for(membership, pk)
    goal = queries.goal_of(placement, goal_pk)
    note_form = forms.GoalNoteForm(request.POST)
    status_form = forms.GoalStatusForm(request.POST)
    new_status = status_form.cleaned_data["status"] if status_form.is_valid() else goal.status
    share = "goal_shared" in request.POST
    changed = new_status != goal.status or share != goal.shared
    if new_status != goal.status and not attempt(request, actions.do_set_goal_status, membership, goal, new_status):
        return redirect("care:placement", pk=pk)
    if share != goal.shared and not attempt(request, actions.do_share_goal, membership, goal, share):
        return redirect("care:placement", pk=pk)
    if note_form.is_valid():
        note = note_form.cleaned_data
        if not attempt(request, actions.do_add_goal_note, membership, goal, note["text"], note["shared"]):
            return redirect("care:placement", pk=pk)
    elif not changed:
        messages.error(request, _("Write the note."))
        return redirect("care:placement", pk=pk)
    messages.success(request, _("The goal is updated."))
    return redirect(f"{reverse('care:placement', args=[pk])}#goal-{goal.pk}")
