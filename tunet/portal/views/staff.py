"""The buyer's and the farm's side of the participant's pages: the case worker records consents, sends
invitations and withdraws access; the farm and the case worker read and answer messages."""

from __future__ import annotations

from django.contrib import messages as flash
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from tunet.accounts import access
from tunet.care.queries import participant_for, placement_for
from tunet.core.forms import posted
from tunet.core.rules import attempt, submitted

from .. import actions, forms, queries


def _manage_page(request, membership, participant, status=200, **forms_in_play):
    placements = queries.active_placements(participant)
    plans = queries.plans_of(placements)
    access.log_access(request.user, membership, participant, _("access to my pages"), request.path)
    return render(
        request,
        "portal/manage.html",
        {
            "participant": participant,
            "rows": queries.access_rows(participant),
            "own_form": forms_in_play.get("own")
            or forms.OwnLoginForm(initial={"email": participant.email}, prefix="own"),
            "relative_form": forms_in_play.get("relative")
            or forms.RelativeForm(protected=participant.protected, prefix="relative"),
            "plans": [
                (p, forms.CheckInPlanForm(initial={"every_months": plans[p.pk]}, prefix=f"p{p.pk}")) for p in placements
            ],
            "corrections": queries.open_corrections(participant),
            "manages": True,
            "active": "portal",
        },
        status=status,
    )


def _managed(membership, pk):
    participant = participant_for(membership, pk)
    access.require(access.can_manage_portal_access(membership, participant))
    return participant


@access.acting(access.can_register_participants)
@require_GET
def manage(request, membership, pk):
    return _manage_page(request, membership, _managed(membership, pk))


@access.acting(access.can_register_participants)
@require_POST
def own_login(request, membership, pk):
    participant = _managed(membership, pk)
    form = forms.OwnLoginForm(request.POST, prefix="own")
    if submitted(request, form, actions.do_give_own_login, membership, participant):
        flash.success(request, _("The invitation is sent to %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("portal:manage", pk=pk)
    return _manage_page(request, membership, participant, status=400, own=form)


@access.acting(access.can_register_participants)
@require_POST
def relative(request, membership, pk):
    participant = _managed(membership, pk)
    form = forms.RelativeForm(request.POST, protected=participant.protected, prefix="relative")
    if submitted(request, form, actions.do_record_relative, membership, participant):
        flash.success(
            request,
            _("The consent is recorded and the invitation is sent to %(email)s.")
            % {"email": form.cleaned_data["email"]},
        )
        return redirect("portal:manage", pk=pk)
    return _manage_page(request, membership, participant, status=400, relative=form)


@access.acting(access.can_register_participants)
@require_POST
def access_new_link(request, membership, pk, access_pk):
    participant = _managed(membership, pk)
    row = queries.access_row_for(membership, participant, access_pk)
    if attempt(request, actions.do_send_new_invitation, membership, row):
        flash.success(
            request, _("A new link is sent to %(email)s. The old link no longer works.") % {"email": row.email}
        )
    return redirect("portal:manage", pk=pk)


@access.acting(access.can_register_participants)
@require_http_methods(["GET", "POST"])
def access_withdraw(request, membership, pk, access_pk):
    """Withdraw a consent: asked for on a page of its own, done on POST."""
    participant = _managed(membership, pk)
    row = queries.access_row_for(membership, participant, access_pk)
    if request.method == "POST":
        if attempt(request, actions.do_withdraw_access, membership, row):
            flash.success(request, _("The access of %(name)s has ended.") % {"name": row.full_name})
        return redirect("portal:manage", pk=pk)
    access.log_access(request.user, membership, participant, _("access to my pages"), request.path)
    return render(request, "portal/withdraw.html", {"participant": participant, "row": row})


@access.acting(access.can_register_participants)
@require_POST
def plan(request, membership, pk, placement_pk):
    participant = _managed(membership, pk)
    placement = queries.placement_of(participant, placement_pk)
    form = forms.CheckInPlanForm(request.POST, prefix=f"p{placement.pk}")
    if submitted(request, form, actions.do_set_check_in_plan, membership, placement):
        flash.success(request, _("Saved."))
    elif form.errors:
        flash.error(request, _("Choose how often."))
    return redirect("portal:manage", pk=pk)


@access.acting(access.can_register_participants)
@require_POST
def correction_handled(request, membership, pk, request_pk):
    participant = _managed(membership, pk)
    correction = queries.correction_for(membership, participant, request_pk)
    if attempt(request, actions.do_mark_correction_handled, membership, correction):
        flash.success(request, _("The request is marked as handled."))
    return redirect("portal:manage", pk=pk)


@access.acting(access.may(access.Perm.FOLLOW_PARTICIPANTS))
@require_http_methods(["GET", "POST"])
def conversation(request, membership, pk):
    """The placement's messages and the participant's check-in answers, for the farm and the buyer."""
    placement = placement_for(membership, pk)
    access.require(placement.participant.show_details)  # not for a farm after the placement ended
    form = forms.MessageForm(posted(request))
    if submitted(request, form, actions.do_answer_message, membership, placement):
        flash.success(request, _("The message is sent."))
        return redirect("portal:conversation", pk=pk)
    access.log_access(request.user, membership, placement.participant, _("messages and check-ins"), request.path)
    return render(
        request,
        "portal/conversation.html",
        {
            "placement": placement,
            "participant": placement.participant,
            "messages_": queries.threads_of([placement])[0][1],
            "check_ins": queries.check_ins_of(placement),
            "form": form,
        },
        status=400 if form.errors else 200,
    )
