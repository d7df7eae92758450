"""Participant pages: the list, registering and changing one, named people, the referral, the
access log and the farm's risk assessment."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tunet.accounts import access
from tunet.accounts.models import OrganisationKind
from tunet.core.rules import attempt, submitted

from .. import actions, forms, queries
from ._shared import FOLLOWS, log


@access.acting(FOLLOWS)
@require_GET
def participants(request, membership):
    shown = queries.participant_list(membership)
    access.log_access_many(request.user, membership, shown, _("participant list"), request.path)
    return render(
        request,
        "care/participants.html",
        {"participants": shown, "can_register": access.can_register_participants(membership)},
    )


@access.acting(access.can_register_participants)
@require_http_methods(["GET", "POST"])
def participant_new(request, membership):
    form = forms.ParticipantForm(request.POST or None)
    if registered := submitted(request, form, actions.do_register_participant, membership):
        participant = registered.result
        messages.success(request, _("%(name)s is registered.") % {"name": participant})
        return redirect("care:participant", pk=participant.pk)
    return render(
        request, "care/participant_form.html", {"form": form, "participant": None}, status=400 if form.errors else 200
    )


@access.acting()
@require_GET
def participant(request, membership, pk):
    participant = queries.participant_for(membership, pk)
    page = queries.participant_page(participant, membership)
    keeps_risk = queries.risk_farm_of(membership) is not None
    log(request, membership, participant, _("participant details"))
    return render(
        request,
        "care/participant.html",
        {
            "participant": participant,
            **page,
            "manages": access.can_manage_participant(membership, participant),
            "names": access.can_change_named_people(membership, participant, participant.named_people_ids),
            "keeps_risk": keeps_risk,
        },
    )


@access.acting()
@require_http_methods(["GET", "POST"])
def participant_edit(request, membership, pk):
    participant = queries.participant_for(membership, pk)
    access.require(access.can_manage_participant(membership, participant))
    form = forms.ParticipantForm(
        request.POST or None,
        instance=participant,
        contact=participant.show_contact,
        protection=access.can_lift_protection(membership, participant, participant.named_people_ids),
    )
    if submitted(request, form, actions.do_update_participant, membership, participant):
        messages.success(request, _("The changes are saved."))
        return redirect("care:participant", pk=participant.pk)
    log(request, membership, participant, _("participant details (edit)"))
    return render(
        request,
        "care/participant_form.html",
        {"form": form, "participant": participant},
        status=400 if form.errors else 200,
    )


@access.acting()
@require_http_methods(["GET", "POST"])
def participant_named(request, membership, pk):
    participant = queries.participant_for(membership, pk)
    access.require(access.can_change_named_people(membership, participant, participant.named_people_ids))
    candidates = queries.people_who_may_be_named(participant)
    if membership.user_id not in participant.named_people_ids:
        candidates = candidates.exclude(pk=membership.user_id)  # nobody names themselves
    form = forms.NamedPeopleForm(
        request.POST or None, candidates=candidates, initial={"people": list(participant.named_people_ids)}
    )
    if request.method == "POST" and form.is_valid():
        if not attempt(request, actions.do_set_named_people, membership, participant, form.cleaned_data["people"]):
            return redirect(request.path)
        messages.success(request, _("The named people are saved."))
        return redirect("care:participant", pk=participant.pk)
    log(request, membership, participant, _("named people"))
    return render(request, "care/named_people.html", {"participant": participant, "form": form})


@access.acting()
@require_http_methods(["GET", "POST"])
def participant_refer(request, membership, pk):
    participant = queries.participant_for(membership, pk)
    access.require(access.can_manage_participant(membership, participant))
    form = forms.ReferralForm(
        request.POST or None,
        buyer=participant.buyer,
        time_limited=participant.buyer.kind == OrganisationKind.NAV_OFFICE,
    )
    if referred := submitted(request, form, actions.do_refer_participant, membership, participant):
        placement = referred.result
        messages.success(request, _("The referral is sent to %(farm)s.") % {"farm": placement.agreement.farm.name})
        return redirect("care:placement", pk=placement.pk)
    log(request, membership, participant, _("referral"))
    return render(
        request,
        "care/refer.html",
        {"participant": participant, "form": form},
        status=400 if form.errors else 200,
    )


@access.acting()
@require_GET
def access_log(request, membership, pk):
    participant = queries.participant_for(membership, pk)
    access.require(access.can_view_access_log(membership, participant))
    log(request, membership, participant, _("access log"))
    entries = list(access.access_log_for(participant)[:500])
    return render(request, "care/access_log.html", {"participant": participant, "entries": entries})


@access.acting()
@require_http_methods(["GET", "POST"])
def risk_assessment(request, membership, pk):
    """The farm writes its risk assessment for the participant; the buyer reads every farm's."""
    participant = queries.participant_for(membership, pk)
    access.require(participant.show_details)  # not for a farm after the placement ended
    farm = queries.risk_farm_of(membership)
    keeps = farm is not None
    assessment = queries.risk_assessment_of(participant, farm) if farm is not None else None
    form = forms.RiskAssessmentForm(request.POST or None, instance=assessment) if keeps else None
    if request.method == "POST":
        access.require(keeps)
        if submitted(request, form, actions.do_save_risk_assessment, membership, participant, farm):
            messages.success(request, _("The risk assessment is saved."))
            return redirect("care:risk", pk=participant.pk)
    page = queries.participant_page(participant, membership)
    log(request, membership, participant, _("risk assessment"))
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
